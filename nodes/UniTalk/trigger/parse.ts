// Turns whatever UniTalk posted into an object. "Specified JSON" templates copied from web pages
// often carry curly quotes (“ ”), which make invalid JSON: those are repaired and reported.
import type { IDataObject } from 'n8n-workflow';

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
