// UniTalk's wall-clock times ↔ instants across DST changes (#39 item 5): every hour of 2026 and every
// 2 minutes around each change, in a zone going forward and back by an hour (Kyiv), by half an hour
// (Lord Howe), two southern ones and UTC; then instants 2000–2040 in zones drawn from the runtime's.
import fc from 'fast-check';

import {
	formatInZone,
	instantsOfUniTalkTime,
	toIsoFromUniTalk,
} from '../../nodes/UniTalk/shared/validation';
import { offsetAt, wallClockWindow } from '../../nodes/UniTalk/shared/zoneTime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONES = ['Europe/Kyiv', 'Australia/Lord_Howe', 'America/Santiago', 'Australia/Sydney', 'UTC'];
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);

/** The instants of 2026 where the zone's offset changes, found by Intl itself (to the minute). */
function changesOf(zone: string): number[] {
	const changes: number[] = [];
	for (let t = YEAR_START; t < YEAR_END; t += HOUR) {
		if (offsetAt(t, zone) === offsetAt(t + HOUR, zone)) continue;
		let m = t;
		while (offsetAt(m + MINUTE, zone) === offsetAt(t, zone)) m += MINUTE;
		changes.push(m + MINUTE);
	}
	return changes;
}

/** Every hour of 2026, and every 2 minutes from 3 hours before each change to 3 hours after. */
function instantsOf(zone: string): number[] {
	const instants: number[] = [];
	for (let t = YEAR_START; t < YEAR_END; t += HOUR) instants.push(t, t + 30 * MINUTE + 17_000);
	for (const change of changesOf(zone))
		for (let t = change - 3 * HOUR; t <= change + 3 * HOUR; t += 2 * MINUTE) instants.push(t);
	return instants;
}

/** The round trip instant → UniTalk's text → instant(s); what went wrong, per instant. */
function roundTrip(t: number, zone: string): string[] {
	const text = formatInZone(new Date(t), zone);
	const readings = instantsOfUniTalkTime(text, zone);
	const wrong: string[] = [];
	if (!readings || (readings.ms !== t && readings.altMs !== t))
		wrong.push(`${text} ${zone}: readings ${JSON.stringify(readings)}, not ${t}`);
	if (readings?.altMs !== undefined && readings.altMs <= readings.ms)
		wrong.push(`${text} ${zone}: the other reading is not the later`);
	// The ISO time of the output: right for every time that names one instant, and for a time of
	// the repeated hour given the instant nearest it (the poll's window, a webhook's arrival).
	if (readings?.altMs === undefined && Date.parse(toIsoFromUniTalk(text, zone) ?? '') !== t)
		wrong.push(`${text} ${zone}: ISO ${toIsoFromUniTalk(text, zone)}`);
	if (Date.parse(toIsoFromUniTalk(text, zone, t) ?? '') !== t)
		wrong.push(`${text} ${zone}: ISO near it ${toIsoFromUniTalk(text, zone, t)}`);
	return wrong;
}

describe('UniTalk times across DST changes', () => {
	it("Kyiv's 2026 changes are where the tests expect them (read from Intl)", () => {
		const zone = 'Europe/Kyiv';
		expect(changesOf(zone).map((ms) => new Date(ms).toISOString())).toEqual([
			'2026-03-29T01:00:00.000Z', // 03:00 +02:00 → 04:00 +03:00: 03:00–03:59 never shows
			'2026-10-25T01:00:00.000Z', // 04:00 +03:00 → 03:00 +02:00: 03:00–03:59 shows twice
		]);
		expect(formatInZone(new Date(Date.UTC(2026, 2, 29, 0, 59, 59)), zone)).toBe(
			'2026-03-29 02:59:59',
		);
		expect(formatInZone(new Date(Date.UTC(2026, 2, 29, 1)), zone)).toBe('2026-03-29 04:00:00');
		expect(formatInZone(new Date(Date.UTC(2026, 9, 25, 0, 59, 59)), zone)).toBe(
			'2026-10-25 03:59:59',
		);
		expect(formatInZone(new Date(Date.UTC(2026, 9, 25, 1)), zone)).toBe('2026-10-25 03:00:00');
	});

	it.each(ZONES)(
		'%s: every hour of 2026 and every 2 minutes around its changes come back to the instant',
		(zone) => {
			const instants = instantsOf(zone);
			const wrong = instants.flatMap((t) => roundTrip(t, zone));
			expect(wrong.slice(0, 5)).toEqual([]);
			expect(instants.length).toBeGreaterThan(17_000);
		},
	);

	it('the hours around the issue: 29 March 01:00–02:59 and 25 October in Kyiv', () => {
		const zone = 'Europe/Kyiv';
		// Before the spring change: still +02:00 (the old code gave these +03:00, an hour early).
		expect(toIsoFromUniTalk('2026-03-29 01:00:00', zone)).toBe('2026-03-29T01:00:00+02:00');
		expect(toIsoFromUniTalk('2026-03-29 02:58:00', zone)).toBe('2026-03-29T02:58:00+02:00');
		expect(toIsoFromUniTalk('2026-03-29 04:00:00', zone)).toBe('2026-03-29T04:00:00+03:00');
		// Before the autumn change: still +03:00.
		expect(toIsoFromUniTalk('2026-10-25 01:30:00', zone)).toBe('2026-10-25T01:30:00+03:00');
		expect(toIsoFromUniTalk('2026-10-25 02:58:00', zone)).toBe('2026-10-25T02:58:00+03:00');
		expect(toIsoFromUniTalk('2026-10-25 04:00:00', zone)).toBe('2026-10-25T04:00:00+02:00');
	});

	it('a time that never showed (the skipped hour) is read with the offset before the change', () => {
		const zone = 'Europe/Kyiv';
		// 03:30 as if +02:00 went on is 01:30Z, which the clock showed as 04:30 +03:00.
		expect(instantsOfUniTalkTime('2026-03-29 03:30:00', zone)).toEqual({
			ms: Date.UTC(2026, 2, 29, 1, 30),
		});
		expect(toIsoFromUniTalk('2026-03-29 03:30:00', zone)).toBe('2026-03-29T04:30:00+03:00');
		expect(toIsoFromUniTalk('2026-04-05 02:15:00', 'Australia/Lord_Howe')).toBe(
			'2026-04-05T02:15:00+10:30',
		);
		expect(toIsoFromUniTalk('2026-10-04 02:15:00', 'Australia/Lord_Howe')).toBe(
			'2026-10-04T02:45:00+11:00',
		);
	});

	it('a time of the repeated hour names both instants: the earlier, and the later as the other', () => {
		const zone = 'Europe/Kyiv';
		const first = Date.UTC(2026, 9, 25, 0, 30);
		const second = Date.UTC(2026, 9, 25, 1, 30);
		expect(instantsOfUniTalkTime('2026-10-25 03:30:00', zone)).toEqual({
			ms: first,
			altMs: second,
		});
		expect(toIsoFromUniTalk('2026-10-25 03:30:00', zone)).toBe('2026-10-25T03:30:00+03:00');
		expect(toIsoFromUniTalk('2026-10-25 03:30:00', zone, second + 10 * MINUTE)).toBe(
			'2026-10-25T03:30:00+02:00',
		);
		// Lord Howe goes back half an hour: 01:30–01:59 repeats.
		expect(instantsOfUniTalkTime('2026-04-05 01:45:00', 'Australia/Lord_Howe')).toEqual({
			ms: Date.UTC(2026, 3, 4, 14, 45),
			altMs: Date.UTC(2026, 3, 4, 15, 15),
		});
		// A time with its own offset is that instant, whatever the zone.
		expect(instantsOfUniTalkTime('2026-10-25T03:30:00+02:00', zone)).toEqual({ ms: second });
	});

	it("the window asked of UniTalk holds every instant's text, across the repeated hour too", () => {
		const zone = 'Europe/Kyiv';
		// 02:50 to 03:10 on the second pass of 03:00: the texts run backwards, 03:50 → 03:10.
		expect(
			wallClockWindow(Date.UTC(2026, 9, 25, 0, 50), Date.UTC(2026, 9, 25, 1, 10), zone),
		).toEqual({ dateFrom: '2026-10-25 03:00:00', dateTo: '2026-10-25 04:00:00' });
		// Away from a change it is the texts of its ends, as before.
		expect(
			wallClockWindow(Date.UTC(2026, 9, 25, 5), Date.UTC(2026, 9, 25, 6, 0, 30), zone),
		).toEqual({ dateFrom: '2026-10-25 07:00:00', dateTo: '2026-10-25 08:00:30' });
		for (const zoneOf of ZONES)
			for (const change of changesOf(zoneOf))
				for (let from = change - 2 * HOUR; from <= change + HOUR; from += 7 * MINUTE)
					for (const width of [MINUTE, 20 * MINUTE, HOUR, 3 * HOUR]) {
						const { dateFrom, dateTo } = wallClockWindow(from, from + width, zoneOf);
						for (let t = from; t < from + width; t += MINUTE) {
							const text = formatInZone(new Date(t), zoneOf);
							if (text < dateFrom || text >= dateTo)
								throw new Error(`${zoneOf} ${text} outside ${dateFrom}–${dateTo}`);
						}
					}
	});

	it('property: any instant 2000–2040 in any of a sample of zones comes back from its text', () => {
		const zones = Intl.supportedValuesOf('timeZone');
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 11, 31) / 1000 }),
				fc.constantFrom(...zones),
				(seconds, zone) => {
					expect(roundTrip(seconds * 1000, zone)).toEqual([]);
				},
			),
			{ numRuns: 5000 },
		);
	});
});
