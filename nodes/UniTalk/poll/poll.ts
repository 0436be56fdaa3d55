// The Call History Trigger's poll: every call of its source exactly once across polls, restarts and
// failed polls. State lives in the workflow's static data (n8n persists it), see PollState.
// A poll reads [from, now] of every source, where from = last check − look-back (never before
// `floor`); rows UniTalk writes late (a call appears in the history when it ends, dated when it
// started) are caught while they are inside the window. Nothing changes until every page is read.
// The stages, each in a file of its own: plan the window and read it (window.ts), pick the fresh
// rows and learn from their delays (fresh.ts), the hourly checks (checks.ts), build the items
// within the budget (items.ts), move the state on (memory.ts). This file runs them in order.
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { LATER } from '../shared/attachRecording';
import { toIsoFromUniTalk, toUniTalkDateTime } from '../shared/validation';
import { accountZone } from '../transport/credential';
import { PollDeadline, pollBudgetMs } from './budget';
import { checkCallbacks } from './callbackCheck';
import { CHECK_EVERY_MS, COUNTED_SPAN_MS, count, hourlyChecks, probeZone } from './checks';
import { withFailureCause, withWaitingCalls } from './failure';
import { freshRows, learnDelays } from './fresh';
import { buildItems } from './items';
import { callsWithoutRecording, nextMemory } from './memory';
import { notices as say } from './notices';
import {
	endPoll,
	forgetUnsaved,
	keepUnsaved,
	startPoll,
	triggerKey,
	unsavedState,
} from './process';
import { type Source, sourcesOf } from './sources';
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
	lookBackOf,
	placedTime,
	planWindow,
	readAll,
	readWindow,
} from './window';

/** Calls a manual test run shows: the newest few. */
const TEST_RUN_CALLS = 5;
const WEEK_MS = 7 * 24 * HOUR;
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
	if (ctx.getNodeParameter('event', 'finishedCalls') === 'callbackOutcomes')
		return await pollCallbacks(ctx);
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

/**
 * Callback Outcomes: a check of the callback autodialer (callbackCheck.ts), with the same guards as
 * the window's polls: one at a time per trigger, and this process's memory first when it is newer
 * than what n8n saved (n8n 2.x saves a poll's state only when it emits). A poll whose items n8n
 * drops (past its timeout) is not remembered: its outcomes are said again by the next. Expired
 * callbacks are removed only with budget left, so a dropped poll can hardly have removed any.
 */
async function pollCallbacks(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const deadline = new PollDeadline(pollBudgetMs(ctx));
	const { zone } = await accountZone(ctx);
	if (ctx.getMode() === 'manual') {
		const { items } = await checkCallbacks(ctx, undefined, zone, Date.now(), deadline, true);
		return items.length ? [items] : null;
	}
	const key = triggerKey(ctx);
	if (!startPoll(key)) return null;
	try {
		const state = ctx.getWorkflowStaticData('node') as PollState;
		const kept = unsavedState(key)?.callbacks;
		const saved =
			kept && (kept.checkedAt ?? 0) > (state.callbacks?.checkedAt ?? 0) ? kept : state.callbacks;
		const { items, memory } = await checkCallbacks(ctx, saved, zone, Date.now(), deadline);
		state.callbacks = memory;
		if (!items.length) {
			keepUnsaved(key, state);
			return null;
		}
		forgetUnsaved(key);
		return [items];
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
