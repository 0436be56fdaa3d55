// Reading UniTalk's answers: success, a documented error, or an answer nobody can vouch for.
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { lookupError } from './errorCatalog';
import type { Failure } from './failure';
import type { UniTalkRequest } from './types';

/**
 * Reads a UniTalk answer. `"status": "Error"` is an error whatever the HTTP code. A request with a
 * side effect only counts as done when UniTalk says "Success": an HTML page, an empty or foreign
 * body means we cannot know, so it becomes "may have been sent", never success and never a retry.
 */
export function interpret(
	response: IN8nHttpFullResponse,
	req: UniTalkRequest,
): Failure | { body: unknown } {
	const httpCode = Number(response.statusCode ?? 200);
	let body: unknown = response.body;
	if (req.downloadUrl && httpCode < 300) return { body: { data: body, headers: response.headers } };
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') body = parseJson(body);

	const object =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	const status = String(object?.status ?? '').toLowerCase();
	if (status === 'error' || httpCode >= 400) {
		const text =
			typeof body === 'string'
				? body
						.replace(/<[^>]*>/g, ' ')
						.replace(/\s+/g, ' ')
						.trim()
						.slice(0, 120)
				: '';
		const message = String(object?.message ?? (text || `HTTP ${httpCode}`));
		return classify(message, httpCode, object?.data, req);
	}
	const recognised = req.sideEffect
		? (req.confirms?.(body) ?? status === 'success')
		: typeof body === 'object' && body !== null;
	if (recognised) return { body };
	const seen = describeAnswer(body);
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

function classify(message: string, httpCode: number, data: unknown, req: UniTalkRequest): Failure {
	const entry = lookupError(message, operationOf(req));
	if (httpCode === 429 || /too many requests/i.test(message)) {
		return { kind: 'rateLimited', message, httpCode, data };
	}
	if (/blocked|banned/i.test(message) && httpCode === 403)
		return { kind: 'banned', message, httpCode, data };
	if (httpCode === 401 || (httpCode === 403 && !entry) || /api key|authoriz/i.test(message)) {
		return { kind: 'auth', message, httpCode, data };
	}
	if (entry) return { kind: entry.kind, message, httpCode, data, explanation: entry.explanation };
	if (httpCode >= 500)
		return { kind: req.sideEffect ? 'unknown' : 'readFailed', message, httpCode, data };
	return { kind: 'documented', message, httpCode, data };
}

/** Which operation failed, for the explanation: the autodialer action, else the API path. */
function operationOf(req: UniTalkRequest): string {
	const action = req.json?.action;
	return req.path === '/autodial/action' && typeof action === 'string' ? action : req.path;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
