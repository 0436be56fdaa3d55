// Callback Outcomes (#41): how a scheduled callback's loop closes, decided from what UniTalk says of
// its number in the callback autodialer. Pure rules; callbackCheck.ts reads UniTalk and keeps the
// memory. One scheduled callback = one number, its params written by Schedule a Callback
// (/work/notes/callback-contract.md): "1" = "n8n-callback", "2" missed call id, "3" missed at,
// "4" scheduled at (ISO 8601 UTC), "5" the line the client called, "6" the user's reference.
import type { IDataObject } from 'n8n-workflow';

import { instantsOfUniTalkTime, normalizePhone } from '../shared/validation';
import { MINUTE } from './state';

export const OUTCOMES = ['reached', 'calledBack', 'notReached', 'expired', 'stillOpen'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that close the loop: after one of them nothing more is said of the callback. */
export const FINAL: Outcome[] = ['reached', 'calledBack', 'notReached', 'expired'];

export const N8N_MARK = 'n8n-callback';

/**
 * States in which the number can still be dialled whatever its count says: not called yet, or
 * being called now. Every other state is the result of the last call (callState dictionary).
 */
const WAITING_STATES = ['NEW', 'DIALING'];
/**
 * The callState dictionary's "available for automatic repeat calling" column. A state outside it
 * (BLOCKED, CANCEL, AUDIO_ERR, WRONG_DIR, AUTOCANCEL…) is never dialled again: the loop has closed.
 */
const REPEATABLE_STATES = [
	'ANSW_RJCT',
	'NOANSWER',
	'BUSY',
	'FAIL',
	'TALKING',
	'UNREACHABLE',
	'NOT_EXIST',
	'VOICE_MAIL',
	'ANSW_NF_OP',
	'ANSW_OP_NA',
	'BUSYOUT',
];

/** How many calls the autodialer makes to a number whose last call ended in each state. */
export type CallsAllowed = Record<string, number>;

/**
 * Calls allowed per state, from the autodialer's settings (GET_WITH_DATA's task). A reference gap:
 * the number states have no "repeat attempts ended" (AUTODIAL_REPEAT_ATTEMPTS_ENDED exists only as
 * a trigger-action event) and the reference does not say whether a state's attempts count its own
 * calls or all of the number's, so the count is read as the contract says: the number's calledCount
 * against 1 + statesSettings[state].attempts. The deprecated repeatCallAttempts/repeatCallStates
 * are read when repeatCallsSettings is absent (an autodialer saved before it existed).
 */
export function callsAllowed(task: IDataObject | undefined): CallsAllowed {
	const allowed: CallsAllowed = {};
	const settings = task?.repeatCallsSettings as IDataObject | null | undefined;
	const byState = settings?.statesSettings as Record<string, IDataObject> | null | undefined;
	if (byState && typeof byState === 'object') {
		for (const [state, entry] of Object.entries(byState)) {
			const attempts = Number(entry?.attempts);
			if (Number.isFinite(attempts) && attempts > 0) allowed[state] = 1 + attempts;
		}
		return allowed;
	}
	const legacy = Number(task?.repeatCallAttempts);
	if (Number.isFinite(legacy) && legacy > 0 && Array.isArray(task?.repeatCallStates))
		for (const state of task.repeatCallStates as string[]) allowed[state] = 1 + legacy;
	return allowed;
}

/** One scheduled callback: a number of the callback autodialer, read with GET_NUMBERS. */
export interface Callback {
	/** phone:missedCallId: a phone scheduled again for a new missed call is a new callback. */
	key: string;
	phone: string;
	name: string | null;
	missedCallId: string | null;
	missedAtMs?: number;
	scheduledAtMs?: number;
	outerNumber: string | null;
	reference: string | null;
	byN8n: boolean;
	state: string;
	stateAtMs?: number;
	calledCount: number;
	attempts: number;
}

const text = (value: unknown) =>
	value === undefined || value === null || String(value).trim() === ''
		? null
		: String(value).trim();
const isoMs = (value: unknown) => {
	const ms = Date.parse(String(value ?? ''));
	return Number.isFinite(ms) ? ms : undefined;
};
const count = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value) : 0);

export function toCallback(raw: IDataObject, zone: string): Callback {
	const params = (raw.params ?? {}) as IDataObject;
	const phone = normalizePhone(raw.phone);
	const missedCallId = text(params['2']);
	const calledCount = count(raw.calledCount ?? raw.realCalledCount);
	return {
		key: `${phone}:${missedCallId ?? ''}`,
		phone,
		name: text(raw.name),
		missedCallId,
		missedAtMs: isoMs(params['3']),
		scheduledAtMs: isoMs(params['4']),
		outerNumber: text(params['5']),
		reference: text(params['6']),
		byN8n: params['1'] === N8N_MARK,
		state: String(raw.state ?? 'NEW'),
		stateAtMs: instantsOfUniTalkTime(raw.stateDateTime, zone)?.ms,
		calledCount,
		attempts: Math.max(calledCount, count(raw.realCalledCount)),
	};
}

/** An autodialer call (GET_CALLS_HISTORY) that may have reached the client. */
export interface AnsweredCall {
	endMs: number;
	talkSeconds: number | null;
	operatorNumber: string | null;
	attempts: number | null;
}

/** An answered incoming call from the client (history/get): who took it, when. */
export interface CallFromClient {
	atMs: number;
	answeredBy: string | null;
}

export interface Rules {
	minTalkSeconds: number;
	allowed: CallsAllowed;
}

export type Verdict =
	| { outcome: 'reached'; call: AnsweredCall }
	| { outcome: 'calledBack'; call?: CallFromClient }
	| { outcome: 'notReached' }
	| { outcome: 'open' }
	/** In state ANSWER but its call is not in the autodialer's history yet: decided next check. */
	| { outcome: 'waiting' };

/**
 * The callback's loop: closed (how) or still open. `answered` is the autodialer's answered call
 * that ended the number's last state, `fromClient` the client's own answered call, when read.
 */
export function verdict(
	callback: Callback,
	rules: Rules,
	answered: AnsweredCall | undefined,
	fromClient: CallFromClient | undefined,
): Verdict {
	const { state, calledCount } = callback;
	// clientCalledMode ANSWERED_CALLS: UniTalk stops dialling a client who called and was answered.
	if (state === 'CLIENT_CALLED') return { outcome: 'calledBack', call: fromClient };
	if (WAITING_STATES.includes(state)) return { outcome: 'open' };
	const allowed = rules.allowed[state] ?? 1;
	if (state === 'ANSWER') {
		if (!answered) return { outcome: 'waiting' };
		// What counts as reached is explicit: a talk of at least Minimum Talk Time.
		if ((answered.talkSeconds ?? 0) >= rules.minTalkSeconds)
			return { outcome: 'reached', call: answered };
		// A short talk is dialled again while the autodialer's ANSWER attempts last.
		return calledCount < allowed ? { outcome: 'open' } : { outcome: 'notReached' };
	}
	if (!REPEATABLE_STATES.includes(state)) return { outcome: 'notReached' };
	return calledCount < allowed ? { outcome: 'open' } : { outcome: 'notReached' };
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const minutesBetween = (fromMs: number | undefined, toMs: number | undefined) =>
	fromMs === undefined || toMs === undefined ? null : Math.round((toMs - fromMs) / MINUTE);

/**
 * The item of one outcome: the missed call's fields from the number's params (so a CRM row can be
 * updated without a lookup), then the outcome's own. Never `caller`/`callee`: `phone` is the client.
 */
export function outcomeItem(
	outcome: Outcome,
	callback: Callback,
	autodialerId: number,
	detail: { answered?: AnsweredCall; fromClient?: CallFromClient; nowMs: number },
): IDataObject {
	const json: IDataObject = {
		outcome,
		phone: callback.phone,
		name: callback.name,
		missedCallId: callback.missedCallId,
		missedAt: iso(callback.missedAtMs),
		scheduledAt: iso(callback.scheduledAtMs),
		outerNumber: callback.outerNumber,
		reference: callback.reference,
		autodialerId,
		attempts: callback.attempts,
	};
	const since = callback.missedAtMs ?? callback.scheduledAtMs;
	if (outcome === 'reached' && detail.answered) {
		const call = detail.answered;
		// The talk started when the call's talk time began: its end less the talk.
		const reachedMs = call.endMs - (call.talkSeconds ?? 0) * 1000;
		Object.assign(json, {
			reachedAt: iso(reachedMs),
			operatorNumber: call.operatorNumber,
			attempts: Math.max(callback.attempts, call.attempts ?? 0),
			minutesToCallback: minutesBetween(since, reachedMs),
			talkSeconds: call.talkSeconds,
		});
	}
	if (outcome === 'calledBack') {
		// No answered call from the client in the history (an operator's own outgoing call also sets
		// CLIENT_CALLED): the time UniTalk set the state, nobody named.
		const atMs = detail.fromClient?.atMs ?? callback.stateAtMs;
		Object.assign(json, {
			calledBackAt: iso(atMs),
			answeredBy: detail.fromClient?.answeredBy ?? null,
			minutesToCallback: minutesBetween(since, atMs),
		});
	}
	if (outcome === 'notReached' || outcome === 'expired' || outcome === 'stillOpen')
		json.lastState = callback.calledCount > 0 ? callback.state : null;
	if (outcome === 'expired') json.expiredAt = iso(detail.nowMs);
	if (outcome === 'stillOpen')
		json.openForMinutes = minutesBetween(callback.scheduledAtMs, detail.nowMs);
	return json;
}
