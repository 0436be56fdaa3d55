// The only way to UniTalk's API: the key, per-key pacing, redirects and retries.
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

import { InputError } from '../shared/validation';
import { interpret } from './answer';
import { apiKeyOf, baseUrlOf, CREDENTIAL_NAME } from './credential';
import { toUniTalkError, type Failure } from './failure';
import { type KeyLimiter, limiterFor, policyForBudget } from './limiter';
import { encodeMultipart } from './multipart';
import type { UniTalkRequest } from './types';

export type UniTalkContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions
	| IHookFunctions;

export type { Pacing, UniTalkRequest } from './types';

const MAX_ATTEMPTS = 6;
const MAX_TOTAL_WAIT_MS = 90_000;
const BLOCK_PAUSE_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Redirects followed per request; each hop is one more request and waits for the limiter. */
const MAX_REDIRECTS = 3;
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

/** What the transport knows of one account: where it lives, its pace, and how to hide its key. */
interface Account {
	baseUrl: string;
	/** The Authorization header: the key, plain or "Bearer", as the credential says. */
	authorization: string;
	limiter: KeyLimiter;
	scrub: (text: string) => string;
}

/**
 * The only way this package talks to UniTalk: paced by the per-key limiter (every redirect hop
 * too), retried only when UniTalk provably did not execute the request (or it is a read), errors
 * mapped to NodeApiError with the key scrubbed from every text.
 */
export async function unitalkRequest(ctx: UniTalkContext, req: UniTalkRequest): Promise<unknown> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const account = accountOf(credentials);
	if (req.downloadUrl) assertKeySafeHost(req.downloadUrl, account.baseUrl);
	const options = buildOptions(account.baseUrl, req);
	const started = Date.now();

	for (let attempt = 1; ; attempt++) {
		const failure = await attemptOnce(ctx, account, options, req);
		if (!('kind' in failure)) return failure.body;

		if (failure.kind === 'rateLimited') account.limiter.pause(BLOCK_PAUSE_MS);
		const wait = failure.kind === 'rateLimited' ? BLOCK_PAUSE_MS : backoff(attempt);
		const inBudget = attempt < MAX_ATTEMPTS && Date.now() - started + wait <= MAX_TOTAL_WAIT_MS;
		if (!mayRetry(failure) || !inBudget) {
			throw toUniTalkError(ctx.getNode(), scrubbed(failure, account.scrub), req.itemIndex, attempt);
		}
		await sleep(wait);
	}
}

/** One request and the redirects it leads to; the key only travels to the account's own origin. */
async function attemptOnce(
	ctx: UniTalkContext,
	account: Account,
	first: IHttpRequestOptions,
	req: UniTalkRequest,
): Promise<Failure | { body: unknown }> {
	let options = first;
	for (let redirects = 0; ; redirects++) {
		const queued = Date.now();
		const release = await account.limiter.acquire();
		if (req.pacing) {
			req.pacing.requests++;
			req.pacing.waitedMs += Date.now() - queued;
		}
		// The key is added here, per hop, and only for the account's own host. The credential has no
		// `authenticate` on purpose: with one, n8n would offer the key to the HTTP Request node and
		// a "Custom API Call" operation, both sending outside this pacing queue (account blocks).
		const hop = { ...options, headers: { ...options.headers } };
		if (carriesKey(options.url, account.baseUrl)) hop.headers.Authorization = account.authorization;
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequest(hop)) as IN8nHttpFullResponse;
		} catch (error) {
			return networkFailure(error, req);
		} finally {
			release();
		}
		const status = Number(response.statusCode ?? 200);
		if (status < 300 || status >= 400) return interpret(response, req);
		const next = redirectTarget(response, options, req, account.baseUrl, redirects);
		if ('kind' in next) return next;
		options = next;
	}
}

/**
 * Where a redirect may lead. Downloads follow any redirect as a GET (a recording may live on a
 * file host: the key is left behind there). API methods only follow 307/308 on UniTalk's own host,
 * which keep the method and body; anything else is reported instead of guessed at.
 */
function redirectTarget(
	response: IN8nHttpFullResponse,
	options: IHttpRequestOptions,
	req: UniTalkRequest,
	baseUrl: string,
	hop: number,
): IHttpRequestOptions | Failure {
	const status = Number(response.statusCode);
	const location = String(response.headers?.location ?? '');
	const target =
		location && URL.canParse(location, options.url) ? new URL(location, options.url) : undefined;
	const where = target ? `${target.origin}${target.pathname}` : 'nowhere';
	if (!target || hop >= MAX_REDIRECTS) {
		const message = `UniTalk answered with redirect ${status} to ${where}${hop >= MAX_REDIRECTS ? ` (more than ${MAX_REDIRECTS} redirects)` : ''}`;
		return {
			kind: req.sideEffect && status === 303 ? 'unknown' : 'redirect',
			message,
			httpCode: status,
		};
	}
	if (req.downloadUrl) return { ...options, url: target.toString(), method: 'GET' };
	const sameHost = target.hostname === new URL(baseUrl).hostname;
	if ((status === 307 || status === 308) && sameHost) return { ...options, url: target.toString() };
	const message = `UniTalk answered with redirect ${status} to ${where}`;
	// 303 "see other" is how a server says "done, look there": the method may have run.
	return {
		kind: req.sideEffect && status === 303 ? 'unknown' : 'redirect',
		message,
		httpCode: status,
	};
}

/** The API key is only ever sent to the credential's UniTalk host or *.unitalk.cloud. */
function assertKeySafeHost(url: string, baseUrl: string): void {
	const host = URL.canParse(url) ? new URL(url).hostname : '';
	if (host !== new URL(baseUrl).hostname && !/(^|\.)unitalk\.cloud$/.test(host)) {
		throw new InputError(
			`"${url}" is not on a UniTalk host; files are only fetched from UniTalk, so the API key never leaves it`,
			'recordingUrl',
		);
	}
}

/** The key goes with a request only to the Base URL's own origin, or over https to *.unitalk.cloud. */
function carriesKey(url: string, baseUrl: string): boolean {
	const target = new URL(url);
	if (target.origin === new URL(baseUrl).origin) return true;
	return target.protocol === 'https:' && /(^|\.)unitalk\.cloud$/.test(target.hostname);
}

function mayRetry(failure: Failure): boolean {
	// UniTalk did not execute it; everything else either may have run or will fail the same way.
	return (
		failure.kind === 'rateLimited' ||
		failure.kind === 'busy' ||
		failure.kind === 'notSent' ||
		failure.kind === 'readFailed'
	);
}

function backoff(attempt: number): number {
	return Math.min(1000 * 2 ** (attempt - 1), 20_000);
}

/**
 * One limiter per account, identified by a hash of the normalised key (never the key itself), so
 * two credentials holding the same key, or one base URL spelt two ways, still share one pace.
 */
function accountOf(credentials: ICredentialDataDecryptedObject): Account {
	const key = apiKeyOf(credentials);
	const keyId = createHash('sha256').update(key).digest('hex');
	const limiter = limiterFor(keyId, policyForBudget(credentials.requestBudget as number));
	const authorization = credentials.authScheme === 'bearer' ? `Bearer ${key}` : key;
	return { baseUrl: baseUrlOf(credentials), authorization, limiter, scrub: scrubberFor(key) };
}

/** Replaces the key in any text we show (a server that echoes it back must not reveal it). */
function scrubberFor(key: string): (text: string) => string {
	if (key.length < 4) return (text) => text;
	return (text) => text.split(key).join('[API key]');
}

function scrubbed(failure: Failure, scrub: (text: string) => string): Failure {
	const data =
		failure.data === undefined
			? undefined
			: (JSON.parse(scrub(JSON.stringify(failure.data))) as unknown);
	return { ...failure, message: scrub(failure.message), data };
}

function buildOptions(baseUrl: string, req: UniTalkRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${req.path}`,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Redirects are followed by attemptOnce, paced and without the key on other hosts.
		disableFollowRedirect: true,
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

function networkFailure(error: unknown, req: UniTalkRequest): Failure {
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
