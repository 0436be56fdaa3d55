// Issue #39 item 2: Voice Analytics waits minutes by design. Its requests have a lane of their own
// (other requests of the key wait for pacing only), the items of one execution run side by side,
// one analysis per call is started (items, executions and re-runs naming it share it), and UniTalk's
// cap on analyses is waited out. The stand-in holds every analysis until the test lets it answer:
// the assertions are about what is pending and what was sent, never about time.
import type { IDataObject } from 'n8n-workflow';

import { SLOW_LANE_SIZE } from '../../nodes/UniTalk/transport/limiter';
import { run, useStandIn } from '../helpers';
import type { Analyses } from '../standin/analyses';

const analyse = { resource: 'call', operation: 'voiceAnalytics', profileId: 123 };
const ANALYTICS = '/calls/analytics/create';

/** Waits (real time, polling) until `done()`; fails with `what` when it never happens. */
async function until(done: () => boolean, what: string, guardMs = 20_000): Promise<void> {
	const end = Date.now() + guardMs;
	while (!done()) {
		if (Date.now() > end) throw new Error(`Never happened: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('Voice Analytics has its own lane (#39)', () => {
	const standIn = useStandIn();
	const analyses = () => standIn.state.analyses;
	/** `count` answered calls with recordings; their call IDs as the node's items. */
	const calls = (count: number): IDataObject[] =>
		Array.from({ length: count }, () => ({ callId: String(standIn.endCall({}).id) }));

	// Whatever a failed test left pending answers, so the next test starts clean.
	let current: Analyses | undefined;
	let test = 0;
	beforeEach(() => {
		current = analyses();
		// New call IDs in every test: this process shares an analysis of a call for 30 minutes.
		standIn.state.continueIdsFrom(100_000 * ++test);
	});
	afterEach(() => {
		current!.hold = false;
		current!.release();
	});

	it('12 pending analyses (12 executions) do not hold up a read of the same key', async () => {
		analyses().hold = true;
		const pending = calls(12).map(async (item) => await run(standIn, analyse, [item]));
		await until(() => analyses().pending === SLOW_LANE_SIZE, 'the slow lane filled');

		const read = await Promise.race([
			run(standIn, { resource: 'user', operation: 'getAll', returnAll: true }),
			until(() => false, 'the read answered while analyses were pending').then(() => undefined),
		]);
		expect(read?.error).toBeUndefined();
		// Answered while every analysis was still pending: none had answered yet.
		expect(analyses().pending).toBe(SLOW_LANE_SIZE);
		expect(analyses().started.length).toBe(SLOW_LANE_SIZE);

		analyses().hold = false;
		analyses().release();
		const results = await Promise.all(pending);
		expect(results.map((result) => result.error)).toEqual(Array(12).fill(undefined));
		expect(analyses().started.length).toBe(12);
	});

	it('the 12 analyses of one execution run side by side, in order and paired', async () => {
		analyses().hold = true;
		const items = calls(12);
		const execution = run(standIn, analyse, items);
		await until(() => analyses().pending === SLOW_LANE_SIZE, 'the lane filled at once');
		// As many at once as the lane allows (UniTalk's 20 simultaneous calls are shared with the
		// other lanes), never more; the rest start as places free.
		expect(analyses().runningNow).toBe(SLOW_LANE_SIZE);
		analyses().release(SLOW_LANE_SIZE);
		await until(() => analyses().pending === 12 - SLOW_LANE_SIZE, 'the second round started');
		analyses().release();
		const { items: out, error } = await execution;

		expect(error).toBeUndefined();
		expect(analyses().maxRunning).toBe(SLOW_LANE_SIZE);
		expect(out.map((item) => [item.json.callId, item.pairedItem])).toEqual(
			items.map((item, i) => [item.callId, { item: i }]),
		);
		expect(out[0].json).toMatchObject({ analysis: { 'Dialog topic': 'Order' } });
	});

	it('side by side, Continue On Fail still fails only its own item', async () => {
		const [first, last] = calls(2);
		const { items, error } = await run(standIn, analyse, [first, { callId: '999999999' }, last], {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect([items[0].json.callId, items[2].json.callId]).toEqual([first.callId, last.callId]);
		expect(String(items[1].json.error)).toMatch(/Call does not exist|No call found/);
	});

	it('two items naming one call start one analysis and share it; a re-run starts none', async () => {
		analyses().hold = true;
		const [item] = calls(1);
		const execution = run(standIn, analyse, [item, item]);
		await until(() => analyses().pending === 1, 'the analysis started');
		analyses().release();
		const first = await execution;

		expect(first.error).toBeUndefined();
		expect(standIn.calls(ANALYTICS).length).toBe(1);
		expect(first.items.map((one) => [one.json.callId, one.pairedItem])).toEqual([
			[item.callId, { item: 0 }],
			[item.callId, { item: 1 }],
		]);
		expect(first.items[1].json).toEqual(first.items[0].json);

		// A re-run (a new execution: no ledger of the first) within the sharing time.
		const again = await run(standIn, analyse, [item]);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toEqual(first.items[0].json);
		expect(standIn.calls(ANALYTICS).length).toBe(1);
		expect(analyses().started).toEqual([Number(item.callId)]);
	});

	it('two executions naming one call at once share one analysis', async () => {
		analyses().hold = true;
		const [item] = calls(1);
		const one = run(standIn, analyse, [item]);
		const other = run(standIn, analyse, [item]);
		await until(() => analyses().pending === 1, 'the analysis started');
		analyses().release();
		const results = await Promise.all([one, other]);
		expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		expect(analyses().started.length).toBe(1);
		expect(analyses().refusedInProgress).toBe(0);
	});

	it('UniTalk’s cap on analyses is waited out until one finishes, beyond six refusals', async () => {
		analyses().hold = true;
		// The project's cap is full: ours (6 pending) and another system's one; five more of the other
		// system's wait to take each place ours leave.
		analyses().maxConcurrent = 7;
		analyses().othersRunning = 1;
		analyses().othersWaiting = 5;
		const ours = run(standIn, analyse, calls(6));
		await until(() => analyses().pending === 6, 'our analyses started');
		const [late] = calls(1);
		const refused = run(standIn, analyse, [late]);
		for (let refusal = 1; refusal <= 6; refusal++) {
			await until(() => analyses().refusedBusy >= refusal, `refusal ${refusal}`);
			// Its refusal reaches the node before ours answers (order, not timing, is the point).
			await new Promise((resolve) => setTimeout(resolve, 200));
			analyses().release(1); // one of ours answers: the next place goes to the other system…
		}
		// …until none is waiting: the sixth answer leaves a place, and the refused one takes it.
		await until(() => analyses().started.includes(Number(late.callId)), 'the late one started');
		analyses().release();
		const [result, ourResult] = await Promise.all([refused, ours]);

		expect(ourResult.error).toBeUndefined();
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ callId: late.callId });
		expect(analyses().refusedBusy).toBe(6);
	});

	it('“already in progress” (started elsewhere) says where its result goes, and is not retried', async () => {
		standIn.inject({
			path: ANALYTICS,
			reply: {
				status: 200,
				body: { status: 'Error', message: 'Voice analytics is already in progress' },
			},
		});
		const { error } = await run(standIn, analyse, calls(1));
		const said = `${error?.message} ${error?.description}`;
		expect(said).toMatch(/only to the request that started it/);
		expect(said).not.toMatch(/wait for its result/);
		expect(standIn.calls(ANALYTICS).length).toBe(1);
	});
});
