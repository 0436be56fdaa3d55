// Reading UniTalk's answers: success, a documented error, or an answer nobody can vouch for.
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { lookupError } from './errorCatalog';
import type { Failure } from './failure';
import { type Scrubbers, scrubDeep } from './scrub';
import type { UniTalkRequest } from './types';

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Network failures that prove the request never reached UniTalk: safe to repeat. Said in words:
 * n8n replaces an error message that contains such a code with its own generic text.
 */
const NOT_SENT: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};
const TIMEOUT_CODES = ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'];

/**
 * Reads a UniTalk answer. `"status": "Error"` is an error whatever the HTTP code. A request with a
 * side effect only counts as done when UniTalk says "Success": an HTML page, an empty or foreign
 * body means we cannot know, so it becomes "may have been sent", never success and never a retry.
 */
export function interpret(
	response: IN8nHttpFullResponse,
	req: UniTalkRequest,
	{ scrub, scrubWholeKey }: Scrubbers,
): Failure | { body: unknown } {
	const httpCode = Number(response.statusCode ?? 200);
	let body: unknown = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') body = parseJson(body);
	const raw = body;
	const failed = (value: unknown) =>
		httpCode >= 400 ||
		(!!value &&
			typeof value === 'object' &&
			asText((value as IDataObject).status).toLowerCase() === 'error');
	// The key is hidden before anything below reads or shortens the answer: in an error or a body
	// that is not JSON, with every fragment of it; in a successful JSON answer (data), the whole key.
	body = scrubDeep(body, typeof body === 'string' || failed(body) ? scrub : scrubWholeKey);

	const object =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	if (failed(body)) {
		const text =
			typeof body === 'string'
				? body
						.replace(/<[^>]*>/g, ' ')
						.replace(/\s+/g, ' ')
						.trim()
						.slice(0, 120)
				: '';
		const message = asText(object?.message) || text || `HTTP ${httpCode}`;
		return classify(message, httpCode, object?.data, req);
	}
	const status = asText(object?.status).toLowerCase();
	const recognised = req.sideEffect
		? (req.confirms?.(body) ?? status === 'success')
		: typeof body === 'object' && body !== null;
	if (recognised) return { body };
	// Not data after all: its description is shortened, so every fragment of the key goes first.
	const seen = describeAnswer(scrubDeep(raw, scrub));
	return req.sideEffect
		? {
				kind: 'unknown',
				message: `UniTalk's answer did not confirm the request (${seen})`,
				httpCode,
			}
		: { kind: 'unreadable', message: `UniTalk's answer could not be read (${seen})`, httpCode };
}

function describeAnswer(body: unknown): string {
	if (body === null || body === undefined || body === '') return 'an empty answer';
	if (typeof body === 'string')
		return /^\s*</.test(body) ? 'an HTML page' : `text "${body.slice(0, 40)}"`;
	if (Array.isArray(body)) return 'a list without a status';
	return `JSON without "status": "Success": ${JSON.stringify(body).slice(0, 80)}`;
}

/**
 * The HTTP status speaks first (429 is a block, 401 a rejected key), then the catalogue of documented
 * messages, and only then keyword rules for undocumented wording: a documented message that happens
 * to contain "authorization" (the message service's "Service response: Invalid authorization data")
 * is explained as what it is, not as a rejected API key.
 */
function classify(message: string, httpCode: number, data: unknown, req: UniTalkRequest): Failure {
	if (httpCode === 429) return { kind: 'rateLimited', message, httpCode, data };
	if (httpCode === 401) return { kind: 'auth', message, httpCode, data };
	const entry = lookupError(message, operationOf(req));
	if (entry) {
		const { kind, explanation, title } = entry;
		return { kind, message, httpCode, data, explanation, title };
	}
	if (/too many requests/i.test(message)) return { kind: 'rateLimited', message, httpCode, data };
	if (httpCode === 403 && /blocked|banned/i.test(message))
		return { kind: 'banned', message, httpCode, data };
	if (httpCode === 403 || /api key|authoriz/i.test(message))
		return { kind: 'auth', message, httpCode, data };
	if (httpCode >= 500)
		return { kind: req.sideEffect ? 'unknown' : 'readFailed', message, httpCode, data };
	return { kind: 'documented', message, httpCode, data };
}

/** Which operation failed, for the explanation: the autodialer action, else the API path. */
function operationOf(req: UniTalkRequest): string {
	const action = req.json?.action;
	return req.path === '/autodial/action' && typeof action === 'string' ? action : req.path;
}

/** A field of a foreign answer as text; never calls the value's own toString. */
function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A request that got no answer: never sent (safe to repeat), or sent with its outcome unknown. */
export function networkFailure(
	error: unknown,
	req: Pick<UniTalkRequest, 'sideEffect' | 'timeoutMs'>,
): Failure {
	const code = findErrorCode(error);
	if (code && NOT_SENT[code]) {
		return {
			kind: 'notSent',
			message: `Could not connect to UniTalk: ${NOT_SENT[code]}`,
			httpCode: 0,
		};
	}
	const timedOut =
		(code && TIMEOUT_CODES.includes(code)) || /timeout|timed out/i.test(errorText(error));
	const message = timedOut
		? `UniTalk did not answer within ${Math.round((req.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`
		: 'The connection to UniTalk broke before the answer arrived';
	return { kind: req.sideEffect ? 'unknown' : 'readFailed', message, httpCode: 0 };
}

/** n8n wraps network errors (NodeApiError, AxiosError, cause chains); the code may sit anywhere. */
function findErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	const queue: unknown[] = [error];
	while (queue.length) {
		const current = queue.shift();
		if (!current || typeof current !== 'object' || seen.has(current)) continue;
		seen.add(current);
		const candidate = current as {
			code?: unknown;
			cause?: unknown;
			errors?: unknown;
			context?: unknown;
		};
		if (typeof candidate.code === 'string' && /^E[A-Z_]{3,}$/.test(candidate.code))
			return candidate.code;
		queue.push(
			candidate.cause,
			candidate.context,
			...(Array.isArray(candidate.errors) ? candidate.errors : []),
		);
	}
	return /\b(E[A-Z]{4,}[A-Z_]*)\b/.exec(errorText(error))?.[1];
}

function errorText(error: unknown): string {
	const { message, messages, description } = (error ?? {}) as {
		message?: unknown;
		messages?: unknown;
		description?: unknown;
	};
	return [message, ...(Array.isArray(messages) ? messages : []), description]
		.map((part) => String(part ?? ''))
		.join(' ');
}
