// What a check leaves the next: calls seen, held and still to emit, and the window's floor.
import { keyWithRecording } from './sources';
import { HOUR, type ReadableState, type TimeMap, wholeSecond } from './state';
import { placedTime, type Read, type Window } from './window';

/** How long a row that cannot be placed by its date is remembered after UniTalk last returned it. */
export const HELD_MS = 2 * HOUR;

/**
 * Stage 7: every page was read, so the state moves on. The next window starts at or after
 * `floor`, so a key dated before it can no longer come back by its date; one that came back from
 * outside its window is held by identity while UniTalk keeps returning it.
 */
export function nextMemory(
	read: Map<string, Read>,
	left: Read[],
	state: ReadableState,
	window: Window,
	nowMs: number,
) {
	// Rows left for the next polls are remembered as pending (not seen) and keep the window open.
	const pending: TimeMap = {};
	for (const { row } of left)
		pending[row.key] = placedTime(row, window.fromMs, window.readToMs) ?? window.fromMs;
	const floor = wholeSecond(Math.min(window.fromMs, ...Object.values(pending)));
	const seen: TimeMap = {};
	const held: TimeMap = {};
	for (const [key, timeMs] of Object.entries(state.seen)) if (timeMs >= floor) seen[key] = timeMs;
	for (const [key, readMs] of Object.entries(state.held ?? {}))
		if (nowMs - readMs < HELD_MS) held[key] = readMs;
	for (const { row } of read.values()) {
		if (pending[row.key] !== undefined) continue;
		const timeMs = placedTime(row, window.fromMs, window.readToMs);
		if (timeMs !== undefined && timeMs >= floor) {
			seen[row.key] = timeMs;
			delete held[row.key];
		} else held[row.key] = nowMs;
	}
	return { floor, seen, held, pending: left.length ? pending : undefined };
}

/**
 * Recording Ready: answered calls that leave the window still waiting (their date falls before the
 * next window's start, and no row of theirs with a link was ever read): they are given up on.
 */
export function callsWithoutRecording(
	seen: TimeMap,
	read: Map<string, unknown>,
	floor: number,
): { count: number; newestMs: number } {
	let count = 0;
	let newestMs = 0;
	for (const [key, timeMs] of Object.entries(seen)) {
		const withLink = keyWithRecording(key);
		if (withLink === undefined || timeMs >= floor) continue;
		if (seen[withLink] !== undefined || read.has(withLink)) continue;
		count++;
		newestMs = Math.max(newestMs, timeMs);
	}
	return { count, newestMs };
}
