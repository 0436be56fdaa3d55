import type { IDataObject } from 'n8n-workflow';

import { useDeduplication } from '../harness/deduplication';
import { run, useStandIn } from '../helpers';
import { DROP } from '../standin/server';

// Send Once Per Key, through n8n-core's deduplication service (the helpers n8n's Remove Duplicates
// node uses) with a store that behaves like n8n's database.
describe('Send Once Per Key', () => {
	const standIn = useStandIn();
	const store = useDeduplication();
	const phone = (i: number) => `38097${String(1_000_000 + i).slice(1)}`;
	const sms = (extra: IDataObject = {}) => ({
		resource: 'message',
		operation: 'send',
		messageType: 'SMS',
		to: '={{ $json.phone }}',
		text: 'Sorry we missed your call',
		sendOncePerKey: true,
		onceKey: '={{ $json.callId }}-missed-sms',
		...extra,
	});
	const sent = () =>
		standIn.calls('/message/send').length + standIn.calls('/message/sendBulk').length;

	it('a key used before is skipped with the reason, paired with its item; a new key is sent', async () => {
		const first = await run(standIn, sms(), [{ callId: 'c1', phone: phone(1) }]);
		expect(first.error).toBeUndefined();
		expect(standIn.calls('/message/send')).toHaveLength(1);

		const again = await run(standIn, sms(), [
			{ callId: 'c1', phone: phone(1) },
			{ callId: 'c2', phone: phone(2) },
		]);
		expect(again.error).toBeUndefined();
		expect(standIn.calls('/message/send').map((r) => r.body.to)).toEqual([phone(1), phone(2)]);
		expect(again.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(again.items[0].json).toEqual({
			skipped: true,
			key: 'c1-missed-sms',
			reason:
				'Send Once Per Key: not sent, the key "c1-missed-sms" was used before: UniTalk accepted it, or may have received it, in an earlier run (or another run is sending it now).',
		});
		expect(again.items[1].json).toMatchObject({ to: phone(2), sent: true });
	});

	it('a send UniTalk refused gives its key back: the next run sends it', async () => {
		standIn.inject({
			path: '/message/send',
			reply: { status: 200, body: { status: 'Error', message: 'Insufficient funds' } },
		});
		const refused = await run(standIn, sms(), [{ callId: 'c3', phone: phone(3) }]);
		expect(refused.error?.message).toMatch(/Insufficient funds|funds/i);
		const next = await run(standIn, sms(), [{ callId: 'c3', phone: phone(3) }]);
		expect(next.error).toBeUndefined();
		expect(next.items[0].json.skipped).toBeUndefined();
		expect(standIn.state.messages.size).toBe(1);
	});

	it('a send whose answer never came is never sent again, and says it may have been sent', async () => {
		standIn.inject({ path: '/message/send', reply: { status: 200, body: DROP } });
		const lost = await run(standIn, sms(), [{ callId: 'c4', phone: phone(4) }]);
		expect(lost.error?.description ?? lost.error?.message).toMatch(/may have been sent/);
		const before = sent();
		const next = await run(standIn, sms(), [{ callId: 'c4', phone: phone(4) }]);
		expect(sent()).toBe(before);
		expect(next.items[0].json).toMatchObject({ skipped: true, key: 'c4-missed-sms' });
		expect(String(next.items[0].json.reason)).toMatch(/may have received it/);
	});

	it('250 items with 10 repeated keys: 240 sent, in as many bulk requests as without the option', async () => {
		const items = Array.from({ length: 250 }, (_, i) => ({
			callId: `call-${i < 240 ? i : i - 240}`,
			phone: phone(i),
		}));
		const { items: out, error } = await run(standIn, sms(), items);
		expect(error).toBeUndefined();
		const bulk = standIn.calls('/message/sendBulk');
		expect(
			bulk.map((r) => Object.keys(r.body.messages ?? {}).length || r.body.recipients?.length),
		).toEqual([100, 100, 40]);
		expect(out).toHaveLength(250);
		const skipped = out.filter((item) => item.json.skipped);
		expect(skipped.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 10 }, (_, i) => ({ item: 240 + i })),
		);
		expect(String(skipped[0].json.reason)).toMatch(/item 0 of this run has the same key/);
	});

	it('an empty key stops the run before anything is sent or claimed, naming the item', async () => {
		const { error } = await run(
			standIn,
			sms(),
			[
				{ callId: 'c5', phone: phone(5) },
				{ phone: phone(6), callId: '' },
			],
			{ parameters: sms({ onceKey: '={{ $json.callId }}' }) },
		);
		expect(error?.message).toMatch(/"Key" is empty/);
		expect(error?.context?.itemIndex).toBe(1);
		expect(sent()).toBe(0);
		expect([...store.rows.values()].flat()).toEqual([]);
	});

	it("Retry On Fail in one execution: the retry's own keys are not skipped, nothing is sent twice", async () => {
		let sends = 0;
		standIn.onRequest = (path) => {
			if (path === '/message/send' && ++sends === 2)
				standIn.inject({
					path,
					reply: { status: 200, body: { status: 'Error', message: 'Insufficient funds' } },
				});
		};
		const items = [1, 2, 3].map((i) => ({ callId: `r${i}`, phone: phone(10 + i) }));
		const { items: out, error } = await run(
			standIn,
			sms({ messageType: 'SMS', alphaName: 'Shop' }), // one /message/send per item
			items,
			{ retryOnFail: { maxTries: 2 } },
		);
		standIn.onRequest = undefined;
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.skipped)).toEqual([undefined, undefined, undefined]);
		expect([...standIn.state.messages.values()].map((m) => m.to).sort()).toEqual(
			items.map((i) => i.phone).sort(),
		);
	});

	it('keeps at most Keys Remembered keys, forgetting the oldest', async () => {
		const items = [1, 2, 3].map((i) => ({ callId: `k${i}`, phone: phone(20 + i) }));
		await run(standIn, sms({ onceKeysRemembered: 2 }), items);
		const again = await run(standIn, sms({ onceKeysRemembered: 2 }), items);
		expect(again.items.map((item) => item.json.skipped ?? false)).toEqual([false, true, true]);
	});
});
