// The window a check of the Call History Trigger reads: how far back, up to where, and its rows as
// UniTalk returns them, each dated by the reading of its wall-clock date that lies in the window.
import type { IPollFunctions } from 'n8n-workflow';

import type { Row, Source } from './sources';
import { HOUR, MINUTE, type PollState, type ReadableState, wholeSecond } from './state';

/**
 * The shortest look-back the trigger reads, whatever Look Back says (saved values below it keep
 * working, they read this much): UniTalk writes a call when it ends, dated when it started, so a
 * shorter window loses every call longer than it.
 */
export const LOOK_BACK_FLOOR_MS = 30 * MINUTE;
/** A call that appears later than half the window widens it to twice its delay, up to this. */
export const LOOK_BACK_CAP_MS = 12 * HOUR;
/**
 * A watermark further back than this (n8n off for a day, a workflow re-activated after weeks) with
 * more than CATCH_UP_ROWS calls since is read in announced steps of this length: no flood. A step
 * that emits nothing goes straight on to the next (n8n 2.x's durable scheduler saves the state only
 * when a poll emits, so an empty step must not end the poll), and a quiet gap is read at once.
 */
export const CATCH_UP_STEP_MS = 6 * HOUR;
export const CATCH_UP_ROWS = 100;
/** A row dated further outside the window it came from than this is reported as misplaced. */
const MISPLACED_MS = 5 * MINUTE;
/** Recording Ready: how long after a call's start its recording is waited for, by default. */
export const DEFAULT_RECORDING_WAIT_HOURS = 3;
/** The window's width: Look Back, at least the floor, widened by the delays observed. */
export function lookBackOf(ctx: IPollFunctions, state: PollState): number {
	// Recording Ready reads back as long as it waits for a recording (from the call's start).
	const recordings = ctx.getNodeParameter('event', 'finishedCalls') === 'recordingReady';
	const asked = recordings
		? Number(ctx.getNodeParameter('recordingWaitHours', DEFAULT_RECORDING_WAIT_HOURS)) * 60
		: Number(ctx.getNodeParameter('lookBackMinutes', 60));
	const askedMs = Number.isFinite(asked) ? asked * MINUTE : 60 * MINUTE;
	const observed =
		typeof state.lateMs === 'number' ? Math.min(LOOK_BACK_CAP_MS, 2 * state.lateMs) : 0;
	return Math.max(askedMs, LOOK_BACK_FLOOR_MS, observed);
}

/** How far back the window reads once `lateMs` is known. */
export const readsBack = (lookBackMs: number, lateMs: number) =>
	Math.min(LOOK_BACK_CAP_MS, Math.max(lookBackMs, 2 * lateMs));

const inWindow = (ms: number, fromMs: number, toMs: number) =>
	ms >= wholeSecond(fromMs) - MISPLACED_MS && ms <= toMs + MISPLACED_MS;

/** The time of a row whose date lies where the window it came from says (second cut counted). */
export const placedTime = (row: Row, fromMs: number, toMs: number): number | undefined =>
	row.timeMs !== undefined && inWindow(row.timeMs, fromMs, toMs) ? row.timeMs : undefined;

/**
 * A date of the hour that repeats when clocks go back names two instants: the row is dated by the
 * one in the window it came from. When both are (a window longer than the hour), the later: a row
 * not read before is far likelier a call that just ended than one written an hour late.
 */
export function dated(row: Row, fromMs: number, toMs: number): Row {
	if (row.timeMs === undefined || row.altTimeMs === undefined) return row;
	if (!inWindow(row.altTimeMs, fromMs, toMs)) return row;
	return { ...row, timeMs: row.altTimeMs, altTimeMs: row.timeMs };
}

/** What one poll reads: [fromMs, readToMs], and where the next one goes on from (toMs). */
export interface Window {
	fromMs: number;
	toMs: number;
	readToMs: number;
	lookBackMs: number;
	catchingUp: boolean;
}

export interface Read {
	row: Row;
	source: Source;
}

/** Stage 1: the window. An old watermark (re-activated after weeks) catches up in steps. */
export async function planWindow(
	ctx: IPollFunctions,
	state: ReadableState,
	sources: Source[],
	nowMs: number,
): Promise<Window> {
	const lookBackMs = lookBackOf(ctx, state);
	// Rows the last poll had no time to emit are read again, however far back they lie.
	const pendingFrom = Math.min(...Object.values(state.pending ?? {}));
	const fromMs = Math.max(
		Math.min(state.watermark - lookBackMs, pendingFrom),
		state.floor ?? -Infinity,
	);
	const catchingUp =
		nowMs - state.watermark > CATCH_UP_STEP_MS &&
		(await callsBetween(sources, fromMs, nowMs)) > CATCH_UP_ROWS;
	const toMs = catchingUp ? state.watermark + CATCH_UP_STEP_MS : nowMs;
	const readToMs = catchingUp ? toMs : toMs + (state.aheadMs ?? 0);
	return { fromMs, toMs, readToMs, lookBackMs, catchingUp };
}

/** Stage 2: every row of the window, once per key (the first source that has it). */
export async function readWindow(sources: Source[], window: Window): Promise<Map<string, Read>> {
	const read = new Map<string, Read>();
	for (const source of sources)
		for (const row of await readAll(source, window.fromMs, window.readToMs))
			if (!read.has(row.key)) read.set(row.key, { row, source });
	return read;
}

/** How many calls UniTalk counts in [fromMs, toMs] over all sources (one request each, limit 1). */
export async function callsBetween(
	sources: Source[],
	fromMs: number,
	toMs: number,
): Promise<number> {
	let calls = 0;
	for (const source of sources) calls += (await source.page(fromMs, toMs, 0, 1)).count ?? 0;
	return calls;
}

/** Every row in [fromMs, toMs], page by page; a failed page fails the poll (nothing advances). */
export async function readAll(source: Source, fromMs: number, toMs: number): Promise<Row[]> {
	const rows: Row[] = [];
	for (let offset = 0; ; ) {
		const page = await source.page(fromMs, toMs, offset, source.pageSize);
		for (const raw of page.rows) rows.push(dated(source.row(raw), fromMs, toMs));
		offset += page.rows.length;
		if (page.rows.length < source.pageSize || (page.count !== undefined && offset >= page.count))
			break;
	}
	return rows;
}
