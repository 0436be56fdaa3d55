// The Call History Trigger's poll: every call of its source exactly once across polls, restarts and
// failed polls. State lives in the workflow's static data (n8n persists it), see PollState.
// A poll reads [from, now] of every source, where from = last check − look-back (never before
// `floor`); rows UniTalk writes late (a call appears in the history when it ends, dated when it
// started) are caught while they are inside the window. Nothing changes until every page is read.
// The stages: plan the window, read it, pick the fresh rows, learn from their delays, run the
// hourly checks, build the items, move the state on.
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { LATER } from '../shared/attachRecording';
import { toIsoFromUniTalk, toUniTalkDateTime } from '../shared/validation';
import { accountZone } from '../transport/credential';
import { MIN_DOWNLOAD_MS, PollDeadline, pollBudgetMs } from './budget';
import { CHECK_EVERY_MS, COUNTED_SPAN_MS, count, missedHours, probeZone } from './checks';
import { withFailureCause, withWaitingCalls } from './failure';
import { notices as say } from './notices';
import {
	endPoll,
	forgetUnsaved,
	keepUnsaved,
	startPoll,
	triggerKey,
	unsavedState,
} from './process';
import { keyWithRecording, type Row, type Source, sourcesOf } from './sources';
import {
	HOUR,
	hourCounts,
	hourOf,
	type HourCounts,
	isEmpty,
	isTime,
	type PollState,
	pruneHours,
	type ReadableState,
	type TimeMap,
	unreadable,
	wholeSecond,
} from './state';
import {
	CATCH_UP_STEP_MS,
	LOOK_BACK_CAP_MS,
	lookBackOf,
	placedTime,
	planWindow,
	type Read,
	readAll,
	readsBack,
	readWindow,
	type Window,
} from './window';

/** Calls a manual test run shows: the newest few. */
const TEST_RUN_CALLS = 5;
const WEEK_MS = 7 * 24 * HOUR;
/** How long a row that cannot be placed by its date is remembered after UniTalk last returned it. */
export const HELD_MS = 2 * HOUR;
export type { PollState } from './state';
export { withFailureCause } from './failure';

export async function pollCalls(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		return await poll(ctx);
	} catch (error) {
		throw withFailureCause(withWaitingCalls(ctx, error));
	}
}

async function poll(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') {
		const { zone } = await accountZone(ctx);
		return await testRun(sourcesOf(ctx, zone), Date.now());
	}
	// The last poll of this trigger still runs (it is within its budget, or n8n dropped it): it
	// moves the state on; a second one beside it would read the same state and emit the same calls.
	const key = triggerKey(ctx);
	if (!startPoll(key)) return null;
	try {
		const state = ctx.getWorkflowStaticData('node') as PollState;
		const nothingSaved = isEmpty(state) || unreadable(state, Date.now()) !== undefined;
		// n8n kept no state of ours (it saves a poll's state only when it emits, on some set-ups):
		// go on from where this process got to rather than start from "now" again.
		const kept = nothingSaved ? unsavedState(key) : undefined;
		if (kept) replaceState(state, kept);
		const result = await pollFrom(ctx, state);
		if (result || !(nothingSaved || kept)) forgetUnsaved(key);
		else keepUnsaved(key, state);
		return result;
	} finally {
		endPoll(key);
	}
}

/** Replaces everything in `state` (n8n's static data object) with `next`. */
function replaceState(state: PollState, next: PollState): void {
	for (const key of Object.keys(state)) delete (state as Record<string, unknown>)[key];
	Object.assign(state, next);
}

async function pollFrom(
	ctx: IPollFunctions,
	state: PollState,
): Promise<INodeExecutionData[][] | null> {
	const deadline = new PollDeadline(pollBudgetMs(ctx));
	const { zone } = await accountZone(ctx);
	const nowMs = Date.now();
	const sources = sourcesOf(ctx, zone);
	if (isEmpty(state)) {
		const startFrom = ctx.getNodeParameter('startFrom', '') as string;
		if (!startFrom) return await activate(ctx, state, sources, nowMs);
		// A catch-up from Start From: the first window begins there.
		const start = Date.parse(
			toIsoFromUniTalk(toUniTalkDateTime(startFrom, zone, 'Start From'), zone) ?? '',
		);
		Object.assign(state, {
			watermark: start,
			seen: {},
			floor: wholeSecond(start),
			countedFrom: hourOf(start) + HOUR,
		});
	}
	const problem = unreadable(state, nowMs);
	if (problem) {
		// Reset the way the first activation starts, and say so in the next execution.
		replaceState(state, {});
		await activate(ctx, state, sources, nowMs);
		state.notices = [say.reset(problem, nowMs, zone)];
		return null;
	}
	return await pollWindow(ctx, state as ReadableState, sources, zone, nowMs, deadline);
}

/**
 * First activation (or a reset): from now on, no flood of old calls. What the window holds already
 * is marked as seen, so the next poll, which reads it again, emits only calls that end after now.
 */
async function activate(
	ctx: IPollFunctions,
	state: PollState,
	sources: Source[],
	nowMs: number,
): Promise<null> {
	const fromMs = nowMs - lookBackOf(ctx, state);
	const seen: TimeMap = {};
	const held: TimeMap = {};
	const floor = wholeSecond(fromMs);
	const countedFrom = hourOf(floor) + HOUR;
	const hours: HourCounts = {};
	for (const source of sources)
		for (const row of await readAll(source, fromMs, nowMs)) {
			count(hours, source, row, countedFrom, nowMs);
			const timeMs = placedTime(row, fromMs, nowMs);
			if (timeMs !== undefined && timeMs >= floor) seen[row.key] = timeMs;
			else held[row.key] = nowMs;
		}
	const probe = await probeZone(sources[0], nowMs, {});
	Object.assign(state, {
		watermark: nowMs,
		seen,
		held,
		floor,
		hours,
		countedFrom,
		...probe.state,
	});
	return null;
}

/** Stage 3: the rows not emitted before, oldest first. */
function freshRows(read: Map<string, Read>, state: ReadableState, nowMs: number): Read[] {
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
function learnDelays(fresh: Read[], window: Window, state: ReadableState) {
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

/** Stage 5, once an hour: calls UniTalk wrote after every window passed them, and the zone. */
async function hourlyChecks(
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

/**
 * Stage 6: the items of the fresh rows the filters keep, with a note where a date is off, oldest
 * first, for as long as the poll's budget lasts: rows left when it runs out are emitted by the
 * next polls (their recordings are not downloaded twice, nor skipped). A download cut by the
 * budget is tried again later, unless it had half the budget: that host is too slow for any poll.
 */
async function buildItems(fresh: Read[], window: Window, zone: string, deadline: PollDeadline) {
	const items: INodeExecutionData[] = [];
	for (const [index, { row, source }] of fresh.entries()) {
		const leftMs = deadline.leftMs();
		if (leftMs < MIN_DOWNLOAD_MS) return { items, left: fresh.slice(index) };
		const retryLater = leftMs < deadline.budgetMs / 2;
		const item = await source.item(row.raw, {
			atMs: row.timeMs,
			cut: { at: deadline.at, retryLater },
		});
		if (item === LATER) return { items, left: fresh.slice(index) };
		if (!item) continue;
		const note = placementProblem(row, window, zone);
		if (note) item.json.problems = [...((item.json.problems as string[]) ?? []), note];
		items.push(item);
	}
	return { items, left: [] };
}

/**
 * Stage 7: every page was read, so the state moves on. The next window starts at or after
 * `floor`, so a key dated before it can no longer come back by its date; one that came back from
 * outside its window is held by identity while UniTalk keeps returning it.
 */
function nextMemory(
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

async function pollWindow(
	ctx: IPollFunctions,
	state: ReadableState,
	sources: Source[],
	zone: string,
	nowMs: number,
	deadline: PollDeadline,
): Promise<INodeExecutionData[][] | null> {
	const window = await planWindow(ctx, state, sources, nowMs);
	const notices = (state.notices ?? []).filter((notice) => !say.isRestated(notice));
	if (window.catchingUp)
		notices.push(say.catchUp(window.fromMs, window.toMs, nowMs, CATCH_UP_STEP_MS, zone));

	const read = await readWindow(sources, window);
	const fresh = freshRows(read, state, nowMs);
	const learned = learnDelays(fresh, window, state);
	if (learned.notice) notices.push(learned.notice);

	const hours = hourCounts(state.hours);
	// State saved before hours were counted: count from the next hour no call is dated in yet.
	const countedFrom = isTime(state.countedFrom)
		? state.countedFrom
		: hourOf(nowMs + (state.aheadMs ?? 0)) + HOUR;
	// Each call once: not again when the budget left it pending, nor when its recording came.
	const countedBefore = (key?: string) =>
		key !== undefined &&
		(state.seen[key] !== undefined ||
			state.held?.[key] !== undefined ||
			state.pending?.[key] !== undefined);
	for (const { row, source } of fresh)
		if (!countedBefore(row.key) && !countedBefore(row.alsoKnownAs))
			count(hours, source, row, countedFrom, window.toMs);

	// Once an hour, before anything moves on (a failed check fails the poll like a failed page).
	let lateMs = learned.lateMs;
	let probeState: PollState = {};
	if (!window.catchingUp && nowMs - (state.probedAt ?? 0) >= CHECK_EVERY_MS) {
		const checked = await hourlyChecks(
			sources,
			state,
			window,
			hours,
			countedFrom,
			learned,
			zone,
			nowMs,
		);
		lateMs = checked.lateMs;
		probeState = checked.probeState;
		notices.push(...checked.notices);
	}

	const { items, left } = await buildItems(fresh, window, zone, deadline);
	if (left.length) notices.push(say.backlog(left.length, deadline.budgetMs));
	const memory = nextMemory(read, left, state, window, nowMs);
	const gaveUp = callsWithoutRecording(state.seen, read, memory.floor);
	if (gaveUp.count)
		notices.push(say.noRecording(gaveUp.count, gaveUp.newestMs, window.lookBackMs, zone));
	Object.assign(state, {
		watermark: window.toMs,
		...memory,
		lateMs: lateMs || undefined,
		lateSinceProbe: learned.lateSinceProbe,
		hours: pruneHours(hours, nowMs, COUNTED_SPAN_MS),
		countedFrom,
		...probeState,
	});
	if (!items.length) {
		state.notices = notices.length ? notices : undefined;
		// An empty catch-up step goes on at once, while the budget lasts.
		return window.catchingUp && !deadline.passed
			? await pollWindow(ctx, state, sources, zone, nowMs, deadline)
			: null;
	}
	// The backlog's notice is the one thing said again while it lasts (on every poll's items).
	state.notices = left.length ? [say.backlog(left.length, deadline.budgetMs)] : undefined;
	if (notices.length) for (const item of items) item.json.notice = notices.join(' ');
	return [items];
}

/**
 * Recording Ready: answered calls that leave the window still waiting (their date falls before the
 * next window's start, and no row of theirs with a link was ever read): they are given up on.
 */
function callsWithoutRecording(
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

/** Why a fresh row's date does not place it (emitted once all the same), or undefined. */
function placementProblem(row: Row, window: Window, zone: string) {
	if (row.timeMs === undefined)
		return say.undated(row.dateText, say.window(window.fromMs, window.readToMs, zone));
	if (placedTime(row, window.fromMs, window.readToMs) === undefined)
		return say.misplaced(row.dateText, say.window(window.fromMs, window.readToMs, zone));
	return undefined;
}

/** A test run: the newest few calls of the last week that pass the filters, oldest first. */
async function testRun(sources: Source[], nowMs: number) {
	const found: Array<{ timeMs: number; item: INodeExecutionData }> = [];
	for (const source of sources) {
		const page = await source.page(nowMs - WEEK_MS, nowMs, 0, 100);
		for (const raw of page.rows) {
			const item = await source.item(raw);
			if (item && item !== LATER) found.push({ timeMs: source.row(raw).timeMs ?? nowMs, item });
		}
	}
	const newest = found.sort((a, b) => b.timeMs - a.timeMs).slice(0, TEST_RUN_CALLS);
	return newest.length ? [newest.reverse().map((entry) => entry.item)] : null;
}
