// The rows a check has not emitted before, and what their delays teach about the window.
import { notices as say } from './notices';
import type { Row } from './sources';
import type { ReadableState } from './state';
import { placedTime, type Read, readsBack, type Window } from './window';

/** Stage 3: the rows not emitted before, oldest first. */
export function freshRows(read: Map<string, Read>, state: ReadableState, nowMs: number): Read[] {
	const held = state.held ?? {};
	const fresh = [...read.values()].filter(
		({ row }) => state.seen[row.key] === undefined && held[row.key] === undefined,
	);
	return fresh.sort(
		(a, b) =>
			(a.row.timeMs ?? nowMs) - (b.row.timeMs ?? nowMs) || a.row.key.localeCompare(b.row.key),
	);
}

/**
 * Stage 4: calls that appear later than half the window widen it, so the next longer call is
 * caught. The delay counted is the least it can be: from the call's date to the last check's end.
 */
export function learnDelays(fresh: Read[], window: Window, state: ReadableState) {
	let lateMs = state.lateMs ?? 0;
	const lateSinceProbe = { ...state.lateSinceProbe, count: state.lateSinceProbe?.count ?? 0 };
	let latest: Row | undefined;
	for (const { row } of fresh) {
		if (row.lateByDesign) continue; // a recording added to an old call: not a late call
		if (state.pending?.[row.key] !== undefined) continue; // read before, not emitted in time
		const timeMs = placedTime(row, window.fromMs, window.readToMs);
		if (timeMs === undefined || timeMs >= state.watermark) continue;
		const delayMs = state.watermark - timeMs;
		lateSinceProbe.minMs = Math.min(lateSinceProbe.minMs ?? delayMs, delayMs);
		lateSinceProbe.count++;
		if (delayMs > window.lookBackMs / 2 && delayMs > lateMs) {
			lateMs = delayMs;
			latest = row;
		}
	}
	const notice = latest && say.lateCall(latest.key, lateMs, readsBack(window.lookBackMs, lateMs));
	return { lateMs, lateSinceProbe, notice };
}
