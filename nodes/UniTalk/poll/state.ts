// The Call History Trigger's memory between polls, kept in the workflow's static data (n8n saves
// it with the workflow). Identity, not time, decides what was emitted: a key is remembered until no
// window the trigger will still ask for can return it.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Earliest plausible watermark (a saved number before it is not a time this trigger wrote). */
const EARLIEST_MS = Date.UTC(2000, 0, 1);

/** key → epoch ms. */
export type TimeMap = Record<string, number>;
/** Per source id ("history", "autodialer:17"): hour start ms → calls read dated in that hour. */
export type HourCounts = Record<string, TimeMap>;

export interface PollState {
	/** Where the last complete poll read up to (epoch ms). */
	watermark?: number;
	/** Emitted (or, on activation, already present) calls placed by their date: key → date ms. */
	seen?: TimeMap;
	/** Rows without a date that places them in the window they came from: key → last read ms. */
	held?: TimeMap;
	/**
	 * Rows read but not emitted yet because the poll's time budget ran out (a backlog of recordings
	 * to attach): key → how far back the next window must read to find the row again.
	 */
	pending?: TimeMap;
	/** No window starts before this (whole second, ms): `seen` is complete from here on. */
	floor?: number;
	/** The longest delay observed between a call's date and its first appearance (ms). */
	lateMs?: number;
	/** How far ahead of now UniTalk's newest dates lie (a zone east of the credential's), ms. */
	aheadMs?: number;
	/** When the zone probe last ran (ms). */
	probedAt?: number;
	/** The shortest delay among calls that appeared late since the last probe, and how many. */
	lateSinceProbe?: LateSinceProbe;
	/**
	 * Calls read per source and hour of their date, from `countedFrom` on: the hourly check compares
	 * them with UniTalk's count of the hours every window has passed.
	 */
	hours?: HourCounts;
	countedFrom?: number;
	/** Callback Outcomes: what was said of the callback autodialer's callbacks (callbackCheck.ts). */
	callbacks?: CallbackMemory;
	/** Said on the items of the next execution that emits any. */
	notices?: string[];
}

export interface LateSinceProbe {
	minMs?: number;
	count: number;
}

/** A state every poll after the first can work from: what `unreadable` checked is there. */
export interface ReadableState extends PollState {
	watermark: number;
	seen: TimeMap;
}

export const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= EARLIEST_MS;
export const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
export const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;
export const minutes = (ms: number) => Math.round(ms / MINUTE);

const isTimeMap = (value: unknown): value is TimeMap =>
	!!value &&
	typeof value === 'object' &&
	!Array.isArray(value) &&
	Object.values(value).every((entry) => typeof entry === 'number' && Number.isFinite(entry));

/** What of the saved state cannot be used (imported, hand-edited, from another version), if any. */
export function unreadable(state: PollState, nowMs: number): string | undefined {
	if (!isTime(state.watermark) || state.watermark > nowMs + 24 * HOUR)
		return `its watermark ${JSON.stringify(state.watermark) ?? 'undefined'} is not a time it wrote`;
	if (!isTimeMap(state.seen)) return 'its list of emitted calls is not readable';
	if (state.held !== undefined && !isTimeMap(state.held))
		return 'its list of undated calls is not readable';
	if (state.pending !== undefined && !isTimeMap(state.pending))
		return 'its list of calls still to emit is not readable';
	if (state.floor !== undefined && !isTime(state.floor)) return 'its window start is not a time';
	return undefined;
}

/** Nothing saved yet: a first activation. */
export const isEmpty = (state: PollState) =>
	state.watermark === undefined && state.seen === undefined;

/** The hour counts as saved, without entries that are not counts (a hand-edited state). */
export const hourCounts = (saved: unknown): HourCounts =>
	saved && typeof saved === 'object'
		? Object.fromEntries(
				Object.entries(saved as Record<string, unknown>)
					.filter(([, counts]) => isTimeMap(counts))
					.map(([id, counts]) => [id, { ...(counts as TimeMap) }]),
			)
		: {};

/** Forgets hours older than `spanMs` before now: the hourly check looks no further back. */
export function pruneHours(hours: HourCounts, nowMs: number, spanMs: number): HourCounts {
	const oldest = hourOf(nowMs - spanMs);
	for (const counts of Object.values(hours))
		for (const hour of Object.keys(counts)) if (Number(hour) < oldest) delete counts[hour];
	return hours;
}

/** What the trigger remembers of the callback autodialer between checks (PollState.callbacks, callbackCheck.ts). */
export interface CallbackMemory {
	autodialerId: number;
	checkedAt: number;
	/** Callback key → the outcomes said of it ("stillOpen", a final one, or both: comma-separated). */
	said: Record<string, string>;
	/** Calls the autodialer allows per state (callbacks.ts: CallsAllowed). */
	allowed?: Record<string, number>;
	allowedAt?: number;
	/** Callbacks with no scheduled time (not scheduled by n8n): when the trigger first saw them. */
	firstSeen?: TimeMap;
}
