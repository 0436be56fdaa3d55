// The normalized call record shared by the trigger and History.
import type { IDataObject } from 'n8n-workflow';

import { toIsoFromUniTalk } from './validation';

/**
 * One call in a stable, typed shape any CRM node can map (modelled on ELMA365's telephony event,
 * LeadSquared's call log and Vtiger's call events). Accepts UniTalk's Standard JSON (numbers,
 * `to` array) and user-written "Specified JSON" (every value a string, `to` a string, "" for unknown).
 * Never outputs fields named caller, callee or arguments: n8n expressions cannot read them.
 */
export interface CallRecord extends IDataObject {
	callId: string | null;
	dbId: number | null;
	direction: 'in' | 'out' | 'internal' | null;
	customerNumber: string | null;
	operatorNumbers: string[];
	outerNumber: string | null;
	startTime: string | null;
	durationSeconds: number | null;
	talkSeconds: number | null;
	status: string | null;
	answered: boolean;
	missed: boolean;
	recordingUrl: string | null;
	endCause: number | null;
	source: string | null;
	lastGroupName: string | null;
	meta: string | null;
	comment: string | null;
	utm: IDataObject;
}

const DIRECTIONS: Record<string, CallRecord['direction']> = {
	IN: 'in',
	OUT: 'out',
	INNER: 'internal',
	INTERNAL: 'internal',
};

/** "" / "null" / a leftover "{{PLACEHOLDER}}" mean unknown. */
export function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const s = String(value).trim();
	return s === '' || s === 'null' || s === 'undefined' || /^\{\{.*\}\}$/.test(s) ? null : s;
}

export function integer(value: unknown): number | null {
	const s = text(value);
	if (s === null) return null;
	const n = Number(s);
	return Number.isFinite(n) ? Math.trunc(n) : null;
}

/** `to` arrives as an array, a comma list, a JSON array string or a single number. */
export function numberList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== null);
	const s = text(value);
	if (s === null) return [];
	if (s.startsWith('[')) {
		try {
			return numberList(JSON.parse(s));
		} catch {
			// not JSON after all: treat it as a list below
		}
	}
	return s
		.split(/[,;\s]+/)
		.map((v) => v.replace(/^["']|["']$/g, ''))
		.filter(Boolean);
}

export function toCallRecord(call: IDataObject, timeZone: string): CallRecord {
	const direction = DIRECTIONS[String(text(call.direction) ?? '').toUpperCase()] ?? null;
	const from = text(call.from);
	const to = numberList(call.to);
	const status = text(call.state);
	const talkSeconds = integer(call.secondsTalk);
	const answered = status === 'ANSWER' || (talkSeconds ?? 0) > 0;
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
	for (const key of [
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
	]) {
		const value = text(call[key]);
		if (value !== null) utm[key.replace(/^utm/, '').replace(/^./, (c) => c.toLowerCase())] = value;
	}
	return {
		callId: text(call.id),
		dbId: integer(call.dbid),
		direction,
		customerNumber,
		operatorNumbers,
		outerNumber: text(call.outerNumber),
		startTime: toIsoFromUniTalk(text(call.date), timeZone) ?? text(call.date),
		durationSeconds: integer(call.secondsFullTime),
		talkSeconds,
		status,
		answered,
		missed: direction === 'in' && status !== null && !answered,
		recordingUrl: text(call.link),
		endCause: integer(call.cause),
		source: text(call.source),
		lastGroupName: text(call.lastGroupName),
		meta: text(call.meta),
		comment: text(call.comment),
		utm,
	};
}
