// The Call History Trigger's hourly checks: did UniTalk write calls after every window had passed
// their hour (calls longer than the window), and do UniTalk's dates fit the credential's zone?
import type { learnDelays } from './fresh';
import { notices as say } from './notices';
import type { Row, Source } from './sources';
import {
	HOUR,
	hourOf,
	type HourCounts,
	type LateSinceProbe,
	MINUTE,
	type PollState,
	type ReadableState,
	wholeSecond,
} from './state';
import { LOOK_BACK_CAP_MS, readsBack, type Window } from './window';

/** How often the checks run. */
export const CHECK_EVERY_MS = HOUR;
/** How far back the hourly check compares UniTalk's count of calls with what the trigger read. */
export const COUNTED_SPAN_MS = 14 * HOUR;
/** How far around now the zone probe looks for the newest calls. */
const PROBE_SPAN_MS = 14 * HOUR;
/** Calls dated this far in the future, or all this late, point at a zone setting. */
export const ZONE_SUSPECT_MS = 45 * MINUTE;

/**
 * Counts a row first read in the hour UniTalk files it under: its date's when the date places it,
 * else the hour it was read in (UniTalk returned it for the window that ends then).
 */
export function count(
	hours: HourCounts,
	source: Source,
	row: Row,
	countedFrom: number,
	readMs: number,
): void {
	const hour = hourOf(row.timeMs ?? readMs);
	if (hour < countedFrom) return;
	const counts = (hours[source.id] ??= {});
	counts[hour] = (counts[hour] ?? 0) + 1;
}

/**
 * The hours every window has passed (before `floor`) in which UniTalk now counts more calls than
 * the trigger read: calls written after their hour had left the window, which no window will
 * return. One request for all of them (limit 1: only the count is read); per hour only when the
 * total differs. The last second of the range is left out, so an exclusive or inclusive `dateTo`
 * can only under-count (never a false report). Counts are updated, so each is reported once.
 */
export async function missedHours(
	source: Source,
	hours: HourCounts,
	countedFrom: number,
	floor: number,
	nowMs: number,
): Promise<Array<{ hour: number; calls: number }>> {
	const start = Math.max(countedFrom, hourOf(nowMs - COUNTED_SPAN_MS));
	const end = hourOf(floor);
	if (!Number.isFinite(start) || end <= start) return [];
	const counts = (hours[source.id] ??= {});
	// What the trigger read of every hour UniTalk's count can include: across the hour that repeats
	// when clocks go back, a range's wall-clock text names both passes.
	const read = (from: number, to: number) => {
		const [first, last] = source.covered(from, to);
		let sum = 0;
		for (let hour = hourOf(first); hour <= last; hour += HOUR) sum += counts[hour] ?? 0;
		return sum;
	};
	const total = (await source.page(start, end - 1000, 0, 1)).count;
	if (total === undefined || total <= read(start, end - 1000)) return [];
	const missed: Array<{ hour: number; calls: number }> = [];
	for (let hour = start; hour < end; hour += HOUR) {
		const inHour = (await source.page(hour, hour + HOUR - 1000, 0, 1)).count ?? 0;
		const known = read(hour, hour + HOUR - 1000);
		if (inHour <= known) continue;
		missed.push({ hour, calls: inHour - known });
		counts[hour] = (counts[hour] ?? 0) + inHour - known;
	}
	return missed;
}

export interface ZoneProbe {
	state: Pick<PollState, 'probedAt' | 'lateSinceProbe' | 'aheadMs'>;
	/** Hours ahead of now of UniTalk's newest dates, when first seen. */
	ahead?: number;
	/** Hours all of the last hour's calls came late, when they all did. */
	behind?: { hours: number; calls: number };
}

/**
 * Once an hour: do UniTalk's dates fit the credential's zone? The newest calls around now dated in
 * the future mean the project's zone is east of it (every call would arrive hours late: the window
 * then reaches that far ahead); calls that all appear hours after their date mean it is west (the
 * delays observed have widened the window already). Reads one page; changes nothing itself.
 */
export async function probeZone(
	source: Source | undefined,
	nowMs: number,
	previous: { aheadMs?: number; lateSinceProbe?: LateSinceProbe },
): Promise<ZoneProbe> {
	const state: ZoneProbe['state'] = {
		probedAt: nowMs,
		lateSinceProbe: undefined,
		aheadMs: previous.aheadMs,
	};
	if (!source) return { state };
	const page = await source.page(nowMs - PROBE_SPAN_MS, nowMs + PROBE_SPAN_MS, 0, source.pageSize);
	const newestMs = Math.max(
		...page.rows.map((raw) => source.row(raw).timeMs ?? -Infinity),
		-Infinity,
	);
	const hours = (ms: number) => Math.round(ms / (15 * MINUTE)) / 4;
	if (newestMs - nowMs >= ZONE_SUSPECT_MS) {
		state.aheadMs = Math.max(previous.aheadMs ?? 0, hours(newestMs - nowMs) * HOUR);
		return previous.aheadMs !== undefined ? { state } : { state, ahead: hours(newestMs - nowMs) };
	}
	// A call dated about now: the dates fit the zone (again), nothing to read ahead for.
	if (Math.abs(newestMs - nowMs) < ZONE_SUSPECT_MS) state.aheadMs = undefined;
	const late = previous.lateSinceProbe;
	if (late && late.count >= 3 && late.minMs !== undefined && late.minMs >= ZONE_SUSPECT_MS)
		return { state, behind: { hours: hours(late.minMs), calls: late.count } };
	return { state };
}

/** Stage 5, once an hour: calls UniTalk wrote after every window passed them, and the zone. */
export async function hourlyChecks(
	sources: Source[],
	state: ReadableState,
	window: Window,
	hours: HourCounts,
	countedFrom: number,
	learned: ReturnType<typeof learnDelays>,
	zone: string,
	nowMs: number,
) {
	const found: string[] = [];
	let lateMs = learned.lateMs;
	const floor = wholeSecond(window.fromMs);
	for (const source of sources)
		for (const { hour, calls } of await missedHours(source, hours, countedFrom, floor, nowMs)) {
			lateMs = Math.min(LOOK_BACK_CAP_MS, Math.max(lateMs, floor - hour));
			found.push(
				say.missedHour(source.id, calls, hour, readsBack(window.lookBackMs, lateMs), zone),
			);
		}
	const probe = await probeZone(sources[0], nowMs, {
		aheadMs: state.aheadMs,
		lateSinceProbe: learned.lateSinceProbe,
	});
	if (probe.ahead !== undefined) found.push(say.zoneAhead(probe.ahead, zone));
	if (probe.behind) found.push(say.zoneBehind(probe.behind.hours, probe.behind.calls, zone));
	return { lateMs, notices: found, probeState: probe.state };
}
