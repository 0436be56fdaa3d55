// Callback Outcomes (#41): one check of the callback autodialer. Every read comes first (a failed
// page fails the check and nothing moves on), then the one write (expired numbers removed), then
// the memory: an outcome is said once, across restarts, failed checks and the poll's budget.
//
// Requests per check, through the paced transport: GET_NUMBERS (5,000 numbers a request: number
// states cannot tell an open callback from a closed one, NOANSWER is both until its attempts run
// out, so every number is read), GET_CALLS_HISTORY of answered calls only when a callback not yet
// reported is in state ANSWER (since the earliest such state), one history/get only when one is in
// CLIENT_CALLED (all their phones at once), REMOVE_NUMBERS only when callbacks expire (one request),
// and GET_WITH_DATA (the autodialer's repeat settings) once an hour.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toCallRecord } from '../shared/callRecord';
import { instantsOfUniTalkTime, normalizePhone, requireId, toList } from '../shared/validation';
import { wallClockWindow } from '../shared/zoneTime';
import { unitalkRequest } from '../transport/request';
import type { PollDeadline } from './budget';
import {
	type AnsweredCall,
	type Callback,
	type CallFromClient,
	type CallsAllowed,
	callsAllowed,
	FINAL,
	type Outcome,
	OUTCOMES,
	outcomeItem,
	toCallback,
	verdict,
} from './callbacks';
import { type CallbackMemory, HOUR, MINUTE, type TimeMap } from './state';

/**
 * The memory holds callbacks of the last Expire After + a day (older ones were reported or removed
 * by then) that are still in the autodialer, so its size follows the callbacks scheduled in that
 * time. Past this many the oldest are forgotten: one of them could be reported again only if more
 * than this many callbacks were scheduled within Expire After + a day.
 */
export const MAX_REMEMBERED = 10_000;
const DAY = 24 * HOUR;
/** GET_NUMBERS returns at most 5,000 numbers a request; GET_CALLS_HISTORY and history/get 1,000. */
const NUMBERS_PAGE = 5000;
const CALLS_PAGE = 1000;
/** REMOVE_NUMBERS takes at most 10,000 numbers a request. */
const REMOVE_AT_ONCE = 10_000;
/** The repeat settings change rarely: read again once an hour. */
const SETTINGS_EVERY_MS = HOUR;
/** A manual test run shows the newest few outcomes. */
const TEST_RUN_ITEMS = 5;

interface Settings {
	autodialerId: number;
	minTalkSeconds: number;
	expireMs: number;
	stillOpenMs: number;
	onlyN8n: boolean;
	emit: Outcome[];
}

function settingsOf(ctx: IPollFunctions): Settings {
	const hours = (name: string, fallback: number) => {
		const value = Number(ctx.getNodeParameter(name, fallback));
		return (Number.isFinite(value) && value >= 0 ? value : fallback) * HOUR;
	};
	const minTalk = Number(ctx.getNodeParameter('minTalkSeconds', 10));
	const emit = toList(ctx.getNodeParameter('outcomes', [...OUTCOMES]), 'Outcomes').filter((o) =>
		(OUTCOMES as readonly string[]).includes(o),
	) as Outcome[];
	return {
		autodialerId: requireId(
			ctx.getNodeParameter('callbackAutodialerId', ''),
			'Callback Autodialer',
		),
		minTalkSeconds: Number.isFinite(minTalk) && minTalk >= 0 ? minTalk : 10,
		expireMs: hours('expireAfterHours', 48),
		stillOpenMs: hours('stillOpenAfterHours', 4),
		onlyN8n: ctx.getNodeParameter('onlyN8nCallbacks', true) !== false,
		emit,
	};
}

const readable = (memory: unknown, autodialerId: number): memory is CallbackMemory =>
	!!memory &&
	typeof memory === 'object' &&
	(memory as CallbackMemory).autodialerId === autodialerId &&
	typeof (memory as CallbackMemory).said === 'object' &&
	(memory as CallbackMemory).said !== null;

export type CheckMode = 'activate' | 'check' | 'test';

/**
 * One check. 'activate' (no memory yet, or another autodialer): outcomes already due are remembered,
 * not emitted (no flood of old callbacks), and nothing is removed. 'test' (a manual run): the newest
 * outcomes due, nothing removed or remembered.
 */
export async function checkCallbacks(
	ctx: IPollFunctions,
	saved: unknown,
	zone: string,
	nowMs: number,
	deadline: PollDeadline,
	test = false,
): Promise<{ items: INodeExecutionData[]; memory: CallbackMemory }> {
	const settings = settingsOf(ctx);
	const { autodialerId } = settings;
	const known = readable(saved, autodialerId);
	const mode: CheckMode = test ? 'test' : known ? 'check' : 'activate';
	const before: CallbackMemory = known
		? saved
		: { autodialerId, checkedAt: nowMs, said: {}, firstSeen: {} };
	const memory: CallbackMemory = {
		...before,
		said: test ? {} : { ...before.said },
		firstSeen: { ...before.firstSeen },
		checkedAt: nowMs,
	};

	if (!memory.allowed || nowMs - (memory.allowedAt ?? 0) >= SETTINGS_EVERY_MS) {
		memory.allowed = await readAllowed(ctx, autodialerId);
		memory.allowedAt = nowMs;
	}
	const rules = { minTalkSeconds: settings.minTalkSeconds, allowed: memory.allowed };

	const callbacks = (await readNumbers(ctx, autodialerId))
		.map((raw) => toCallback(raw, zone))
		.filter((callback) => callback.byN8n || !settings.onlyN8n);
	// A number without a scheduled time (not scheduled by n8n) is timed from when it was first seen.
	const firstSeen: TimeMap = {};
	for (const callback of callbacks)
		if (callback.scheduledAtMs === undefined) {
			firstSeen[callback.key] = memory.firstSeen?.[callback.key] ?? nowMs;
			callback.scheduledAtMs = firstSeen[callback.key];
		}

	// Older than this, a callback was reported or removed by an earlier check: only one still open
	// (the trigger was off) is looked at, to be removed; no read is spent on the others.
	const horizonMs = nowMs - settings.expireMs - DAY;
	const saidOf = (callback: Callback) => (memory.said[callback.key] ?? '').split(',');
	const isClosed = (callback: Callback) =>
		saidOf(callback).some((o) => FINAL.includes(o as Outcome));
	const open = callbacks.filter(
		(callback) =>
			!isClosed(callback) &&
			(callback.scheduledAtMs! >= horizonMs ||
				verdict(callback, rules, undefined, undefined).outcome === 'open'),
	);

	const answered = await readAnsweredCalls(
		ctx,
		autodialerId,
		open.filter((callback) => callback.state === 'ANSWER'),
		zone,
		nowMs,
	);
	const fromClient = await readCallsFromClients(
		ctx,
		open.filter((callback) => callback.state === 'CLIENT_CALLED'),
		zone,
		nowMs,
	);

	const due: Array<{ outcome: Outcome; callback: Callback; json: IDataObject }> = [];
	const expiring: Callback[] = [];
	for (const callback of open) {
		const found = {
			answered: answered.get(callback.key),
			fromClient: fromClient.get(callback.key),
			nowMs,
		};
		const decided = verdict(callback, rules, found.answered, found.fromClient);
		const ageMs = nowMs - callback.scheduledAtMs!;
		if (decided.outcome === 'open' && ageMs >= settings.expireMs) expiring.push(callback);
		else if (decided.outcome === 'open' || decided.outcome === 'waiting') {
			const stillOpen = settings.stillOpenMs > 0 && ageMs >= settings.stillOpenMs;
			if (stillOpen && !saidOf(callback).includes('stillOpen'))
				due.push({
					outcome: 'stillOpen',
					callback,
					json: outcomeItem('stillOpen', callback, autodialerId, found),
				});
		} else
			due.push({
				outcome: decided.outcome,
				callback,
				json: outcomeItem(decided.outcome, callback, autodialerId, found),
			});
	}

	// Removed in one request, and only by a check with time left (else by the next one): an expired
	// callback is never dialled days later, and is reported once it is gone.
	if (mode === 'check' && expiring.length && !deadline.passed) {
		await removeNumbers(ctx, autodialerId, expiring);
		for (const callback of expiring)
			due.push({
				outcome: 'expired',
				callback,
				json: outcomeItem('expired', callback, autodialerId, { nowMs }),
			});
	}

	for (const { outcome, callback } of due)
		memory.said[callback.key] = [...new Set([...saidOf(callback), outcome])]
			.filter(Boolean)
			.join(',');
	forget(memory, callbacks, firstSeen, horizonMs);

	const shown = due
		.filter(({ outcome }) => settings.emit.includes(outcome))
		.sort((a, b) => a.callback.scheduledAtMs! - b.callback.scheduledAtMs!)
		.map(({ json }) => ({ json }));
	if (mode === 'activate') return { items: [], memory };
	return { items: test ? shown.slice(-TEST_RUN_ITEMS) : shown, memory };
}

/** Keeps what is said of callbacks still in the autodialer and inside the horizon, at most the cap. */
function forget(
	memory: CallbackMemory,
	callbacks: Callback[],
	firstSeen: TimeMap,
	horizonMs: number,
) {
	const kept = callbacks
		.filter((callback) => memory.said[callback.key] && callback.scheduledAtMs! >= horizonMs)
		.sort((a, b) => b.scheduledAtMs! - a.scheduledAtMs!)
		.slice(0, MAX_REMEMBERED);
	memory.said = Object.fromEntries(
		kept.map((callback) => [callback.key, memory.said[callback.key]]),
	);
	memory.firstSeen = firstSeen;
}

/**
 * The autodialer's repeat settings. GET_LIST's answer is not described in the reference; its
 * "full data" sibling GET_WITH_DATA lists every task with repeatCallsSettings.
 */
async function readAllowed(ctx: IPollFunctions, autodialerId: number): Promise<CallsAllowed> {
	const response = (await unitalkRequest(ctx, {
		path: '/autodial/action',
		json: { action: 'GET_WITH_DATA' },
		sideEffect: false,
	})) as IDataObject;
	const tasks = Array.isArray(response?.tasks) ? (response.tasks as IDataObject[]) : [];
	const task = tasks.find((entry) => Number(entry.id) === autodialerId);
	if (!task)
		throw new NodeOperationError(
			ctx.getNode(),
			`The callback autodialer ${autodialerId} is not in the UniTalk account`,
			{ description: 'Choose it again in Callback Autodialer (it may have been removed).' },
		);
	return callsAllowed(task);
}

async function readNumbers(ctx: IPollFunctions, autodialerId: number): Promise<IDataObject[]> {
	const numbers: IDataObject[] = [];
	for (let offset = 0; ; offset += NUMBERS_PAGE) {
		const page = await unitalkRequest(ctx, {
			path: '/autodial/action',
			json: { action: 'GET_NUMBERS', id: autodialerId, limit: NUMBERS_PAGE, offset },
			sideEffect: false,
		});
		const rows = Array.isArray(page) ? (page as IDataObject[]) : [];
		numbers.push(...rows);
		if (rows.length < NUMBERS_PAGE) return numbers;
	}
}

/** Every page of a paged read ({count, <list>}), 1,000 rows a request. */
async function readPages(
	read: (offset: number) => Promise<{ rows: IDataObject[]; count?: number }>,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (let offset = 0; ; ) {
		const page = await read(offset);
		rows.push(...page.rows);
		offset += page.rows.length;
		if (page.rows.length < CALLS_PAGE || (page.count !== undefined && offset >= page.count))
			return rows;
	}
}

const listOf = (response: unknown, field: string) => {
	const body = response as IDataObject | undefined;
	return {
		rows: Array.isArray(body?.[field]) ? (body[field] as IDataObject[]) : [],
		count: typeof body?.count === 'number' ? body.count : undefined,
	};
};

/**
 * The answered autodialer calls that set the ANSWER state of these callbacks: since the earliest
 * such state (the call ended then), answered calls only. Per callback the latest of its phone (of
 * its missed call, when the call carries the number's params).
 */
async function readAnsweredCalls(
	ctx: IPollFunctions,
	autodialerId: number,
	callbacks: Callback[],
	zone: string,
	nowMs: number,
): Promise<Map<string, AnsweredCall>> {
	const found = new Map<string, AnsweredCall>();
	if (!callbacks.length) return found;
	const fromMs =
		Math.min(...callbacks.map((c) => c.stateAtMs ?? c.scheduledAtMs ?? nowMs)) - MINUTE;
	const rows = await readPages(async (offset) =>
		listOf(
			await unitalkRequest(ctx, {
				path: '/autodial/action',
				json: {
					action: 'GET_CALLS_HISTORY',
					id: autodialerId,
					callHistoryRequest: {
						...wallClockWindow(fromMs, nowMs + HOUR, zone),
						offset,
						limit: CALLS_PAGE,
						filter: { states: ['ANSWER'] },
					},
				},
				sideEffect: false,
			}),
			'items',
		),
	);
	for (const callback of callbacks) {
		let latest: AnsweredCall | undefined;
		for (const row of rows) {
			if (normalizePhone(row.phone) !== callback.phone || row.state !== 'ANSWER') continue;
			const missedId = (row.params as IDataObject | undefined)?.['2'];
			if (callback.missedCallId && missedId != null && String(missedId) !== callback.missedCallId)
				continue;
			const endMs = instantsOfUniTalkTime(row.callEndTime, zone)?.ms;
			if (endMs === undefined || (latest && latest.endMs >= endMs)) continue;
			const talk = Number(row.secondsTalk);
			latest = {
				endMs,
				talkSeconds: row.secondsTalk == null || !Number.isFinite(talk) ? null : talk,
				operatorNumber: row.operatorNumber == null ? null : String(row.operatorNumber),
				attempts: Number.isFinite(Number(row.realCalledCount)) ? Number(row.realCalledCount) : null,
			};
		}
		if (latest) found.set(callback.key, latest);
	}
	return found;
}

/**
 * When the clients in CLIENT_CALLED called and who answered: one history/get for all their phones
 * (exactPhone), incoming answered calls since the earliest missed call; per callback the first
 * after its missed call.
 */
async function readCallsFromClients(
	ctx: IPollFunctions,
	callbacks: Callback[],
	zone: string,
	nowMs: number,
): Promise<Map<string, CallFromClient>> {
	const found = new Map<string, CallFromClient>();
	if (!callbacks.length) return found;
	const sinceOf = (c: Callback) => c.missedAtMs ?? c.scheduledAtMs ?? nowMs;
	const fromMs = Math.min(...callbacks.map(sinceOf));
	const phones = [...new Set(callbacks.map((c) => c.phone))];
	const rows = await readPages(async (offset) =>
		listOf(
			await unitalkRequest(ctx, {
				path: '/history/get',
				json: {
					...wallClockWindow(fromMs, nowMs + HOUR, zone),
					filter: { exactPhone: phones, direction: 'IN', answered: true },
					limit: CALLS_PAGE,
					offset,
				},
				sideEffect: false,
			}),
			'calls',
		),
	);
	const calls = rows.map((raw) => toCallRecord(raw, zone));
	for (const callback of callbacks) {
		let first: CallFromClient | undefined;
		for (const call of calls) {
			const atMs = Date.parse(String(call.startTime ?? ''));
			if (!call.answered || normalizePhone(call.customerNumber ?? '') !== callback.phone) continue;
			if (!Number.isFinite(atMs) || atMs < sinceOf(callback)) continue;
			if (first && first.atMs <= atMs) continue;
			first = { atMs, answeredBy: call.answeredBy ?? null };
		}
		if (first) found.set(callback.key, first);
	}
	return found;
}

async function removeNumbers(ctx: IPollFunctions, autodialerId: number, callbacks: Callback[]) {
	const phones = [...new Set(callbacks.map((c) => c.phone))];
	for (let at = 0; at < phones.length; at += REMOVE_AT_ONCE)
		await unitalkRequest(ctx, {
			path: '/autodial/action',
			json: {
				action: 'REMOVE_NUMBERS',
				id: autodialerId,
				numbers: phones.slice(at, at + REMOVE_AT_ONCE),
			},
			sideEffect: true,
		});
}
