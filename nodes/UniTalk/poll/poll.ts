// The Call History Trigger's poll: every call of its source exactly once across polls, restarts and
// failed polls. State lives in the workflow's static data (n8n persists it), see PollState.
// A poll reads [from, now] of every source, where from = last check − look-back (never before
// `floor`); rows UniTalk writes late (a call appears in the history when it ends, dated when it
// started) are caught while they are inside the window. Identity, not time, decides what was
// emitted: a key is remembered until no window the trigger will still ask for can return it.
// Nothing changes until every page is read.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { formatInZone, toIsoFromUniTalk, toUniTalkDateTime } from '../shared/validation';
import { accountZone } from '../transport/credential';
import { unitalkDetails } from '../transport/failure';
import { type Row, type Source, sourcesOf, WAITING_FOR_RECORDING, WITH_RECORDING } from './sources';

/** Calls a manual test run shows: the newest few. */
const TEST_RUN_CALLS = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK_MS = 7 * 24 * HOUR;
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
/** How long a row that cannot be placed by its date is remembered after UniTalk last returned it. */
export const HELD_MS = 2 * HOUR;
/** A row dated further outside the window it came from than this is reported as misplaced. */
const MISPLACED_MS = 5 * MINUTE;
/** The zone probe: how often, and how far around now it looks for the newest calls. */
const PROBE_EVERY_MS = HOUR;
const PROBE_SPAN_MS = 14 * HOUR;
/** Calls dated this far in the future, or all this late, point at a zone setting. */
const ZONE_SUSPECT_MS = 45 * MINUTE;
/** How far back the hourly check compares UniTalk's count of calls with what the trigger read. */
const COUNTED_SPAN_MS = 14 * HOUR;
/** Recording Ready: how long after a call's start its recording is waited for, by default. */
export const DEFAULT_RECORDING_WAIT_HOURS = 3;
/** Earliest plausible watermark (a saved number before it is not a time this trigger wrote). */
const EARLIEST_MS = Date.UTC(2000, 0, 1);

export interface PollState {
	/** Where the last complete poll read up to (epoch ms). */
	watermark?: number;
	/** Emitted (or, on activation, already present) calls placed by their date: key → date ms. */
	seen?: Record<string, number>;
	/** Rows without a date that places them in the window they came from: key → last read ms. */
	held?: Record<string, number>;
	/** No window starts before this (whole second, ms): `seen` is complete from here on. */
	floor?: number;
	/** The longest delay observed between a call's date and its first appearance (ms). */
	lateMs?: number;
	/** How far ahead of now UniTalk's newest dates lie (a zone east of the credential's), ms. */
	aheadMs?: number;
	/** When the zone probe last ran (ms). */
	probedAt?: number;
	/** The shortest delay among calls that appeared late since the last probe, and how many. */
	lateSinceProbe?: { minMs?: number; count: number };
	/**
	 * Calls read per source and hour of their date (hour start ms → how many), from `countedFrom`
	 * on: the hourly check compares them with UniTalk's count of the hours every window has passed.
	 */
	hours?: Record<string, Record<string, number>>;
	countedFrom?: number;
	/** Said on the items of the next execution that emits any. */
	notices?: string[];
}

export async function pollCalls(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		return await poll(ctx);
	} catch (error) {
		throw withFailureCause(withWaitingCalls(ctx, error));
	}
}

/**
 * n8n 2.x's poll back-off reads why a poll failed from the error's `failure` (plain data): a key
 * UniTalk blocked for a while is "rate-limited" (it waits at least the block), a rejected key or a
 * banned account needs the user ("credential-invalid"), no answer is "temporarily-unavailable".
 * n8n 1.x ignores the field and polls again at the next interval.
 */
export function withFailureCause(error: unknown): unknown {
	const kind = unitalkDetails(error).kind;
	const failure =
		kind === 'rateLimited'
			? { cause: 'rate-limited', retryAfterMs: BLOCK_WAIT_MS }
			: kind === 'auth' || kind === 'banned'
				? { cause: 'credential-invalid' }
				: kind === 'notSent' || kind === 'readFailed' || kind === 'busy'
					? { cause: 'temporarily-unavailable' }
					: undefined;
	if (failure && error && typeof error === 'object')
		(error as { failure?: object }).failure = failure;
	return error;
}

/**
 * A failed check moves nothing on, so every call since the last complete one waits behind it: the
 * error says so (n8n shows only the error; the calls are not lost, just not emitted yet).
 */
function withWaitingCalls(ctx: IPollFunctions, error: unknown): unknown {
	if (!error || typeof error !== 'object' || ctx.getMode() === 'manual') return error;
	const state = ctx.getWorkflowStaticData('node') as PollState;
	if (!isTime(state.watermark)) return error;
	const since = new Date(state.watermark).toISOString();
	const waiting = `No call since ${since} has been emitted yet: they wait, none is skipped, and the first check that reads every page emits each once.`;
	const described = error as { description?: unknown };
	described.description =
		typeof described.description === 'string' && described.description
			? `${described.description} ${waiting}`
			: waiting;
	return error;
}

/** How long UniTalk's temporary block of a key lasts at least (its reference: "temporary blocking"). */
const BLOCK_WAIT_MS = 60_000;

const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= EARLIEST_MS;
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const minutes = (ms: number) => Math.round(ms / MINUTE);
const isTimeMap = (value: unknown): value is Record<string, number> =>
	!!value &&
	typeof value === 'object' &&
	!Array.isArray(value) &&
	Object.values(value).every((entry) => typeof entry === 'number' && Number.isFinite(entry));

/** What of the saved state cannot be used (imported, hand-edited, from another version), if any. */
function unreadable(state: PollState, nowMs: number): string | undefined {
	if (!isTime(state.watermark) || state.watermark > nowMs + 24 * HOUR)
		return `its watermark ${JSON.stringify(state.watermark) ?? 'undefined'} is not a time it wrote`;
	if (!isTimeMap(state.seen)) return 'its list of emitted calls is not readable';
	if (state.held !== undefined && !isTimeMap(state.held))
		return 'its list of undated calls is not readable';
	if (state.floor !== undefined && !isTime(state.floor)) return 'its window start is not a time';
	return undefined;
}

/** The window's width: Look Back, at least the floor, widened by the delays observed. */
function lookBackOf(ctx: IPollFunctions, state: PollState): number {
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

async function poll(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { zone } = await accountZone(ctx);
	const nowMs = Date.now();
	const sources = sourcesOf(ctx, zone);
	if (ctx.getMode() === 'manual') return await testRun(sources, nowMs);

	const state = ctx.getWorkflowStaticData('node') as PollState;
	if (state.watermark === undefined && state.seen === undefined) {
		const startFrom = ctx.getNodeParameter('startFrom', '') as string;
		if (!startFrom) return await activate(ctx, state, sources, zone, nowMs);
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
		const notice = `The trigger's saved state could not be read (${problem}): it started again from ${formatInZone(new Date(nowMs), zone)} (${zone}) as on a first activation; calls that ended before then are not emitted (use Start From on a copy of the workflow to catch up).`;
		for (const key of Object.keys(state)) delete (state as IDataObject)[key];
		await activate(ctx, state, sources, zone, nowMs);
		state.notices = [notice];
		return null;
	}
	return await pollWindow(ctx, state, sources, zone, nowMs);
}

/**
 * First activation (or a reset): from now on, no flood of old calls. What the window holds already
 * is marked as seen, so the next poll, which reads it again, emits only calls that end after now.
 */
async function activate(
	ctx: IPollFunctions,
	state: PollState,
	sources: Source[],
	zone: string,
	nowMs: number,
): Promise<null> {
	const fromMs = nowMs - lookBackOf(ctx, state);
	const seen: Record<string, number> = {};
	const held: Record<string, number> = {};
	const floor = wholeSecond(fromMs);
	const countedFrom = hourOf(floor) + HOUR;
	const hours: Record<string, Record<string, number>> = {};
	for (const source of sources)
		for (const row of await readAll(source, fromMs, nowMs)) {
			count(hours, source, row, countedFrom, nowMs);
			if (placed(row, fromMs, nowMs) && row.timeMs! >= floor) seen[row.key] = row.timeMs!;
			else held[row.key] = nowMs;
		}
	const probe = await probeZone(sources[0], zone, nowMs, {});
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

const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;

/**
 * Counts a row first read in the hour UniTalk files it under: its date's when the date places it,
 * else the hour it was read in (UniTalk returned it for the window that ends then).
 */
function count(
	hours: Record<string, Record<string, number>>,
	source: Source,
	row: Row,
	countedFrom: number,
	readMs: number,
) {
	const hour = hourOf(row.timeMs ?? readMs);
	if (hour < countedFrom) return;
	const counts = (hours[source.id] ??= {});
	counts[hour] = (counts[hour] ?? 0) + 1;
}

/** A row whose date lies where the window it came from says it should (second cut counted). */
const placed = (row: Row, fromMs: number, toMs: number) =>
	row.timeMs !== undefined && inWindow(row.timeMs, fromMs, toMs);

const inWindow = (ms: number, fromMs: number, toMs: number) =>
	ms >= wholeSecond(fromMs) - MISPLACED_MS && ms <= toMs + MISPLACED_MS;

/**
 * A date of the hour that repeats when clocks go back names two instants: the row is dated by the
 * one in the window it came from. When both are (a window longer than the hour), the later: a row
 * not read before is far likelier a call that just ended than one written an hour late.
 */
function dated(row: Row, fromMs: number, toMs: number): Row {
	if (row.timeMs === undefined || row.altTimeMs === undefined) return row;
	if (!inWindow(row.altTimeMs, fromMs, toMs)) return row;
	return { ...row, timeMs: row.altTimeMs, altTimeMs: row.timeMs };
}

async function pollWindow(
	ctx: IPollFunctions,
	state: PollState,
	sources: Source[],
	zone: string,
	nowMs: number,
): Promise<INodeExecutionData[][] | null> {
	const seen = state.seen!;
	const held = state.held ?? {};
	const lookBackMs = lookBackOf(ctx, state);
	const fromMs = Math.max(state.watermark! - lookBackMs, state.floor ?? -Infinity);
	const notices = (state.notices ?? []).filter((notice) => !notice.startsWith('Catching up:'));
	// An old watermark (a workflow re-activated after weeks) catches up in steps, announced.
	const catchingUp =
		nowMs - state.watermark! > CATCH_UP_STEP_MS &&
		(await callsBetween(sources, fromMs, nowMs)) > CATCH_UP_ROWS;
	const toMs = catchingUp ? state.watermark! + CATCH_UP_STEP_MS : nowMs;
	const readToMs = catchingUp ? toMs : toMs + (state.aheadMs ?? 0);
	if (catchingUp)
		notices.push(
			`Catching up: this check read calls from ${formatInZone(new Date(fromMs), zone)} to ${formatInZone(new Date(toMs), zone)} (${zone}), ${Math.round((nowMs - toMs) / HOUR)} hours behind now; each check reads ${CATCH_UP_STEP_MS / HOUR} more hours until it is current.`,
		);

	const read = new Map<string, { row: Row; source: Source }>();
	for (const source of sources)
		for (const row of await readAll(source, fromMs, readToMs))
			if (!read.has(row.key)) read.set(row.key, { row, source });

	const fresh = [...read.values()].filter(
		({ row }) => seen[row.key] === undefined && held[row.key] === undefined,
	);
	fresh.sort(
		(a, b) =>
			(a.row.timeMs ?? nowMs) - (b.row.timeMs ?? nowMs) || a.row.key.localeCompare(b.row.key),
	);

	// Calls that appear later than half the window widen it: the next longer call is then caught.
	// The delay counted is the least it can be: from the call's date to the last check's end.
	let lateMs = state.lateMs ?? 0;
	const lateSinceProbe = { ...state.lateSinceProbe, count: state.lateSinceProbe?.count ?? 0 };
	let latest: Row | undefined;
	for (const { row } of fresh) {
		if (row.lateByDesign) continue; // a recording added to an old call: not a late call
		if (!placed(row, fromMs, readToMs) || row.timeMs! >= state.watermark!) continue;
		const delayMs = state.watermark! - row.timeMs!;
		lateSinceProbe.minMs = Math.min(lateSinceProbe.minMs ?? delayMs, delayMs);
		lateSinceProbe.count++;
		if (delayMs > lookBackMs / 2 && delayMs > lateMs) {
			lateMs = delayMs;
			latest = row;
		}
	}
	if (latest)
		notices.push(
			`A call (${latest.key}) appeared in UniTalk's history ${minutes(lateMs)} minutes after its date (calls are written when they end): the trigger now reads ${minutes(Math.min(LOOK_BACK_CAP_MS, Math.max(lookBackMs, 2 * lateMs)))} minutes back, so longer calls are caught too.`,
		);

	const hours = structuredHours(state.hours);
	// State saved before hours were counted: count from the next hour no call is dated in yet.
	const countedFrom = isTime(state.countedFrom)
		? state.countedFrom
		: hourOf(nowMs + (state.aheadMs ?? 0)) + HOUR;
	for (const { row, source } of fresh) count(hours, source, row, countedFrom, toMs);

	// Once an hour, before anything moves on (a failed probe fails the poll like a failed page).
	const hourly = !catchingUp && nowMs - (state.probedAt ?? 0) >= PROBE_EVERY_MS;
	if (hourly)
		for (const source of sources) {
			const missed = await missedHours(source, hours, countedFrom, wholeSecond(fromMs), nowMs);
			for (const { hour, calls } of missed) {
				lateMs = Math.min(LOOK_BACK_CAP_MS, Math.max(lateMs, wholeSecond(fromMs) - hour));
				notices.push(
					`UniTalk's ${source.id === 'history' ? 'call history' : source.id.replace(':', ' ')} has ${calls} more call${calls === 1 ? '' : 's'} dated ${formatInZone(new Date(hour), zone)} to ${formatInZone(new Date(hour + HOUR - 1000), zone)} (${zone}) than the trigger read: written after every window had passed that hour (calls longer than the window), they were not emitted. Find them with History → Get Many for that hour; the window now reads ${minutes(Math.min(LOOK_BACK_CAP_MS, Math.max(lookBackMs, 2 * lateMs)))} minutes back.`,
				);
			}
		}
	const probe = hourly
		? await probeZone(sources[0], zone, nowMs, { ...state, lateSinceProbe })
		: undefined;
	if (probe?.notice) notices.push(probe.notice);

	const items: INodeExecutionData[] = [];
	for (const { row, source } of fresh) {
		const item = await source.item(row.raw, row.timeMs);
		if (!item) continue;
		const note = placementProblem(row, fromMs, readToMs, zone);
		if (note) item.json.problems = [...((item.json.problems as string[]) ?? []), note];
		items.push(item);
	}

	// Every page was read: only now does the state move on. The next window starts at or after
	// `floor`, so a key dated before it can no longer come back by its date; one that came back
	// from outside its window is held by identity while UniTalk keeps returning it.
	const floor = wholeSecond(fromMs);
	const nextSeen: Record<string, number> = {};
	const nextHeld: Record<string, number> = {};
	for (const [key, timeMs] of Object.entries(seen)) if (timeMs >= floor) nextSeen[key] = timeMs;
	const noRecording = callsWithoutRecording(seen, read, floor);
	if (noRecording.count)
		notices.push(
			`${noRecording.count} answered call${noRecording.count === 1 ? '' : 's'} dated up to ${formatInZone(new Date(noRecording.newestMs), zone)} (${zone}) got no recording within ${minutes(lookBackMs) / 60} hours of ${noRecording.count === 1 ? 'its' : 'their'} start and ${noRecording.count === 1 ? 'was' : 'were'} not emitted (recording off for the line, or a call longer than Wait for Recording). Find them with History → Get Many.`,
		);
	for (const [key, readMs] of Object.entries(held))
		if (nowMs - readMs < HELD_MS) nextHeld[key] = readMs;
	for (const { row } of read.values()) {
		if (placed(row, fromMs, readToMs) && row.timeMs! >= floor) {
			nextSeen[row.key] = row.timeMs!;
			delete nextHeld[row.key];
		} else nextHeld[row.key] = nowMs;
	}
	Object.assign(state, {
		watermark: toMs,
		seen: nextSeen,
		held: nextHeld,
		floor,
		lateMs: lateMs || undefined,
		lateSinceProbe,
		hours: pruneHours(hours, nowMs),
		countedFrom,
		...probe?.state,
	});
	if (!items.length) {
		state.notices = notices.length ? notices : undefined;
		return catchingUp ? await pollWindow(ctx, state, sources, zone, nowMs) : null;
	}
	state.notices = undefined;
	if (notices.length) for (const item of items) item.json.notice = notices.join(' ');
	return [items];
}

/**
 * Recording Ready: answered calls that leave the window still waiting (their date falls before the
 * next window's start, and no row of theirs with a link was ever read): they are given up on.
 */
function callsWithoutRecording(
	seen: Record<string, number>,
	read: Map<string, unknown>,
	floor: number,
): { count: number; newestMs: number } {
	let count = 0;
	let newestMs = 0;
	for (const [key, timeMs] of Object.entries(seen)) {
		if (!key.startsWith(WAITING_FOR_RECORDING) || timeMs >= floor) continue;
		const withLink = WITH_RECORDING + key.slice(WAITING_FOR_RECORDING.length);
		if (seen[withLink] !== undefined || read.has(withLink)) continue;
		count++;
		newestMs = Math.max(newestMs, timeMs);
	}
	return { count, newestMs };
}

/** Why a fresh row's date does not place it (emitted once all the same), or undefined. */
function placementProblem(row: Row, fromMs: number, toMs: number, zone: string) {
	const window = `${formatInZone(new Date(fromMs), zone)} to ${formatInZone(new Date(toMs), zone)} (${zone})`;
	if (row.timeMs === undefined)
		return `UniTalk sent this call without a readable date (${JSON.stringify(row.dateText) ?? 'none'}) in the window ${window}: emitted once, not again`;
	if (!placed(row, fromMs, toMs))
		return `UniTalk dated this call ${row.dateText}, outside the window asked for, ${window} (a clock or time-zone difference?): emitted once, not again`;
	return undefined;
}

const structuredHours = (saved: unknown): Record<string, Record<string, number>> =>
	saved && typeof saved === 'object'
		? Object.fromEntries(
				Object.entries(saved as Record<string, unknown>)
					.filter(([, counts]) => isTimeMap(counts))
					.map(([id, counts]) => [id, { ...(counts as Record<string, number>) }]),
			)
		: {};

function pruneHours(hours: Record<string, Record<string, number>>, nowMs: number) {
	const oldest = hourOf(nowMs - COUNTED_SPAN_MS);
	for (const counts of Object.values(hours))
		for (const hour of Object.keys(counts)) if (Number(hour) < oldest) delete counts[hour];
	return hours;
}

/**
 * The hours every window has passed (before `floor`) in which UniTalk now counts more calls than
 * the trigger read: calls written after their hour had left the window, which no window will
 * return. One request for all of them (limit 1: only the count is read); per hour only when the
 * total differs. The last second of the range is left out, so an exclusive or inclusive `dateTo`
 * can only under-count (never a false report). Counts are updated, so each is reported once.
 */
async function missedHours(
	source: Source,
	hours: Record<string, Record<string, number>>,
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

/**
 * Once an hour: do UniTalk's dates fit the credential's zone? The newest calls around now dated in
 * the future mean the project's zone is east of it (every call would arrive hours late: the window
 * then reaches that far ahead); calls that all appear hours after their date mean it is west (the
 * delays observed have widened the window already). Reads one page; changes nothing itself.
 */
async function probeZone(
	source: Source | undefined,
	zone: string,
	nowMs: number,
	state: Pick<PollState, 'aheadMs' | 'lateSinceProbe'>,
): Promise<{ state: PollState; notice?: string }> {
	const next: PollState = { probedAt: nowMs, lateSinceProbe: undefined, aheadMs: state.aheadMs };
	if (!source) return { state: next };
	const page = await source.page(nowMs - PROBE_SPAN_MS, nowMs + PROBE_SPAN_MS, 0, source.pageSize);
	const newestMs = Math.max(
		...page.rows.map((raw) => source.row(raw).timeMs ?? -Infinity),
		-Infinity,
	);
	const hours = (ms: number) => Math.round(ms / (15 * MINUTE)) / 4;
	if (newestMs - nowMs >= ZONE_SUSPECT_MS) {
		next.aheadMs = Math.max(state.aheadMs ?? 0, hours(newestMs - nowMs) * HOUR);
		if (state.aheadMs !== undefined) return { state: next };
		const ahead = hours(newestMs - nowMs);
		return {
			state: next,
			notice: `UniTalk's newest calls are dated ${ahead} hours ahead of now in ${zone}, the credential's UniTalk Time Zone: the project's zone is probably ${ahead} hours east of it. Set the credential's zone to the project's; until then the trigger reads that far ahead, so calls are not late.`,
		};
	}
	// A call dated about now: the dates fit the zone (again), nothing to read ahead for.
	if (Math.abs(newestMs - nowMs) < ZONE_SUSPECT_MS) next.aheadMs = undefined;
	const late = state.lateSinceProbe;
	if (late && late.count >= 3 && late.minMs !== undefined && late.minMs >= ZONE_SUSPECT_MS)
		return {
			state: next,
			notice: `Every call of the last hour (${late.count}) appeared at least ${hours(late.minMs)} hours after its date in ${zone}, the credential's UniTalk Time Zone: the project's zone is probably ${Math.floor(hours(late.minMs))} hours west of it, or calls last that long. Set the credential's zone to the project's; the trigger reads further back meanwhile.`,
		};
	return { state: next };
}

/** How many calls UniTalk counts in [fromMs, toMs] over all sources (one request each, limit 1). */
async function callsBetween(sources: Source[], fromMs: number, toMs: number): Promise<number> {
	let calls = 0;
	for (const source of sources) calls += (await source.page(fromMs, toMs, 0, 1)).count ?? 0;
	return calls;
}

/** Every row in [fromMs, toMs], page by page; a failed page fails the poll (nothing advances). */
async function readAll(source: Source, fromMs: number, toMs: number): Promise<Row[]> {
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

/** A test run: the newest few calls of the last week that pass the filters, oldest first. */
async function testRun(sources: Source[], nowMs: number) {
	const found: Array<{ timeMs: number; item: INodeExecutionData }> = [];
	for (const source of sources) {
		const page = await source.page(nowMs - WEEK_MS, nowMs, 0, 100);
		for (const raw of page.rows) {
			const item = await source.item(raw);
			if (item) found.push({ timeMs: source.row(raw).timeMs ?? nowMs, item });
		}
	}
	const newest = found.sort((a, b) => b.timeMs - a.timeMs).slice(0, TEST_RUN_CALLS);
	return newest.length ? [newest.reverse().map((entry) => entry.item)] : null;
}
