// The Filters both triggers share (#41): Answered or Missed (Only Missed, Only Answered, Any) from
// UniTalk Trigger version 3 and Call History Trigger version 2, Only Missed Calls kept by workflows
// saved before, and the Call History Trigger's Only Lost Calls (asked of UniTalk).
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness } from '../harness/poll';
import { credentialsFor, postWebhook as post, useStandIn, useTriggers } from '../helpers';
import { standard } from './fixtures/bodies';

const zone = 'Europe/Kyiv';

describe('Filters: Answered or Missed, Only Lost Calls', () => {
	const standIn = useStandIn();
	const serve = useTriggers(standIn);
	const missedEnd = () => standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0, to: [] });

	describe('UniTalk Trigger', () => {
		it('version 3, Only Answered Calls: answered CALL_END and CALL_ANSWER start; a missed call and CALL_NEW do not', async () => {
			const h = await serve({
				trigger: { mode: 'events', verification: 'apiKey', filters: { answered: 'answered' } },
			});
			expect((await post(h.url, missedEnd())).data.message).toMatch(
				/Ignored: not an answered call/,
			);
			expect((await post(h.url, standard('CALL_NEW'))).data.message).toMatch(
				/Ignored: not an answered call/,
			);
			expect((await post(h.url, standard('CALL_ANSWER'))).data.message).toBe('Received');
			expect((await post(h.url, standard('CALL_END'))).data.message).toBe('Received');
			await h.settled();
			expect(h.executions).toHaveLength(2);
		});

		it('version 3, Any: every call event starts', async () => {
			const h = await serve({
				trigger: { mode: 'events', verification: 'apiKey', filters: { answered: 'any' } },
			});
			expect((await post(h.url, missedEnd())).data.message).toBe('Received');
			expect((await post(h.url, standard('CALL_END'))).data.message).toBe('Received');
		});

		it('a workflow saved with version 2 keeps Only Missed Calls', async () => {
			const h = await serve({
				trigger: { mode: 'events', verification: 'apiKey', filters: { onlyMissed: true } },
				triggerVersion: 2,
			});
			expect((await post(h.url, standard('CALL_END'))).data.message).toMatch(
				/Ignored: not a missed call/,
			);
			expect((await post(h.url, missedEnd())).data.message).toBe('Received');
		});
	});

	describe('Call History Trigger', () => {
		const call = (minutesAgo: number, over: IDataObject = {}) =>
			standIn.state.addHistoryCall(
				formatInZone(new Date(Date.now() - minutesAgo * 60_000), zone),
				over,
			);
		const trigger = (parameters: IDataObject, version?: number) =>
			new PollHarness(
				{ lookBackMinutes: 60, ...parameters },
				credentialsFor(standIn, { timeZone: zone }),
				{},
				version,
			);
		const dbIds = (items: { json: IDataObject }[] | null) => (items ?? []).map((i) => i.json.dbId);

		it('version 2, Only Answered Calls: answered calls only', async () => {
			const poller = trigger({ filters: { answered: 'answered' } });
			await poller.poll();
			call(0.3, { state: 'NOANSWER' });
			const answered = call(0.2);
			const out = call(0.1, { direction: 'OUT' });
			expect(dbIds((await poller.poll()).items)).toEqual([answered, out]);
		});

		it('Only Lost Calls: every history/get asks UniTalk for lost calls; an answered call is never one', async () => {
			const poller = trigger({ filters: { lost: true } });
			await poller.poll();
			const lost = call(0.2, { state: 'NOANSWER' });
			call(0.1); // the stand-in does not pick lost calls: the trigger's own check leaves this out
			expect(dbIds((await poller.poll()).items)).toEqual([lost]);
			const bodies = standIn.calls('/history/get').map((r) => r.body as IDataObject);
			expect(bodies.length).toBeGreaterThan(1);
			for (const body of bodies) expect(body.filter).toEqual({ lost: true });
		});

		it('Recording Ready leaves Only Lost Calls out (its calls are answered ones)', async () => {
			const poller = trigger({ event: 'recordingReady', filters: { lost: true } });
			await poller.poll();
			expect(standIn.calls('/history/get').every((r) => !(r.body as IDataObject).filter)).toBe(
				true,
			);
		});

		it('a workflow saved with version 1 keeps Only Missed Calls', async () => {
			const saved = require('./fixtures/missed-call-poll.v1.json') as {
				nodes: Array<{ typeVersion: number; parameters: IDataObject }>;
			};
			const [node] = saved.nodes;
			expect(node.typeVersion).toBe(1);
			const poller = trigger(node.parameters, node.typeVersion);
			await poller.poll();
			const missed = call(0.3, { state: 'NOANSWER' });
			call(0.2);
			call(0.1, { state: 'NOANSWER', direction: 'OUT' });
			expect(dbIds((await poller.poll()).items)).toEqual([missed]);
		});
	});
});
