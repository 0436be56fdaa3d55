// Turns whatever UniTalk posted into an object. "Specified JSON" templates copied from web pages
// often carry curly quotes (“ ”), which make invalid JSON: those are repaired and reported.
import type { IDataObject } from 'n8n-workflow';

import { MARKETING_FIELDS } from '../shared/callRecord';

export interface ParsedBody {
	body?: IDataObject;
	problems: string[];
	error?: string;
}

export function parseBody(parsed: unknown, rawBody: Buffer | string | undefined): ParsedBody {
	const problems: string[] = [];
	if (
		parsed &&
		typeof parsed === 'object' &&
		!Buffer.isBuffer(parsed) &&
		Object.keys(parsed).length > 0
	) {
		return { body: unwrapForm(parsed as IDataObject), problems };
	}
	const raw =
		rawBody === undefined
			? ''
			: Buffer.isBuffer(rawBody)
				? rawBody.toString('utf8')
				: String(rawBody);
	if (!raw.trim()) return { body: {}, problems };
	const direct = tryJson(raw);
	if (direct.ok) return { body: asObject(direct.value), problems };
	const repaired = raw.replace(/[“”„‟″]/g, '"').replace(/[‘’‚‛′]/g, "'");
	const second = tryJson(repaired);
	if (second.ok) {
		problems.push(
			'The body had curly quotes (“ ”) and was repaired; use straight quotes (") in the UniTalk webhook body',
		);
		return { body: asObject(second.value), problems };
	}
	return {
		problems,
		error: `The body is not valid JSON (${direct.message}). Check the "Specified JSON" template in UniTalk for curly quotes or missing commas.`,
	};
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value)
		? unwrapForm(value as IDataObject)
		: { value: value as string };
}

/** "Form (urlencoded)" bodies may carry `call` as a JSON string. */
function unwrapForm(body: IDataObject): IDataObject {
	if (typeof body.call === 'string') {
		const inner = tryJson(body.call);
		if (inner.ok && inner.value && typeof inner.value === 'object')
			return { ...body, call: inner.value as IDataObject };
	}
	return body;
}

export type BodyKind =
	| 'call'
	| 'route'
	| 'queue'
	| 'ivr'
	| 'autodialCall'
	| 'autodialEvent'
	| 'balance'
	| 'unknown';

/** Recognises UniTalk's documented webhook shapes. */
export function kindOf(body: IDataObject): BodyKind {
	const event = typeof body.event === 'string' ? body.event.trim().toUpperCase() : '';
	if (event === 'ROUTE') return 'route';
	if (event.startsWith('CALL_') || (body.call && typeof body.call === 'object')) return 'call';
	if ('ivrName' in body || 'pressedDigit' in body) return 'ivr';
	if ('callState' in body || 'dialName' in body) return 'autodialCall';
	if ('mainBalance' in body || ('sum' in body && 'type' in body)) return 'balance';
	if ('from' in body && ('outerNumber' in body || 'projectName' in body)) return 'queue';
	if (Object.keys(body).length === 0) return 'autodialEvent';
	return 'unknown';
}

/** The call events UniTalk's Event handling sends (the reference's Standard JSON, Uspacy's templates). */
export const CALL_EVENTS = ['CALL_NEW', 'CALL_REDIRECT', 'CALL_ANSWER', 'CALL_END'];

/** The `call` fields the item is read from (shared/callRecord.ts): text or numbers, `to` also a list of them. */
export const CALL_FIELDS = [
	'id',
	'dbid',
	'from',
	'to',
	'state',
	'date',
	'direction',
	'secondsTalk',
	'secondsFullTime',
	'cause',
	'link',
	'outerNumber',
	'source',
	'lastGroupName',
	'meta',
	'comment',
	...MARKETING_FIELDS,
];

/** UniTalk's bodies are 3 levels deep; far deeper is a body built to break parsers, not an event. */
export const MAX_DEPTH = 32;

export type CallEvent = { event: string; call: IDataObject } | { reason: string };

/**
 * A call event, or why the body is not one. Only `event` naming one of CALL_EVENTS (trimmed, any
 * case) with a `call` object whose read fields are text, numbers or null is one: an event that
 * cannot be matched to the trigger's Events must never start a workflow that chose some.
 */
export function callEventOf(body: IDataObject): CallEvent {
	const known = CALL_EVENTS.join(', ');
	if (!Object.hasOwn(body, 'event'))
		return {
			reason: `The body has no "event": the "Specified JSON" of each UniTalk webhook must name its event, e.g. "event": "CALL_END" (UniTalk has no placeholder for it)`,
		};
	const event = typeof body.event === 'string' ? body.event.trim().toUpperCase() : undefined;
	if (event === undefined)
		return { reason: `The body's "event" is ${shapeOf(body.event)}, not a call event (${known})` };
	if (event === '') return { reason: `The body's "event" is empty; expected one of ${known}` };
	if (!CALL_EVENTS.includes(event))
		return {
			reason: `The body's "event" ${quote(event)} is not a call event (${known}); other UniTalk webhooks need their own Trigger On mode`,
		};
	const call = Object.hasOwn(body, 'call') ? body.call : undefined;
	if (call === undefined)
		return { reason: 'The body has no "call" object with the call\'s fields' };
	if (call === null || typeof call !== 'object' || Array.isArray(call))
		return {
			reason: `The body's "call" is ${shapeOf(call)}, not an object with the call's fields`,
		};
	for (const field of CALL_FIELDS) {
		if (!Object.hasOwn(call, field)) continue;
		const value = (call as IDataObject)[field];
		if (isScalar(value)) continue;
		if (field === 'to' && Array.isArray(value)) {
			const inner = value.findIndex((v) => !isScalar(v));
			if (inner === -1) continue;
			return {
				reason: `The body's "call.to" holds ${shapeOf(value[inner])}; expected line numbers as text`,
			};
		}
		return { reason: `The body's "call.${field}" is ${shapeOf(value)}, not text or a number` };
	}
	if (deeperThan(body, MAX_DEPTH))
		return {
			reason: `The body is nested deeper than ${MAX_DEPTH} levels (UniTalk's bodies have 3)`,
		};
	return { event, call: call as IDataObject };
}

function isScalar(value: unknown): boolean {
	return value === null || typeof value === 'string' || typeof value === 'number';
}

/** The value's JSON type in words, for a reason UniTalk's webhook log shows. */
function shapeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `the text ${quote(value)}`;
	if (typeof value === 'boolean') return String(value);
	return `a ${typeof value}`;
}

/** A sender's text quoted and cut, so a 1 MB value cannot make a 1 MB answer. */
function quote(text: string): string {
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Iterative (a 10,000-deep list must not exhaust the stack), stops at the first level too many, and
 * visits only objects and lists: a 7 MB list of texts takes under 10 ms (n8n's JSON.parse of it, about 100).
 */
function deeperThan(root: unknown, limit: number): boolean {
	const values: object[] = [];
	const depths: number[] = [];
	const visit = (value: unknown, depth: number) => {
		if (value === null || typeof value !== 'object') return;
		values.push(value);
		depths.push(depth);
	};
	visit(root, 1);
	while (values.length) {
		const value = values.pop()!;
		const depth = depths.pop()!;
		if (depth > limit) return true;
		const children = Array.isArray(value) ? value : Object.values(value);
		for (let i = 0; i < children.length; i++) visit(children[i], depth + 1);
	}
	return false;
}
