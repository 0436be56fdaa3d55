// Call History Trigger → Recording Ready (#28), through n8n-core's poll path against the stand-in:
// UniTalk writes an answered call when it ends, without its recording, and adds the link 10–15
// minutes later. Each answered call must start the workflow once, when the link first appears.
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness, SimulatedClock } from '../harness/poll';
import { credentialsFor, useStandIn } from '../helpers';

const MINUTE = 60_000;
const zone = 'Europe/Kyiv';

describe('Call History Trigger → Recording Ready', () => {
	const standIn = useStandIn();
	let clock: SimulatedClock;
	// Each case starts on a whole hour after the last one (the clock never goes back).
	let start = Date.UTC(2026, 11, 8, 8, 0, 0);
	beforeAll(() => (clock = new SimulatedClock(start)));
	afterAll(() => clock.uninstall());
	afterEach(() => (start = Math.ceil((clock.now() + MINUTE) / 3600_000) * 3600_000));

	const poller = (parameters: IDataObject = {}) =>
		new PollHarness(
			{ event: 'recordingReady', recordingWaitHours: 1, ...parameters },
			credentialsFor(standIn, { timeZone: zone }),
		);
	/** An answered call that started `minute` minutes after the case's start, written without link. */
	const answeredCall = (minute: number, over: IDataObject = {}) =>
		standIn.state.addHistoryCall(formatInZone(new Date(start + minute * MINUTE), zone), {
			link: null,
			...over,
		});
	/** Polls once a minute at second :00 from `from` to `to` (minutes after the start). */
	async function pollMinutes(
		harness: PollHarness,
		from: number,
		to: number,
		each: (minute: number) => void = () => undefined,
	) {
		const emitted: IDataObject[] = [];
		const errors: string[] = [];
		for (let minute = from; minute <= to; minute++) {
			clock.set(start + minute * MINUTE + 7);
			each(minute);
			const { items, error } = await harness.poll();
			if (error) errors.push(error.message);
			for (const item of items ?? []) emitted.push({ ...item.json, polledAt: minute });
		}
		return { emitted, errors };
	}

	it('an answered call whose link comes 12 minutes after it ended: emitted once, at the first poll after', async () => {
		clock.set(start + 7);
		const harness = poller();
		await harness.poll(); // activation
		let dbid = 0;
		let missed = 0;
		const { emitted, errors } = await pollMinutes(harness, 1, 60, (minute) => {
			if (minute === 5) {
				dbid = answeredCall(2); // a 3-minute call, written when it ended
				missed = answeredCall(3, { state: 'NOANSWER', to: [], secondsTalk: 0 });
			}
			if (minute === 17) standIn.state.addRecording(dbid);
		});
		expect(errors).toEqual([]);
		expect(emitted.map((item) => [item.dbId, item.polledAt])).toEqual([[dbid, 17]]);
		expect(emitted[0]).toMatchObject({
			event: 'RECORDING_READY',
			kind: 'call',
			answered: true,
			recordingUrl: expect.stringContaining('/tracking/rec/'),
		});
		expect(emitted.some((item) => item.dbId === missed)).toBe(false);
	});

	it('with Attach Recording, the file comes with the item', async () => {
		clock.set(start + 7);
		const harness = poller({ options: { attachRecording: true } });
		await harness.poll();
		const dbid = answeredCall(0);
		const { emitted } = await pollMinutes(harness, 1, 3, (minute) => {
			if (minute === 2) standIn.state.addRecording(dbid);
		});
		expect(emitted).toHaveLength(1);
		expect(emitted[0].recording).toMatchObject({ attached: true, size: 1024 });
	});

	it('a link that never comes: never emitted, and the next items count it once the wait is over', async () => {
		clock.set(start + 7);
		const harness = poller();
		await harness.poll();
		const never = answeredCall(1);
		let later = 0;
		const { emitted } = await pollMinutes(harness, 2, 95, (minute) => {
			if (minute === 80) later = answeredCall(78);
			if (minute === 90) standIn.state.addRecording(later);
		});
		expect(emitted.map((item) => item.dbId)).toEqual([later]);
		expect(emitted[0].notice).toMatch(
			/1 answered call dated up to .* got no recording within 1 hours of its start and was not emitted/,
		);
		expect(emitted.some((item) => item.dbId === never)).toBe(false);
	});

	it('an n8n restart while the call waits, and a failed page when the link is there: still once', async () => {
		clock.set(start + 7);
		const first = poller();
		await first.poll();
		const dbid = answeredCall(1);
		await pollMinutes(first, 2, 6);
		// n8n restarts: a new poller from the saved static data.
		const second = poller();
		second.savedState = first.savedState;
		const { emitted, errors } = await pollMinutes(second, 7, 20, (minute) => {
			if (minute === 12) standIn.state.addRecording(dbid);
			if (minute === 12)
				standIn.inject({
					path: '/history/get',
					reply: { status: 502, body: 'Bad gateway' },
					times: 10,
				});
		});
		expect(errors.length).toBeGreaterThan(0); // the poll at minute 12 failed: nothing moved
		expect(emitted.map((item) => item.dbId)).toEqual([dbid]);
		expect(emitted[0].polledAt).toBeGreaterThan(12);
	});

	it('2,000 answered calls waiting at once: each emitted once when its link comes, state bounded', async () => {
		clock.set(start + 7);
		const harness = poller();
		await harness.poll();
		const calls: number[] = [];
		let largestState = 0;
		const { emitted, errors } = await pollMinutes(harness, 1, 12, (minute) => {
			if (minute === 2) for (let i = 0; i < 2000; i++) calls.push(answeredCall(1));
			if (minute === 6) for (const dbid of calls.slice(0, 1000)) standIn.state.addRecording(dbid);
			if (minute === 9) for (const dbid of calls.slice(1000)) standIn.state.addRecording(dbid);
			largestState = Math.max(largestState, harness.savedState.length);
		});
		expect(errors).toEqual([]);
		const byCall = new Map<unknown, number>();
		for (const item of emitted) byCall.set(item.dbId, (byCall.get(item.dbId) ?? 0) + 1);
		expect(byCall.size).toBe(2000);
		expect([...byCall.values()].every((times) => times === 1)).toBe(true);
		// Two keys per call at most (waiting, then with its recording) while it is in the window.
		expect(largestState).toBeLessThan(2000 * 2 * 40);
	}, 240_000);
});
