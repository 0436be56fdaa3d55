import type { IDataObject } from 'n8n-workflow';

import { withFailureCause } from '../../nodes/UniTalk/poll/poll';
import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { toUniTalkError } from '../../nodes/UniTalk/transport/failure';
import { PollHarness } from '../harness/poll';
import { credentialsFor, seedAutodialer, useStandIn } from '../helpers';

// The UniTalk Call History Trigger through n8n-core's poll path, against the stand-in's history.
describe('UniTalk Call History Trigger', () => {
	const standIn = useStandIn();
	const zone = 'Europe/Kyiv';
	/** A call written to the history now, dated `minutesAgo` (when it started). */
	const call = (minutesAgo = 0, over: IDataObject = {}) =>
		standIn.state.addHistoryCall(
			formatInZone(new Date(Date.now() - minutesAgo * 60_000), zone),
			over,
		);
	const trigger = (parameters: IDataObject = {}) =>
		new PollHarness(
			{ lookBackMinutes: 60, ...parameters },
			credentialsFor(standIn, { timeZone: zone }),
		);
	const historyReads = () => standIn.calls('/history/get').length;
	const dbIds = (items: { json: IDataObject }[] | null) => (items ?? []).map((i) => i.json.dbId);

	it('starts from now on its first activation: calls that ended before are never emitted', async () => {
		call(10);
		call(50);
		const poller = trigger();
		expect(await poller.poll()).toEqual({ items: null });
		const state = JSON.parse(poller.savedState)['node:UniTalk Call History Trigger'];
		expect(Math.abs(state.watermark - Date.now())).toBeLessThan(60_000);
		expect(Object.keys(state.seen)).toHaveLength(2);
		const after = call(0.1);
		expect(dbIds((await poller.poll()).items)).toEqual([after]);
		expect((await poller.poll()).items).toBeNull();
	});

	it("emits each new call once, oldest first, as the UniTalk Trigger's CALL_END item", async () => {
		const poller = trigger();
		await poller.poll();
		const first = call(0.2, { state: 'NOANSWER', from: '380505557182' });
		const second = call(0.1);
		const { items } = await poller.poll();
		expect(dbIds(items)).toEqual([first, second]);
		expect(items![0].json).toMatchObject({
			event: 'CALL_END',
			kind: 'call',
			callId: String(2_000_000 + first),
			dbId: first,
			direction: 'in',
			customerNumber: '380505557182',
			missed: true,
			answered: false,
			endCause: 19,
			endCauseText: 'No answer',
		});
		expect(items![0].json.raw).toBeUndefined();
		expect((await poller.poll()).items).toBeNull();
	});

	it('catches a row UniTalk writes late, inside the look-back window, once', async () => {
		const poller = trigger();
		await poller.poll();
		expect((await poller.poll()).items).toBeNull();
		const late = call(30); // a 30-minute call that just ended: written now, dated when it started
		expect(dbIds((await poller.poll()).items)).toEqual([late]);
		expect((await poller.poll()).items).toBeNull();
	});

	it('2,500 calls between two polls → 2,500 items, each once, in the fewest pages', async () => {
		const poller = trigger();
		await poller.poll();
		const added = Array.from({ length: 2500 }, (_, i) => call(5 - i * 0.001));
		const before = historyReads();
		const { items } = await poller.poll();
		expect(historyReads() - before).toBe(3);
		expect(new Set(dbIds(items))).toEqual(new Set(added));
		expect(items).toHaveLength(2500);
		expect((await poller.poll()).items).toBeNull();
	});

	it('a poll failing on page 2 changes nothing: the next poll emits every call once', async () => {
		const poller = trigger();
		await poller.poll();
		const added = Array.from({ length: 1500 }, () => call(1));
		let reads = 0;
		standIn.onRequest = (path) => {
			if (path === '/history/get' && ++reads === 2)
				standIn.inject({ path, reply: { status: 500, body: 'Internal error' }, times: 10 });
		};
		const stateBefore = poller.savedState;
		const failed = await poller.poll();
		expect(poller.savedState).toBe(stateBefore); // nothing advances until a poll completes
		standIn.onRequest = undefined;
		standIn.state.faults.length = 0;
		expect(failed.error).toBeDefined();
		const { items } = await poller.poll();
		expect(items).toHaveLength(1500);
		expect(new Set(dbIds(items))).toEqual(new Set(added));
	});

	it("a poll UniTalk refuses says why in n8n's terms: a rejected key needs the user", async () => {
		const poller = new PollHarness(
			{ lookBackMinutes: 60 },
			credentialsFor(standIn, { timeZone: zone, apiKey: 'not-the-key' }),
		);
		const { error } = await poller.poll();
		expect((error as { failure?: IDataObject }).failure).toEqual({ cause: 'credential-invalid' });
	});

	it.each([
		['rateLimited', { cause: 'rate-limited', retryAfterMs: 60_000 }],
		['banned', { cause: 'credential-invalid' }],
		['notSent', { cause: 'temporarily-unavailable' }],
		['documented', undefined],
	])('a %s failure tells n8n 2.x back-off %j', (kind, failure) => {
		const node = {
			id: '1',
			name: 'Poll',
			type: 'x',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const error = toUniTalkError(
			node as never,
			{ kind: kind as never, message: 'x', httpCode: 0 },
			0,
		);
		expect((withFailureCause(error) as { failure?: IDataObject }).failure).toEqual(failure);
	});

	it('an n8n restart (static data kept) repeats nothing and misses nothing', async () => {
		const poller = trigger();
		await poller.poll();
		call(0.5);
		await poller.poll();
		const restarted = trigger();
		restarted.savedState = poller.savedState;
		expect((await restarted.poll()).items).toBeNull();
		const next = call(0.1);
		expect(dbIds((await restarted.poll()).items)).toEqual([next]);
	});

	it('Start From catches up on calls since then on the first activation', async () => {
		const old = call(120);
		const recent = call(30);
		call(60 * 24); // before Start From
		const startFrom = new Date(Date.now() - 3 * 3600_000).toISOString();
		const { items } = await trigger({ startFrom }).poll();
		expect(dbIds(items)).toEqual([old, recent]);
	});

	it('applies the filters: Only Missed Calls emits missed incoming calls only', async () => {
		const poller = trigger({ filters: { answered: 'missed' } });
		await poller.poll();
		call(0.3);
		const missed = call(0.2, { state: 'NOANSWER' });
		call(0.1, { state: 'NOANSWER', direction: 'OUT' });
		expect(dbIds((await poller.poll()).items)).toEqual([missed]);
	});

	it("Autodialer Call Results: each chosen autodialer's new calls once, with the autodialer's ID", async () => {
		const first = seedAutodialer(standIn, 'Morning');
		const second = seedAutodialer(standIn, 'Evening');
		const ended = (autodialerId: number, id: number, minutesAgo = 0) =>
			standIn.state.tasks.get(autodialerId)!.calls.push({
				id,
				phone: `3809700000${id}`,
				state: 'ANSWER',
				callEndTime: formatInZone(new Date(Date.now() - minutesAgo * 60_000), zone),
				operatorNumber: '1000',
			});
		ended(first, 1, 10); // before activation
		const poller = trigger({ event: 'autodialerCalls', autodialerIds: [first, second] });
		expect((await poller.poll()).items).toBeNull();
		ended(first, 2, 0.2);
		ended(second, 2, 0.1); // the same call ID in another autodialer is another call
		const { items } = await poller.poll();
		expect(items!.map((i) => [i.json.autodialerId, i.json.id, i.json.kind])).toEqual([
			[first, 2, 'autodialCall'],
			[second, 2, 'autodialCall'],
		]);
		expect(String(items![0].json.callEndTime)).toMatch(
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
		);
		expect((await poller.poll()).items).toBeNull();
		ended(first, 3, 0.05);
		expect((await poller.poll()).items!.map((i) => i.json.id)).toEqual([3]);
	});

	it('a manual test run shows the newest few calls and leaves the state alone', async () => {
		const ids = Array.from({ length: 8 }, (_, i) => call(80 - i));
		const poller = trigger();
		const { items } = await poller.poll('manual');
		expect(dbIds(items)).toEqual(ids.slice(3)); // the newest five, oldest first
		expect(JSON.parse(poller.savedState)).toEqual({});
	});
});
