// Recording downloads, in a lane of their own: paced to start like any request to UniTalk, but the
// body streams outside the API's request slots, within a total deadline and a size cap, and every
// redirect hop is checked against the same allow-list as the first link.
import type {
	IDataObject,
	IExecuteFunctions,
	IPollFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';

import { InputError } from './inputError';
import type { Account } from './account';
import { networkFailure } from './answer';
import { type Failure, toUniTalkError } from './failure';
import { refusalOf } from './hosts';
import {
	accountFor,
	backoff,
	BLOCK_PAUSE_MS,
	MAX_REDIRECTS,
	redirectLocation,
	scrubbed,
} from './request';
import { waitUnlessAborted } from './wait';

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const DEFAULT_DEADLINE_MS = 60_000;
const MAX_ATTEMPTS = 3;
/** How much of an error page is read to quote it. */
const ERROR_TEXT_BYTES = 2048;

export interface DownloadLimits {
	/** Larger files are refused (default 50 MB). */
	maxBytes?: number;
	/** The whole download, waiting, redirects and retries included, must end by then (default 60 s). */
	deadlineMs?: number;
	itemIndex?: number;
	/** The parameter the link came from, to name it when the link itself is refused. */
	field?: string;
	/**
	 * No request (a hop or a retry) is sent after this time (epoch ms); one sent before may run
	 * until the deadline. The download then ends NOT_SENT_IN_TIME and the caller tries it later,
	 * so a file is downloaded once rather than started, cut and fetched again.
	 */
	sendBy?: number;
}

/** Nothing was downloaded: `sendBy` passed before a request could be sent (or sent again). */
export const NOT_SENT_IN_TIME = 'notSentInTime';

export interface DownloadedFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** A response body as n8n-core hands it over with `encoding: 'stream'` (a Node.js Readable). */
interface BodyStream extends AsyncIterable<Buffer> {
	destroy(error?: Error): void;
}

/** The contexts a recording is downloaded from: the action node and both triggers. */
type DownloadContext = IExecuteFunctions | IWebhookFunctions | IPollFunctions;

/** Downloads a call recording (`link` of a call) from UniTalk's own hosts. */
export async function downloadRecording(
	ctx: DownloadContext,
	link: string,
	limits: DownloadLimits & { sendBy: number },
): Promise<DownloadedFile | typeof NOT_SENT_IN_TIME>;
export async function downloadRecording(
	ctx: DownloadContext,
	link: string,
	limits?: DownloadLimits & { sendBy?: undefined },
): Promise<DownloadedFile>;
export async function downloadRecording(
	ctx: DownloadContext,
	link: string,
	limits: DownloadLimits,
): Promise<DownloadedFile | typeof NOT_SENT_IN_TIME>;
export async function downloadRecording(
	ctx: DownloadContext,
	link: string,
	limits: DownloadLimits = {},
): Promise<DownloadedFile | typeof NOT_SENT_IN_TIME> {
	const account = await accountFor(ctx);
	const refusal = refusalOf(link, account.baseUrl);
	if (refusal) throw new InputError(`The recording link was not fetched: ${refusal}`, limits.field);
	const deadline = new Deadline(limits.deadlineMs ?? DEFAULT_DEADLINE_MS);
	const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
	try {
		const leave = await account.limiter.enterDownloadLane(deadline.signal).catch(() => undefined);
		try {
			for (let attempt = 1; ; attempt++) {
				const outcome = leave
					? await fetchOnce(ctx, account, link, deadline, maxBytes, limits.sendBy)
					: deadline.failure();
				if (outcome === NOT_SENT_IN_TIME) return outcome;
				if (!('kind' in outcome)) return fileOf(outcome, link, account);
				const again =
					outcome.kind === 'notSent' || (outcome.kind === 'readFailed' && outcome.httpCode >= 500);
				// A retry that could no longer be sent: nothing came of this download, try it later.
				if (again && limits.sendBy !== undefined && Date.now() >= limits.sendBy)
					return NOT_SENT_IN_TIME;
				if (!again || attempt >= MAX_ATTEMPTS || deadline.remaining() <= backoff(attempt)) {
					throw toUniTalkError(
						ctx.getNode(),
						scrubbed(outcome, account),
						limits.itemIndex,
						attempt,
					);
				}
				await waitUnlessAborted(backoff(attempt), deadline.signal);
			}
		} finally {
			leave?.();
		}
	} finally {
		deadline.clear();
	}
}

/** One download and its redirects: each hop paced, checked, and carrying the key (UniTalk hosts only). */
async function fetchOnce(
	ctx: DownloadContext,
	account: Account,
	link: string,
	deadline: Deadline,
	maxBytes: number,
	sendBy: number | undefined,
): Promise<Failure | typeof NOT_SENT_IN_TIME | { data: Buffer; headers: IDataObject }> {
	let url = link;
	for (let hop = 0; ; hop++) {
		const release = await account.limiter.acquire('download');
		let response: IN8nHttpFullResponse;
		try {
			// Too late to start: not sent, so a caller that tries later (a poll's next check)
			// fetches the file once instead of twice.
			if (sendBy !== undefined && Date.now() >= sendBy) return NOT_SENT_IN_TIME;
			if (deadline.expired || deadline.tooShortToSend()) return deadline.failure();
			response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				headers: { Authorization: account.authorization },
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				abortSignal: deadline.signal,
				timeout: deadline.remaining(),
			})) as IN8nHttpFullResponse;
		} catch (error) {
			return deadline.expired ? deadline.failure() : networkFailure(error, { sideEffect: false });
		} finally {
			release(); // the headers are here: the body streams in the download lane only
		}
		const body = response.body as BodyStream;
		const status = Number(response.statusCode ?? 200);
		if (status >= 300 && status < 400) {
			body.destroy();
			const target = redirectLocation(response, url);
			const where = target ? `${target.origin}${target.pathname}` : 'nowhere';
			const refusal = !target
				? 'the redirect has no valid Location'
				: hop >= MAX_REDIRECTS
					? `more than ${MAX_REDIRECTS} redirects`
					: refusalOf(target.toString(), account.baseUrl);
			if (refusal) {
				const message = `The recording link redirected to ${where}, which was not fetched: ${refusal}`;
				return { kind: 'redirect', message, httpCode: status, explanation: REFUSED_HOP };
			}
			url = target!.toString();
			continue;
		}
		if (status >= 400) {
			if (status === 429) account.limiter.pause(BLOCK_PAUSE_MS);
			const text = await read(body, ERROR_TEXT_BYTES, deadline, true);
			const quoted = Buffer.isBuffer(text) ? errorText(text, account) : '';
			return httpFailure(status, quoted);
		}
		const declared = Number(response.headers?.['content-length']);
		if (declared > maxBytes) {
			body.destroy();
			return tooLarge(maxBytes, declared);
		}
		const data = await read(body, maxBytes, deadline);
		return Buffer.isBuffer(data) ? { data, headers: response.headers ?? {} } : data;
	}
}

/** Reads a body to the end, or fails: larger than `maxBytes` (unless `truncate`), deadline, broken. */
async function read(
	body: BodyStream,
	maxBytes: number,
	deadline: Deadline,
	truncate = false,
): Promise<Buffer | Failure> {
	const chunks: Buffer[] = [];
	let size = 0;
	// Only a body the deadline stopped is incomplete: one read to its end is kept, even when the
	// deadline passes a moment later (dropping it would mean downloading the file again).
	let stopped = false;
	deadline.whenExpired(() => {
		stopped = true;
		body.destroy();
	});
	try {
		for await (const chunk of body) {
			size += chunk.length;
			if (size > maxBytes) {
				body.destroy();
				if (truncate) break;
				return tooLarge(maxBytes);
			}
			chunks.push(chunk);
		}
	} catch {
		if (!stopped && !truncate)
			return { kind: 'readFailed', message: 'The recording download broke off', httpCode: 0 };
	}
	if (stopped && !truncate) return deadline.failure();
	return Buffer.concat(chunks).subarray(0, maxBytes);
}

function fileOf(
	download: { data: Buffer; headers: IDataObject },
	link: string,
	account: Account,
): DownloadedFile {
	const header = (name: string) => account.scrub(headerText(download.headers[name]));
	const mimeType = header('content-type').split(';')[0].trim() || 'audio/mpeg';
	const fromHeader = /filename="?([^";]+)"?/.exec(header('content-disposition'))?.[1];
	const fromLink = new URL(link).pathname.split('/').filter(Boolean).slice(-2).join('-');
	return {
		data: download.data,
		fileName: fromHeader ?? `${fromLink || 'recording'}.mp3`,
		mimeType,
	};
}

function headerText(value: unknown): string {
	return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';
}

/** An error page's text, the key hidden before it is shortened. */
function errorText(raw: Buffer, account: Account): string {
	const text = account
		.scrub(raw.toString('utf8'))
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

const REFUSED_HOP =
	"Recordings are only fetched from the credential's Base URL or UniTalk's own hosts (https://*.unitalk.cloud), on every redirect too, so neither the API key nor a request can be sent elsewhere. Nothing was downloaded.";

function httpFailure(status: number, quoted: string): Failure {
	const message = `The recording could not be downloaded (HTTP ${status}${quoted ? `: ${quoted}` : ''})`;
	if (status === 404)
		return {
			kind: 'documented',
			message,
			httpCode: status,
			explanation:
				'There is no recording at this link (yet): UniTalk may add recordings 10–15 minutes after the call.',
		};
	if (status === 429) return { kind: 'rateLimited', message, httpCode: status };
	return { kind: status >= 500 ? 'readFailed' : 'documented', message, httpCode: status };
}

function tooLarge(maxBytes: number, declared?: number): Failure {
	const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
	return {
		kind: 'tooLarge',
		message: `The recording is larger than ${mb(maxBytes)}${declared ? ` (${mb(declared)})` : ''}; it was not downloaded`,
		httpCode: 0,
	};
}

/**
 * A total deadline for one download: aborts the request (headers not yet in) and stops the body
 * (streaming), whatever the pace of the bytes. The timer is n8n's sleep (waitUnlessAborted),
 * stopped when the download is done.
 */
class Deadline {
	private readonly controller = new AbortController();
	private readonly timer = new AbortController();
	private readonly listeners: Array<() => void> = [];
	private readonly at: number;

	constructor(private readonly ms: number) {
		this.at = Date.now() + ms;
		void waitUnlessAborted(ms, this.timer.signal).then((stopped) => {
			if (!stopped) this.expire();
		});
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get expired(): boolean {
		return this.controller.signal.aborted;
	}

	remaining(): number {
		return Math.max(1, this.at - Date.now());
	}

	/** Less left than a fetch needs: under a second, or a tenth of the whole deadline if shorter. */
	tooShortToSend(): boolean {
		return this.at - Date.now() < Math.min(1000, this.ms / 10);
	}

	whenExpired(listener: () => void): void {
		if (this.expired) listener();
		else this.listeners.push(listener);
	}

	failure(): Failure {
		const seconds = Math.round(this.ms / 100) / 10;
		return {
			kind: 'readFailed',
			message: `The recording download did not finish within ${seconds} s`,
			httpCode: 0,
			explanation:
				'The file host was too slow or did not answer. Raise "Download Timeout" in the options if recordings are large, or try again later.',
		};
	}

	clear(): void {
		this.timer.abort();
	}

	private expire(): void {
		this.controller.abort();
		for (const listener of this.listeners.splice(0)) listener();
	}
}
