// UniTalk blocks an account at 30 requests in 10 s and bans it for good at 100 in 10 s; it also
// caps 15 requests/s and 20 concurrent calls. One limiter per API key, shared by every node and
// execution in this n8n process, keeps every request under those numbers with a safety margin.
import { randomInt } from 'crypto';
import { sleep } from 'n8n-workflow';

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

/** Extra wait after a slot frees up, for clock granularity. */
const MARGIN_MS = 25;
const POLL_MS = 20;

/** The first wait after a block; UniTalk does not say how long its temporary block lasts. */
export const BLOCK_PAUSE_MS = 15_000;

/** Time, sleep and randomness; tests pass a virtual clock. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/** A whole number from 0 to `max`. */
	jitter(max: number): number;
}

const SYSTEM_CLOCK: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	jitter: (max) => (max > 0 ? randomInt(max + 1) : 0),
};

/**
 * A request holds its slot in the window from the moment it is admitted until `windowMs` after its
 * answer arrived. UniTalk sees the request somewhere between those two moments, so however slow the
 * network or the event loop, UniTalk never counts more than `perWindow` of ours in any window.
 */
interface Slot {
	startedAt: number;
	endedAt: number; // Infinity while the request is in flight
	/** Downloads count in the windows but not among the API's concurrent requests (own lane). */
	lane: Lane;
}

/**
 * 'api': a UniTalk method. 'download': a recording; it starts at the same pace, but its body streams
 * outside the API's concurrency, in a lane of its own, so a slow file host never stalls the API.
 */
export type Lane = 'api' | 'download';

/** Frees the slot once the request ended; `sentAt` tells a block answer to it from an older one. */
export type Release = (() => void) & { sentAt: number };

/** Recordings downloading at once per key; with the API's 10 this stays under UniTalk's 20. */
export const DOWNLOAD_LANE_SIZE = 3;

export class KeyLimiter {
	private slots: Slot[] = [];
	private pausedUntil = 0;
	private turn: Promise<void> = Promise.resolve();
	private downloading = 0;
	private readonly downloadQueue: Array<() => void> = [];
	/** Request budgets of the credentials that hold this key, by credential (see limiterFor). */
	readonly budgets = new Map<string, number>();

	constructor(
		public policy: RatePolicy,
		private readonly clock: Clock = SYSTEM_CLOCK,
	) {}

	/**
	 * Waits for a free slot (FIFO) and returns the function that frees it once the request ends (for
	 * a download: once its headers arrived; the body streams in the download lane).
	 */
	async acquire(lane: Lane = 'api'): Promise<Release> {
		let slot: Slot | undefined;
		const myTurn = this.turn.then(async () => {
			slot = await this.admit(lane);
		});
		this.turn = myTurn.catch(() => undefined);
		await myTurn;
		const release = () => {
			if (slot && slot.endedAt === Infinity) slot.endedAt = this.clock.now();
		};
		return Object.assign(release, { sentAt: slot!.startedAt });
	}

	/**
	 * A place in the download lane (FIFO, DOWNLOAD_LANE_SIZE at once), held for a whole transfer.
	 * Waiting here happens before the shared queue, so it never holds up an API request.
	 */
	async enterDownloadLane(signal?: AbortSignal): Promise<() => void> {
		if (this.downloading < DOWNLOAD_LANE_SIZE) this.downloading++;
		else
			await new Promise<void>((resolve, reject) => {
				const turn = () => {
					signal?.removeEventListener('abort', giveUp);
					resolve();
				};
				const giveUp = () => {
					const waiting = this.downloadQueue.indexOf(turn);
					if (waiting >= 0) this.downloadQueue.splice(waiting, 1);
					reject(new Error('The download gave up waiting for its turn'));
				};
				if (signal?.aborted) return giveUp();
				signal?.addEventListener('abort', giveUp, { once: true });
				this.downloadQueue.push(turn);
			});
		let left = false;
		return () => {
			if (left) return;
			left = true;
			const next = this.downloadQueue.shift();
			if (next) next();
			else this.downloading--;
		};
	}

	/** Holds every request for this key, e.g. after UniTalk answered "too many requests". */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	private async admit(lane: Lane): Promise<Slot> {
		for (;;) {
			const wait = this.waitTime(this.clock.now(), lane);
			if (wait <= 0) break;
			await this.clock.sleep(wait);
		}
		const slot = { startedAt: this.clock.now(), endedAt: Infinity, lane };
		this.slots.push(slot);
		return slot;
	}

	private waitTime(now: number, lane: Lane): number {
		const { perWindow, windowMs, perSecond, maxConcurrent } = this.policy;
		this.slots = this.slots.filter((slot) => slot.endedAt > now - windowMs);
		const ends = this.slots.map((slot) => slot.endedAt).sort((a, b) => a - b);
		let wait = this.pausedUntil - now;
		wait = Math.max(wait, this.freeIn(ends, perWindow, windowMs, now));
		wait = Math.max(
			wait,
			this.freeIn(
				ends.filter((end) => end > now - 1000),
				perSecond,
				1000,
				now,
			),
		);
		const inFlight = this.slots.filter((slot) => slot.lane === 'api' && slot.endedAt === Infinity);
		if (lane === 'api' && inFlight.length >= maxConcurrent) wait = Math.max(wait, POLL_MS);
		return wait;
	}

	/** How long until fewer than `limit` of the slots `ends` are inside the window. */
	private freeIn(ends: number[], limit: number, windowMs: number, now: number): number {
		if (ends.length < limit) return 0;
		const oldest = ends[ends.length - limit];
		return oldest === Infinity ? POLL_MS : oldest + windowMs - now + MARGIN_MS;
	}
}

const limiters = new Map<string, KeyLimiter>();

/**
 * The process-wide limiter of one API key (identified by a hash, never the key itself). Several
 * credentials may hold the same key with different Request Budgets: the lowest one applies, so a
 * budget meant to share the key with another system is never overridden by a second credential.
 * Each credential's latest budget counts (an edited budget replaces that credential's old one).
 */
export function limiterFor(
	keyId: string,
	budget: number | undefined,
	credentialId = 'default',
): KeyLimiter {
	let limiter = limiters.get(keyId);
	if (!limiter) limiters.set(keyId, (limiter = new KeyLimiter(DEFAULT_POLICY)));
	const perWindow = policyForBudget(budget).perWindow;
	if (limiter.budgets.get(credentialId) !== perWindow) {
		limiter.budgets.set(credentialId, perWindow);
		limiter.policy = policyForBudget(Math.min(...limiter.budgets.values()));
	}
	return limiter;
}

/** Budget a user may set on the credential (e.g. to share one key between n8n workers). */
export function policyForBudget(requestsPer10s: number | undefined): RatePolicy {
	const budget = Math.floor(Number(requestsPer10s) || DEFAULT_POLICY.perWindow);
	const perWindow = Math.min(Math.max(budget, 1), UNITALK_LIMITS.perWindow - 1);
	return { ...DEFAULT_POLICY, perWindow, perSecond: Math.min(DEFAULT_POLICY.perSecond, perWindow) };
}
