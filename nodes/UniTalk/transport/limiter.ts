import { sleep } from 'n8n-workflow';

/**
 * UniTalk blocks an account at 30 requests in 10 s and bans it for good at 100 in 10 s; it also
 * caps 15 requests/s and 20 concurrent calls. One limiter per API key, shared by every node and
 * execution in this n8n process, keeps every request under those numbers with a safety margin.
 */
export interface RatePolicy {
	/** Requests allowed in any sliding window of `windowMs` (UniTalk blocks at 30 / 10 s). */
	perWindow: number;
	windowMs: number;
	/** Requests allowed in any sliding second (UniTalk: 15). */
	perSecond: number;
	/** Requests in flight at once (UniTalk: 20). */
	maxConcurrent: number;
}

export const UNITALK_LIMITS = { perWindow: 30, windowMs: 10_000, perSecond: 15, maxConcurrent: 20 };

export const DEFAULT_POLICY: RatePolicy = {
	perWindow: 25,
	windowMs: 10_000,
	perSecond: 10,
	maxConcurrent: 10,
};

/** Extra wait after a window frees up, for clock and network jitter between us and UniTalk. */
const JITTER_MARGIN_MS = 60;
const CONCURRENCY_POLL_MS = 20;

export class KeyLimiter {
	private readonly sentAt: number[] = [];
	private inFlight = 0;
	private pausedUntil = 0;
	private turn: Promise<void> = Promise.resolve();

	constructor(public policy: RatePolicy) {}

	/** Waits for a free slot (FIFO) and returns the function that frees it once the request ends. */
	async acquire(): Promise<() => void> {
		const myTurn = this.turn.then(async () => await this.admit());
		this.turn = myTurn.catch(() => undefined);
		await myTurn;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlight--;
		};
	}

	/** Holds every request for this key, e.g. after UniTalk answered "too many requests". */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	stats() {
		return { inFlight: this.inFlight, sentInWindow: this.countSince(Date.now() - this.policy.windowMs) };
	}

	private async admit(): Promise<void> {
		for (;;) {
			const wait = this.waitTime(Date.now());
			if (wait <= 0) break;
			await sleep(wait);
		}
		this.inFlight++;
		this.sentAt.push(Date.now());
	}

	private waitTime(now: number): number {
		const { perWindow, windowMs, perSecond, maxConcurrent } = this.policy;
		this.prune(now - windowMs);
		let wait = this.pausedUntil - now;
		const n = this.sentAt.length;
		if (n >= perWindow) {
			wait = Math.max(wait, this.sentAt[n - perWindow] + windowMs - now + JITTER_MARGIN_MS);
		}
		const inLastSecond = this.countSince(now - 1000);
		if (inLastSecond >= perSecond) {
			wait = Math.max(wait, this.sentAt[n - perSecond] + 1000 - now + JITTER_MARGIN_MS);
		}
		if (this.inFlight >= maxConcurrent) wait = Math.max(wait, CONCURRENCY_POLL_MS);
		return wait;
	}

	private prune(before: number): void {
		while (this.sentAt.length > 0 && this.sentAt[0] <= before) this.sentAt.shift();
	}

	private countSince(after: number): number {
		let count = 0;
		for (let i = this.sentAt.length - 1; i >= 0 && this.sentAt[i] > after; i--) count++;
		return count;
	}
}

const limiters = new Map<string, KeyLimiter>();

/** The process-wide limiter of one API key (identified by a hash, never the key itself). */
export function limiterFor(keyId: string, policy: RatePolicy = DEFAULT_POLICY): KeyLimiter {
	let limiter = limiters.get(keyId);
	if (!limiter) {
		limiter = new KeyLimiter(policy);
		limiters.set(keyId, limiter);
	} else if (limiter.policy.perWindow !== policy.perWindow) {
		limiter.policy = policy;
	}
	return limiter;
}

/** Budget a user may set on the credential (e.g. to share one key between n8n workers). */
export function policyForBudget(requestsPer10s: number | undefined): RatePolicy {
	const budget = Math.floor(Number(requestsPer10s) || DEFAULT_POLICY.perWindow);
	const perWindow = Math.min(Math.max(budget, 1), UNITALK_LIMITS.perWindow - 1);
	return { ...DEFAULT_POLICY, perWindow, perSecond: Math.min(DEFAULT_POLICY.perSecond, perWindow) };
}
