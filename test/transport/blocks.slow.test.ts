// #27 through n8n-core against the stand-in: a block answer stops the key, the refused read is sent
// again after the wait, and the execution's hint says what happened and what budget avoids it.
import { BLOCK_PAUSE_MS } from '../../nodes/UniTalk/transport/limiter';
import { useDeduplication } from '../harness/deduplication';
import { rl, run, seedAutodialer, useStandIn } from '../helpers';

describe('a temporary block during a run (#27)', () => {
	const standIn = useStandIn();

	it('waits with every request of the key, loses no read, and says so in a hint', async () => {
		const id = seedAutodialer(standIn, 'Blocked', ['380971234567']);
		// Others fill the key: UniTalk blocks it at this process's 8th read.
		let count = 0;
		standIn.onRequest = (path, body) => {
			if (body?.action === 'GET_NUMBER' && ++count === 8)
				standIn.inject({
					path,
					action: 'GET_NUMBER',
					reply: { status: 429, body: { status: 'Error', message: 'Too many requests' } },
				});
		};
		const {
			items,
			error,
			run: execution,
		} = await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'getNumber',
				autodialerId: rl(id),
				phone: '={{ $json.phone }}',
			},
			Array.from({ length: 12 }, () => ({ phone: '380971234567' })),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(12);
		expect(items.every((item) => item.json.error === undefined)).toBe(true);

		const reads = standIn.calls('/autodial/action', 'GET_NUMBER');
		expect(reads.map((r) => r.status)).toEqual([...Array(7).fill(200), 429, ...Array(5).fill(200)]);
		// Nothing left during the block: the next request came after the whole wait.
		expect(reads[8].at - reads[7].at).toBeGreaterThanOrEqual(BLOCK_PAUSE_MS - 50);

		const hints = (execution.data.resultData.runData.UniTalk[0].hints ?? []).map((h) => h.message);
		expect(hints).toContainEqual(
			expect.stringMatching(
				/^UniTalk blocked this key for too many requests at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: this n8n process had sent 7 requests .* now paces at 7\.0 requests per 10 s \(25 before\) .* Request Budget to 5 /,
			),
		);
	}, 120_000);
});

describe('a temporary block during a bulk send (#27)', () => {
	// A key of its own: the block above must not make this one a repeat (a longer wait).
	const standIn = useStandIn({ apiKeys: ['blocks-bulk-send-key'] });
	useDeduplication();
	const phone = (i: number) => `38097${String(1_000_000 + i).slice(1)}`;
	const sms = {
		resource: 'message',
		operation: 'send',
		messageType: 'SMS',
		to: '={{ $json.phone }}',
		text: 'Sorry we missed your call',
		sendOncePerKey: true,
		onceKey: '={{ $json.callId }}-missed-sms',
	};
	const items = Array.from({ length: 250 }, (_, i) => ({ callId: `call-${i}`, phone: phone(i) }));

	it('sends again only the request UniTalk refused: every recipient gets one SMS, and the keys stay used', async () => {
		let bulk = 0;
		standIn.onRequest = (path) => {
			if (path === '/message/sendBulk' && ++bulk === 2)
				standIn.inject({
					path,
					reply: { status: 429, body: { status: 'Error', message: 'Too many requests' } },
				});
		};
		const { items: out, error, run: execution } = await run(standIn, sms, items);
		expect(error).toBeUndefined();
		const requests = standIn.calls('/message/sendBulk');
		// The second request was refused (not executed) and sent again after the block; no other.
		expect(requests.map((r) => r.status)).toEqual([200, 429, 200, 200]);
		expect(requests[2].body).toEqual(requests[1].body);
		expect(requests[2].at - requests[1].at).toBeGreaterThanOrEqual(BLOCK_PAUSE_MS - 50);
		const recipients = [...standIn.state.messages.values()].map((m) => m.to);
		expect(recipients).toHaveLength(250);
		expect(new Set(recipients).size).toBe(250);
		expect(out.every((item) => item.json.sent === true)).toBe(true);
		const hints = (execution.data.resultData.runData.UniTalk[0].hints ?? []).map((h) => h.message);
		expect(hints).toContainEqual(expect.stringMatching(/^UniTalk blocked this key/));

		// Send Once Per Key kept every key: the same rows again send nothing.
		standIn.onRequest = undefined;
		const again = await run(standIn, sms, items);
		expect(again.error).toBeUndefined();
		expect(standIn.calls('/message/sendBulk')).toHaveLength(4);
		expect(again.items.every((item) => item.json.skipped === true)).toBe(true);
	}, 120_000);
});
