// Issue #39 item 5, through the real poll and webhook against the stand-in: an account in
// Europe/Kyiv, a call every 2 minutes across both of 2026's DST changes (29 March 03:00 → 04:00 and
// 25 October 04:00 → 03:00, checked with Intl in test/node/zoneTime.test.ts). UniTalk writes
// "yyyy-MM-dd HH:mm:ss" on the zone's wall clock, so on 25 October 03:00–03:59 shows twice.
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness, SimulatedClock } from '../harness/poll';
import { WebhookHarness } from '../harness/webhook';
import { credentialsFor, postWebhook, triggerItem, useStandIn } from '../helpers';
import { standard } from './fixtures/bodies';

const MINUTE = 60_000;
const zone = 'Europe/Kyiv';
const SPRING = Date.UTC(2026, 2, 28, 22); // 29 March 00:00 +02:00
const AUTUMN = Date.UTC(2026, 9, 24, 23); // 25 October 02:00 +03:00

describe('Call times across DST changes (Europe/Kyiv)', () => {
	const standIn = useStandIn();
	let clock: SimulatedClock;
	beforeAll(() => (clock = new SimulatedClock(SPRING - 30 * MINUTE)));
	afterAll(() => clock.uninstall());

	/**
	 * 120 calls, one starting every 2 minutes from `start` (4 hours), lasting 1 to 9 minutes, each
	 * written to the history when it ends; the Call History Trigger polls once a minute from before
	 * the first to after the last is written. Returns what it emitted, when each call started (ms)
	 * and in which minute it was written.
	 */
	async function callsEveryTwoMinutes(start: number) {
		clock.set(start - 10 * MINUTE);
		const harness = new PollHarness(
			{ lookBackMinutes: 60 },
			credentialsFor(standIn, { timeZone: zone }),
		);
		const startedAt = new Map<number, number>();
		const writtenAt = new Map<number, number>();
		const emitted: IDataObject[] = [];
		const errors: string[] = [];
		for (let minute = -10; minute <= 4 * 60 + 15; minute++) {
			clock.set(start + minute * MINUTE + 7);
			for (let call = 0; call < 120; call++) {
				const startMinute = 2 * call;
				if (startMinute + 1 + (call % 9) !== minute) continue;
				const callMs = start + startMinute * MINUTE;
				const dbid = standIn.state.addHistoryCall(formatInZone(new Date(callMs), zone));
				startedAt.set(dbid, callMs);
				writtenAt.set(dbid, minute);
			}
			const { items, error } = await harness.poll();
			if (error) errors.push(error.message);
			for (const item of items ?? []) emitted.push({ ...item.json, polledAt: minute });
		}
		return { emitted, errors, startedAt, writtenAt };
	}

	function expectEachCallOnceAtItsTime(
		{ emitted, errors, startedAt, writtenAt }: Awaited<ReturnType<typeof callsEveryTwoMinutes>>,
		hours: string,
	) {
		expect(errors).toEqual([]);
		expect(startedAt.size).toBe(120);
		// Each call once (none lost in the repeated hour, none emitted on both passes).
		const ids = (list: unknown[]) => list.map(Number).sort((x, y) => x - y);
		expect(ids(emitted.map((item) => item.dbId))).toEqual(ids([...startedAt.keys()]));
		// By the poll right after it was written: a window across the repeated hour loses nothing.
		const delayed = emitted.filter((item) => item.polledAt !== writtenAt.get(item.dbId as number));
		expect(delayed.map((item) => item.startTime)).toEqual([]);
		const wrongTimes = emitted
			.filter((item) => Date.parse(String(item.startTime)) !== startedAt.get(item.dbId as number))
			.map(
				(item) =>
					`${String(item.startTime)} for ${new Date(startedAt.get(item.dbId as number)!).toISOString()}`,
			);
		expect({ hours, wrongTimes }).toEqual({ hours, wrongTimes: [] });
		const problems = emitted.flatMap((item) => (item.problems as string[] | undefined) ?? []);
		expect(problems).toEqual([]);
		// No note either: neither a late call nor calls the trigger did not read.
		expect(emitted.filter((item) => item.notice).map((item) => item.notice)).toEqual([]);
	}

	it('29 March (clocks go forward at 03:00): every call once, at the instant it started', async () => {
		expectEachCallOnceAtItsTime(await callsEveryTwoMinutes(SPRING), '29 March 00:00–04:59');
	});

	it('25 October (03:00–03:59 shows twice): every call once, at its instant, no clock note', async () => {
		expectEachCallOnceAtItsTime(await callsEveryTwoMinutes(AUTUMN), '25 October 02:00–04:59');
	});

	it("the UniTalk Trigger's CALL_END: a start in the repeated hour is the reading nearest the event", async () => {
		const harness = await new WebhookHarness({
			trigger: { mode: 'events', verification: 'apiKey', options: { ignoreRepeats: false } },
			credentials: credentialsFor(standIn, { timeZone: zone }),
		}).start();
		try {
			const at = async (nowMs: number, date: string, id: number) => {
				clock.set(nowMs);
				await postWebhook(harness.url, standard('CALL_END', { id, dbid: id, date }));
				await harness.settled();
				return triggerItem(harness, harness.executions.length - 1).json.startTime;
			};
			// The next autumn change (31 October 2027, 04:00 +03:00 → 03:00 +02:00; the clock only
			// goes forward). A 15-minute call that started at 03:50 on the first pass (+03:00) ends
			// at 03:05 on the second: the reading nearest the event is the first.
			expect(await at(Date.UTC(2027, 9, 31, 1, 5), '2027-10-31 03:50:00', 91001)).toBe(
				'2027-10-31T03:50:00+03:00',
			);
			// A 3-minute call that started at 03:30 on the second pass (+02:00).
			expect(await at(Date.UTC(2027, 9, 31, 1, 33), '2027-10-31 03:30:00', 91002)).toBe(
				'2027-10-31T03:30:00+02:00',
			);
			// Spring: 01:00–02:59 on 29 March is still +02:00 (the items an hour early).
			expect(await at(Date.UTC(2027, 9, 31, 9, 0), '2026-03-29 02:30:00', 91005)).toBe(
				'2026-03-29T02:30:00+02:00',
			);
			// The hour before the change keeps +03:00; after it +02:00.
			expect(await at(Date.UTC(2027, 9, 31, 9, 1), '2026-10-25 02:30:00', 91003)).toBe(
				'2026-10-25T02:30:00+03:00',
			);
			expect(await at(Date.UTC(2027, 9, 31, 9, 2), '2026-10-25 04:30:00', 91004)).toBe(
				'2026-10-25T04:30:00+02:00',
			);
		} finally {
			await harness.stop();
		}
	});
});
