import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { InputError } from '../validation';
import { lookupError } from './errorCatalog';
import { toUniTalkError, type Failure } from './failure';
import { limiterFor, policyForBudget } from './limiter';
import { encodeMultipart, type MultipartPart } from './multipart';

export type UniTalkContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions | IHookFunctions;

export const CREDENTIAL_NAME = 'uniTalkApi';
export const DEFAULT_BASE_URL = 'https://api.unitalk.cloud/api';

/** One UniTalk call. Every UniTalk method is a POST; the body style depends on the endpoint. */
export interface UniTalkRequest {
	path: string;
	json?: IDataObject;
	form?: IDataObject;
	query?: IDataObject;
	multipart?: MultipartPart[];
	/** True when a repeat could do the thing twice (send an SMS, place a call, create…). */
	sideEffect: boolean;
	timeoutMs?: number;
	/** Download a file (call recording) instead of calling a method. */
	downloadUrl?: string;
	itemIndex?: number;
}

const MAX_ATTEMPTS = 6;
const MAX_TOTAL_WAIT_MS = 90_000;
const BLOCK_PAUSE_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Network failures that prove the request never reached UniTalk: safe to repeat. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/**
 * The only way this package talks to UniTalk: paced by the per-key limiter, retried only when
 * UniTalk provably did not execute the request (or it is a read), errors mapped to NodeApiError.
 */
export async function unitalkRequest(ctx: UniTalkContext, req: UniTalkRequest): Promise<unknown> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	if (req.downloadUrl) assertKeySafeHost(req.downloadUrl, baseUrlOf(credentials));
	const limiter = limiterFor(keyIdOf(credentials), policyForBudget(credentials.requestBudget as number));
	const options = buildOptions(baseUrlOf(credentials), req);
	const started = Date.now();

	for (let attempt = 1; ; attempt++) {
		const release = await limiter.acquire();
		let failure: Failure;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_NAME,
				options,
			)) as IN8nHttpFullResponse;
			const outcome = interpret(response, req.downloadUrl !== undefined);
			if (outcome.ok) return outcome.body;
			failure = outcome.failure;
		} catch (error) {
			failure = networkFailure(error);
		} finally {
			release();
		}

		if (failure.kind === 'rateLimited') limiter.pause(BLOCK_PAUSE_MS);
		const wait = failure.kind === 'rateLimited' ? BLOCK_PAUSE_MS : backoff(attempt);
		const canRepeat = mayRetry(failure, req.sideEffect);
		const inBudget = attempt < MAX_ATTEMPTS && Date.now() - started + wait <= MAX_TOTAL_WAIT_MS;
		if (!canRepeat || !inBudget) throw toUniTalkError(ctx.getNode(), failure, req.itemIndex, attempt);
		await sleep(wait);
	}
}

/** The API key is only ever sent to the credential's UniTalk host or *.unitalk.cloud. */
function assertKeySafeHost(url: string, baseUrl: string): void {
	const host = new URL(url).hostname;
	if (host !== new URL(baseUrl).hostname && !/(^|\.)unitalk\.cloud$/.test(host)) {
		throw new InputError(`"${url}" is not on a UniTalk host; files are only fetched from UniTalk, so the API key never leaves it`, 'recordingUrl');
	}
}

function mayRetry(failure: Failure, sideEffect: boolean): boolean {
	switch (failure.kind) {
		case 'rateLimited':
		case 'busy':
		case 'notSent':
			return true; // UniTalk did not execute it
		case 'server':
		case 'network':
			return !sideEffect; // it may have been executed: repeat reads only
		default:
			return false;
	}
}

function backoff(attempt: number): number {
	return Math.min(1000 * 2 ** (attempt - 1), 20_000);
}

/** Identifies a key without keeping it: limiter state is stored under this hash. */
function keyIdOf(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${baseUrlOf(credentials)}\n${String(credentials.apiKey ?? '')}`)
		.digest('hex');
}

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

function buildOptions(baseUrl: string, req: UniTalkRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${req.path}`,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		headers: { Accept: 'application/json' },
	};
	if (req.query) options.qs = dropEmpty(req.query);
	if (req.json) {
		options.body = req.json;
		options.json = true;
	} else if (req.form) {
		options.body = new URLSearchParams(stringValues(dropEmpty(req.form))).toString();
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
	} else if (req.multipart) {
		const { body, contentType } = encodeMultipart(req.multipart);
		options.body = body;
		options.headers!['Content-Type'] = contentType;
	}
	if (req.downloadUrl) {
		options.method = 'GET';
		options.url = req.downloadUrl;
		options.encoding = 'arraybuffer';
		options.headers = {};
	}
	return options;
}

type Outcome = { ok: true; body: unknown } | { ok: false; failure: Failure };

/** Reads a UniTalk answer: `"status": "Error"` is an error whatever the HTTP code. */
function interpret(response: IN8nHttpFullResponse, isDownload: boolean): Outcome {
	const httpCode = Number(response.statusCode ?? 200);
	let body: unknown = response.body;
	if (isDownload && httpCode < 300) return { ok: true, body: { data: body, headers: response.headers } };
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') body = parseJson(body);

	const object = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	const isError = String(object?.status ?? '').toLowerCase() === 'error' || httpCode >= 400;
	if (!isError) return { ok: true, body };

	const message = String(object?.message ?? (typeof body === 'string' && body ? body : `HTTP ${httpCode}`));
	return { ok: false, failure: classify(message, httpCode, object?.data) };
}

function classify(message: string, httpCode: number, data?: unknown): Failure {
	const entry = lookupError(message);
	if (httpCode === 429 || /too many requests/i.test(message)) {
		return { kind: 'rateLimited', message, httpCode, data };
	}
	if (/blocked|banned/i.test(message) && httpCode === 403) return { kind: 'banned', message, httpCode, data };
	if (httpCode === 401 || (httpCode === 403 && !entry) || /api key|authoriz/i.test(message)) {
		return { kind: 'auth', message, httpCode, data };
	}
	if (entry) return { kind: entry.kind, message, httpCode, data, explanation: entry.explanation };
	return { kind: httpCode >= 500 ? 'server' : 'documented', message, httpCode, data };
}

function networkFailure(error: unknown): Failure {
	const code = findErrorCode(error);
	const message = `Could not reach UniTalk (${code ?? 'network error'})`;
	return { kind: code && NOT_SENT_CODES.includes(code) ? 'notSent' : 'network', message, httpCode: 0 };
}

function findErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z]+/.test(candidate.code)) return candidate.code;
		const inMessage = String(candidate.message ?? '').match(/\b(E[A-Z]{4,})\b/);
		if (inMessage) return inMessage[1];
		current = candidate.cause;
	}
	return undefined;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function dropEmpty(values: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value !== undefined && value !== null && value !== '') result[key] = value;
	}
	return result;
}

function stringValues(values: IDataObject): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(values)) result[key] = String(value);
	return result;
}
