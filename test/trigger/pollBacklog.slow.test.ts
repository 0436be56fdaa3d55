// Recording Ready after an outage (#39): 300 recordings ready at once, Attach Recording on, at the
// key's real pace and n8n's real poll limits — n8n 2.x's durable scheduler (36 s budget, abandoned
// after 45 s, state saved only when a poll emits) and n8n 1.x (no limit, a poll a minute, one
// Workflow object in memory). Each call is emitted once, each file downloaded once, every poll
// ends inside its budget, and the backlog drains in a few polls. Real time: about 2 minutes.
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness, type PollRunner, SimulatedClock } from '../harness/poll';
import { credentialsFor, useStandIn } from '../helpers';

const MINUTE = 60_000;
const zone = 'Europe/Kyiv';
/**
 * Each line's way of polling, on that line's libraries: `npm run test:n8n2` runs this file on n8n
 * 2.x's n8n-core (2.x's scheduler), the plain Jest run on 1.x's (its in-memory workflow).
 */
const RUNNERS: Array<[string, PollRunner]> = process.env.UNITALK_N8N2_MODULES
	? [['n8n 2.x durable scheduler', { durable: { budgetMs: 36_000, timeoutMs: 45_000 } }]]
	: [['n8n 1.x', { inMemory: true }]];

describe('Recording Ready: a backlog of 300 recordings', () => {
	const standIn = useStandIn();
	let clock: SimulatedClock;
	let start = Date.UTC(2026, 11, 21, 8, 0, 0);
	beforeAll(() => (clock = new SimulatedClock(start, 1)));
	afterAll(() => clock.uninstall());
	afterEach(() => (start = Math.ceil((clock.now() + MINUTE) / 3600_000) * 3600_000));

	for (const [line, runner] of RUNNERS)
		it(`${line}: every call once, every file downloaded once, no poll past n8n's limit`, async () => {
			clock.set(start + 7);
			const harness = new PollHarness(
				{ event: 'recordingReady', recordingWaitHours: 3, options: { attachRecording: true } },
				credentialsFor(standIn, { timeZone: zone }),
				runner,
			);
			await harness.poll();
			const calls = Array.from({ length: 300 }, () =>
				standIn.state.addHistoryCall(formatInZone(new Date(start + MINUTE), zone), { link: null }),
			);
			for (const dbid of calls) standIn.state.addRecording(dbid);
			const emitted: IDataObject[] = [];
			for (let minute = 2; minute <= 12 && emitted.length < 300; minute++) {
				// The next poll on the minute, or at once if the last one ran past it.
				clock.set(start + minute * MINUTE + 7);
				const { items, error } = await harness.poll();
				expect(error).toBeUndefined();
				for (const item of items ?? []) emitted.push({ ...item.json, attached: !!item.binary });
			}
			const ids = emitted.map((item) => item.dbId);
			expect(ids).toEqual(calls);
			expect(emitted.every((item) => item.attached)).toBe(true);
			const files = standIn.requests.filter((r) => r.path.startsWith('/tracking/rec/'));
			expect(new Set(files.map((r) => r.path)).size).toBe(300);
			expect(files).toHaveLength(300);
			expect(harness.runs.filter((run) => run.abandoned)).toEqual([]);
			expect(Math.max(...harness.runs.map((run) => run.ms))).toBeLessThan(36_000);
			console.log(
				`${line}: 300 recordings in ${harness.runs.filter((run) => run.emitted).length} polls, longest ${Math.max(...harness.runs.map((run) => run.ms))} ms`,
			);
		}, 600_000);
});
