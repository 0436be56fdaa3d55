// The only way to UniTalk's API: the key, per-key pacing, redirects and retries.
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IPollFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { type Account, accountOf } from './account';
import type { KeyLimiter } from './limiter';
import { DEFAULT_TIMEOUT_MS, interpret, networkFailure } from './answer';
import { CREDENTIAL_NAME } from './credential';
import { toUniTalkError, type Failure } from './failure';
import { refusalOf } from './hosts';
import { encodeMultipart } from './multipart';
import type { UniTalkRequest } from './types';

export type { Pacing, UniTalkRequest } from './types';

export type UniTalkContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions
	| IHookFunctions
	| IPollFunctions;

const MAX_ATTEMPTS = 6;
const MAX_TOTAL_WAIT_MS = 90_000;
export { BLOCK_PAUSE_MS } from './limiter';
/** Redirects followed per request; each hop is one more request and waits for the limiter. */
export const MAX_REDIRECTS = 3;

/**
 * The only way this package talks to UniTalk's API: paced by the per-key limiter (every redirect hop
 * too), retried only when UniTalk provably did not execute the request (or it is a read), errors
 * mapped to NodeApiError with the key scrubbed from every text before any of it is shortened.
 */
export async function unitalkRequest(ctx: UniTalkContext, req: UniTalkRequest): Promise<unknown> {
	const account = await accountFor(ctx);
	const outcome = req.shareMs
		? await shared(account, req, async () => await withRetries(ctx, account, req))
		: await withRetries(ctx, account, req);
	if ('body' in outcome) return outcome.body;
	const { failure, attempt } = outcome;
	throw toUniTalkError(ctx.getNode(), scrubbed(failure, account), req.itemIndex, attempt);
}

type Outcome = { body: unknown } | { failure: Failure; attempt: number };

async function withRetries(
	ctx: UniTalkContext,
	account: Account,
	req: UniTalkRequest,
): Promise<Outcome> {
	const options = buildOptions(account.baseUrl, req);
	const started = Date.now();
	let waitedForAnalyses = 0; // not part of the retry budget: analyses take minutes by design

	for (let attempt = 1; ; attempt++) {
		const failure = await attemptOnce(ctx, account, options, req);
		if (!('kind' in failure)) return failure;

		// UniTalk's cap on analyses in processing: nothing was started. Waiting a few seconds is no use
		// when each takes minutes: the request waits for one of ours to answer (or a minute), and tries
		// again as long as SLOW_BUSY_GIVE_UP_MS.
		if (req.slow && failure.kind === 'busy') {
			if (Date.now() - started >= SLOW_BUSY_GIVE_UP_MS) return { failure, attempt };
			const before = Date.now();
			await untilSlowAnswer(account.limiter, SLOW_BUSY_WAIT_MS);
			waitedForAnalyses += Date.now() - before;
			attempt--; // these refusals do not use up the attempts
			continue;
		}
		// A block: the limiter already holds every request of the key; this one waits with them.
		const wait = failure.kind === 'rateLimited' ? account.limiter.resumeIn() : backoff(attempt);
		const spent = Date.now() - started - waitedForAnalyses;
		const inBudget = attempt < MAX_ATTEMPTS && spent + wait <= MAX_TOTAL_WAIT_MS;
		if (!mayRetry(failure) || !inBudget) return { failure, attempt };
		await sleep(wait);
	}
}

/**
 * A refused analysis waits this long at most for one of ours to answer before it asks again: an
 * analysis takes about a minute (issue #39: 60 s each), and other systems' analyses, which free
 * places too, cannot be seen.
 */
export const SLOW_BUSY_WAIT_MS = 60_000;
/** Refusals for UniTalk's analysis cap are retried this long: twice Voice Analytics' timeout. */
export const SLOW_BUSY_GIVE_UP_MS = 30 * 60_000;
/** How often a waiting request looks whether an analysis of ours answered. */
const SLOW_LOOK_MS = 250;

async function untilSlowAnswer(limiter: KeyLimiter, atMostMs: number): Promise<void> {
	const seen = limiter.slowAnswers;
	const end = Date.now() + atMostMs;
	while (limiter.slowAnswers === seen && Date.now() < end)
		await sleep(Math.min(SLOW_LOOK_MS, end - Date.now()));
}

interface Flight {
	outcome: Promise<Outcome>;
	/** When UniTalk's answer came; undefined while pending. */
	answeredAt?: number;
}

/** Shared requests by key limiter (one per API key), then by method and body. */
const flights = new WeakMap<KeyLimiter, Map<string, Flight>>();
/** Answers kept per key at most (30 minutes of a busy call centre's analyses); the oldest go first. */
const MAX_SHARED = 1_000;

/**
 * One request for all who ask the same (a paid analysis of one call): those who ask while it is
 * pending share its outcome, and a successful answer is given again for `shareMs` (a re-run, n8n's
 * Retry On Fail, another execution naming the same call) instead of starting a new one. Failures
 * are shared while pending only: the next ask after one sends again (as the ledger allows).
 */
async function shared(
	account: Account,
	req: UniTalkRequest,
	send: () => Promise<Outcome>,
): Promise<Outcome> {
	let byBody = flights.get(account.limiter);
	if (!byBody) flights.set(account.limiter, (byBody = new Map()));
	const now = Date.now();
	for (const [key, flight] of byBody)
		if (flight.answeredAt !== undefined && now - flight.answeredAt > req.shareMs!)
			byBody.delete(key);
	const key = JSON.stringify([
		account.baseUrl,
		req.path,
		req.json ?? req.form ?? req.query ?? null,
	]);
	const earlier = byBody.get(key);
	if (earlier) return await earlier.outcome;

	const flight: Flight = { outcome: send() };
	byBody.set(key, flight);
	if (byBody.size > MAX_SHARED) {
		// The oldest answer goes; a pending request stays, or its askers would start it twice.
		const oldest = [...byBody].find(([, one]) => one.answeredAt !== undefined);
		if (oldest) byBody.delete(oldest[0]);
	}
	const outcome = await flight.outcome;
	if ('body' in outcome) flight.answeredAt = Date.now();
	else if (byBody.get(key) === flight) byBody.delete(key);
	return outcome;
}

/** The account of the node's credential; the credential's ID tells same-key credentials apart. */
export async function accountFor(ctx: UniTalkContext): Promise<Account> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	return accountOf(credentials, ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? undefined);
}

/** One request and the redirects it leads to; the key only travels to the account's own origin. */
async function attemptOnce(
	ctx: UniTalkContext,
	account: Account,
	first: IHttpRequestOptions,
	req: UniTalkRequest,
): Promise<Failure | { body: unknown }> {
	// A long request waits for its place in its own lane, outside the key's shared queue.
	const leave = req.slow ? await account.limiter.enterSlowLane() : undefined;
	try {
		return await hops(ctx, account, first, req);
	} finally {
		leave?.();
	}
}

async function hops(
	ctx: UniTalkContext,
	account: Account,
	first: IHttpRequestOptions,
	req: UniTalkRequest,
): Promise<Failure | { body: unknown }> {
	let options = first;
	for (let redirects = 0; ; redirects++) {
		const queued = Date.now();
		const release = await account.limiter.acquire(req.slow ? 'slow' : 'api');
		if (req.pacing) {
			req.pacing.requests++;
			req.pacing.waitedMs += Date.now() - queued;
		}
		// The key is added here, per hop. The credential has no `authenticate` on purpose: with one,
		// n8n would offer the key to the HTTP Request node and a "Custom API Call" operation, both
		// sending outside this pacing queue (account blocks).
		const hop = {
			...options,
			headers: { ...options.headers, Authorization: account.authorization },
		};
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequest(hop)) as IN8nHttpFullResponse;
		} catch (error) {
			return networkFailure(error, req);
		} finally {
			release();
		}
		const status = Number(response.statusCode ?? 200);
		if (status < 300 || status >= 400) {
			const answer = interpret(response, req, account);
			// Told before anything else can leave: the key stops at once (UniTalk did not execute it).
			if ('kind' in answer && answer.kind === 'rateLimited') {
				const block = account.limiter.blocked(release.sentAt);
				if (req.pacing) req.pacing.block ??= block;
			}
			return answer;
		}
		const next = redirectTarget(response, options, req, account.baseUrl, redirects);
		if ('kind' in next) return next;
		options = next;
	}
}

/**
 * Where a redirect may lead: API methods only follow 307/308 to the Base URL's own origin, which
 * keep the method and body; anything else is reported instead of guessed at.
 */
function redirectTarget(
	response: IN8nHttpFullResponse,
	options: IHttpRequestOptions,
	req: UniTalkRequest,
	baseUrl: string,
	hop: number,
): IHttpRequestOptions | Failure {
	const status = Number(response.statusCode);
	const target = redirectLocation(response, options.url);
	const sameOrigin = target !== undefined && target.origin === new URL(baseUrl).origin;
	if (target && sameOrigin && hop < MAX_REDIRECTS && (status === 307 || status === 308))
		return { ...options, url: target.toString() };
	const where = target ? `${target.origin}${target.pathname}` : 'nowhere';
	const tooMany = target && hop >= MAX_REDIRECTS ? ` (more than ${MAX_REDIRECTS} redirects)` : '';
	const refused = target && !sameOrigin ? ` (${refusalOf(target.toString(), baseUrl)})` : '';
	return {
		// 303 "see other" is how a server says "done, look there": the method may have run.
		kind: req.sideEffect && status === 303 ? 'unknown' : 'redirect',
		message: `UniTalk answered with redirect ${status} to ${where}${tooMany || refused}`,
		httpCode: status,
	};
}

/** The absolute target of a redirect answer, if its Location header is a URL at all. */
export function redirectLocation(response: IN8nHttpFullResponse, from: string): URL | undefined {
	const location = response.headers?.location;
	if (typeof location !== 'string' || !location || !URL.canParse(location, from)) return undefined;
	return new URL(location, from);
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

export function backoff(attempt: number): number {
	return Math.min(1000 * 2 ** (attempt - 1), 20_000);
}

/** Our own words never hold the key; this catches anything a failure quoted from elsewhere. */
export function scrubbed(failure: Failure, account: Account): Failure {
	const data =
		failure.data === undefined
			? undefined
			: (JSON.parse(account.scrub(JSON.stringify(failure.data))) as unknown);
	return { ...failure, message: account.scrub(failure.message), data };
}

function buildOptions(baseUrl: string, req: UniTalkRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${req.path}`,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Redirects are followed by attemptOnce, paced and only to the account's own origin.
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
	return options;
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
