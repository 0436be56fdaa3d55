// The normalized call record shared by the trigger and History.
import type { IDataObject } from 'n8n-workflow';

import { splitList, toIsoFromUniTalk } from './validation';

/**
 * One call in a stable, typed shape any CRM node can map (modelled on ELMA365's telephony event,
 * LeadSquared's call log and Vtiger's call events). Accepts UniTalk's Standard JSON (numbers,
 * `to` array) and user-written "Specified JSON" (every value a string, `to` a string, "" for unknown).
 * Never outputs fields named caller, callee or arguments: n8n expressions cannot read them.
 */
export interface CallRecord extends IDataObject {
	callId: string | null;
	/** A number, or text when it is beyond 2^53 (JSON numbers would round it). */
	dbId: number | string | null;
	direction: 'in' | 'out' | 'internal' | null;
	customerNumber: string | null;
	operatorNumbers: string[];
	/** The operators as one text ("2000, 2001"), for a CRM's text column. */
	operatorNumbersText: string;
	/** The operator (line) who took the call, or null while nobody has. */
	answeredBy: string | null;
	outerNumber: string | null;
	startTime: string | null;
	durationSeconds: number | null;
	talkSeconds: number | null;
	status: string | null;
	answered: boolean;
	missed: boolean;
	recordingUrl: string | null;
	endCause: number | null;
	/** What `endCause` means, where it is a common code. */
	endCauseText: string | null;
	source: string | null;
	lastGroupName: string | null;
	meta: string | null;
	comment: string | null;
	utm: IDataObject;
}

/**
 * UniTalk's "cause" is documented only as the "call end code"; its example (16) and the PBX behind
 * it match the ITU-T Q.850 cause codes telephony systems report, so the common ones are named.
 * An assumption the reference does not confirm: `endCause` itself is always kept.
 */
const END_CAUSES: Record<number, string> = {
	1: 'Unallocated number',
	3: 'No route to destination',
	16: 'Normal call clearing',
	17: 'User busy',
	18: 'No user responding',
	19: 'No answer',
	20: 'Subscriber absent',
	21: 'Call rejected',
	22: 'Number changed',
	27: 'Destination out of order',
	28: 'Invalid number format',
	31: 'Normal, unspecified',
	34: 'No circuit available',
	38: 'Network out of order',
	41: 'Temporary failure',
	42: 'Switching equipment congestion',
	127: 'Interworking, unspecified',
};

const DIRECTIONS: Record<string, CallRecord['direction']> = {
	IN: 'in',
	OUT: 'out',
	INNER: 'internal',
	INTERNAL: 'internal',
};

/**
 * A scalar as text: "" / "null" / a leftover "{{PLACEHOLDER}}" mean unknown, and so does anything
 * that is not text, a number or a boolean (an object's own toString is never called: bodies come
 * from outside).
 */
export function text(value: unknown): string | null {
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
		return null;
	const s = String(value).trim();
	return s === '' || s === 'null' || s === 'undefined' || /^\{\{.*\}\}$/.test(s) ? null : s;
}

/** `to` arrives as an array, a comma list, a JSON array string or a single number (one level). */
export function numberList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== null);
	const s = text(value);
	if (s === null) return [];
	if (s.startsWith('[')) {
		const parsed = tryParse(s);
		if (Array.isArray(parsed)) return numberList(parsed);
	}
	return splitList(s).map((v) => v.replace(/^["']|["']$/g, ''));
}

function tryParse(s: string): unknown {
	try {
		return JSON.parse(s) as unknown;
	} catch {
		return undefined; // not JSON after all: read as a list
	}
}

/**
 * Reads one call's fields and notes in `problems` each value that is present but not real (an
 * impossible date, a count that is not a non-negative decimal number): such a value becomes null.
 */
class Reader {
	readonly problems: string[] = [];
	constructor(private readonly call: IDataObject) {}

	text(field: string): string | null {
		const value = this.call[field];
		const result = text(value);
		if (result === null && value !== null && value !== undefined && typeof value === 'object')
			this.problems.push(`"${field}" is not text and was left out`);
		return result;
	}

	/** A whole, non-negative decimal number (seconds, codes); "0x10", "1e3" or -5 are not. */
	count(field: string): number | null {
		const s = this.text(field);
		if (s === null) return null;
		if (/^\d{1,15}$/.test(s)) return Number(s);
		this.problems.push(`"${field}" is not a whole non-negative number (${JSON.stringify(s)})`);
		return null;
	}

	/** A decimal ID; beyond 2^53 it stays text, so two large IDs never collide. */
	id(field: string): number | string | null {
		const s = this.text(field);
		if (s === null) return null;
		if (!/^\d+$/.test(s)) {
			this.problems.push(`"${field}" is not a decimal ID (${JSON.stringify(s)})`);
			return null;
		}
		return Number.isSafeInteger(Number(s)) ? Number(s) : s;
	}

	time(field: string, timeZone: string, nearMs?: number): string | null {
		const s = this.text(field);
		if (s === null) return null;
		const iso = toIsoFromUniTalk(s, timeZone, nearMs);
		if (iso === null)
			this.problems.push(`"${field}" is not a real date and time (${JSON.stringify(s)})`);
		return iso;
	}
}

/**
 * The call record, and the notes on values that were present but not real. `event` is the webhook's
 * (CALL_ANSWER names who answers before the call has a state); the history's calls have none.
 */
/** The call's marketing fields (UniTalk's Standard JSON), given as `utm` without the prefix. */
export const MARKETING_FIELDS = [
	'utmSource',
	'utmMedium',
	'utmCampaign',
	'utmTerm',
	'utmContent',
	'googleId',
	'facebookClientId',
	'referer',
	'gclid',
	'cdid',
];

export function toCallRecord(
	call: IDataObject,
	timeZone: string,
	event?: string | null,
	/** Decides a start time in the hour that repeats when clocks go back: the reading nearest it. */
	nearMs?: number,
): CallRecord & { problems?: string[] } {
	const read = new Reader(call);
	const direction = DIRECTIONS[String(read.text('direction') ?? '').toUpperCase()] ?? null;
	const from = read.text('from');
	const to = numberList(call.to);
	const status = read.text('state');
	const talkSeconds = read.count('secondsTalk');
	const answered = status === 'ANSWER' || (status === null && (talkSeconds ?? 0) > 0);
	const customerNumber = direction === 'in' ? from : direction === 'out' ? (to[0] ?? null) : null;
	const operatorNumbers =
		direction === 'in'
			? to
			: direction === 'out'
				? from
					? [from]
					: []
				: [from, ...to].filter((v): v is string => !!v);
	const utm: IDataObject = {};
	for (const key of MARKETING_FIELDS) {
		const value = read.text(key);
		if (value !== null) utm[key.replace(/^utm/, '').replace(/^./, (c) => c.toLowerCase())] = value;
	}
	const record: CallRecord & { problems?: string[] } = {
		callId: read.text('id'),
		dbId: read.id('dbid'),
		direction,
		customerNumber,
		operatorNumbers,
		operatorNumbersText: operatorNumbers.join(', '),
		// UniTalk lists the lines a call was redirected to in order ("to"), so the one that took an
		// incoming call is the last; an outgoing call is taken by the line that dialled.
		answeredBy:
			answered || event === 'CALL_ANSWER'
				? ((direction === 'out' ? operatorNumbers[0] : operatorNumbers.at(-1)) ?? null)
				: null,
		outerNumber: read.text('outerNumber'),
		startTime: read.time('date', timeZone, nearMs),
		durationSeconds: read.count('secondsFullTime'),
		talkSeconds,
		status,
		answered,
		missed: direction === 'in' && status !== null && !answered,
		recordingUrl: read.text('link'),
		endCause: read.count('cause'),
		endCauseText: null,
		source: read.text('source'),
		lastGroupName: read.text('lastGroupName'),
		meta: read.text('meta'),
		comment: read.text('comment'),
		utm,
	};
	record.endCauseText = END_CAUSES[record.endCause ?? -1] ?? null;
	if (read.problems.length) record.problems = read.problems;
	return record;
}
