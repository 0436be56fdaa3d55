// UniTalk blocks an account at 30 requests in 10 s and bans it for good at 100 in 10 s; it also
// caps 15 requests/s and 20 concurrent calls. One limiter per API key, shared by every node and
// execution in this n8n process, keeps every request under those numbers with a safety margin.
// Other n8n processes (queue mode, a second instance) may send with the same key and nothing is
// shared between them, so the limiter also behaves well when it is not alone: requests leave evenly
// spread (no bursts), a block stops the key at once and waits longer (with jitter) when blocks
// repeat, one request probes before pacing ramps back up, and a block that came while this process
// kept to its budget lowers this process's pace to what it had sent in UniTalk's window (#27).
import { randomInt } from 'crypto';
import { sleep } from 'n8n-workflow';

import { Gate } from './gate';
import type { BlockNote } from './types';

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
/** While the pace changes (ramping up), the wait is checked again this often. */
const RECHECK_MS = 250;

/** The first wait after a block; UniTalk does not say how long its temporary block lasts. */
export const BLOCK_PAUSE_MS = 15_000;
/** A block within this time of the previous one doubles the wait ("blocking of increased duration"). */
export const REPEAT_WITHIN_MS = 10 * 60_000;
export const MAX_PAUSE_MS = 10 * 60_000;
/** Up to this fraction of the wait is added at random, so processes do not resume in step. */
export const JITTER = 0.5;
/** After a probe, or after a window without requests, the pace starts at this fraction of itself… */
export const RAMP_FROM = 0.3;
/** …and reaches all of it after this long. */
export const RAMP_MS = 5_000;
/**
 * A learned pace is at least this many requests per 10 s (or the budget, if lower): a block early in
 * a run, when a process had sent only a request or two, must not leave it crawling behind the others.
 * Ten processes at this floor add up to UniTalk's 30, not more. A block that repeats within
 * REPEAT_WITHIN_MS halves the floor (more than ten processes, or a sender that does not back off).
 */
export const MIN_PACE = UNITALK_LIMITS.perWindow / 10;
/** A learned share grows back by this fraction per minute without a block (about 23 min to double). */
export const RECOVERY_PER_MINUTE = 0.03;

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
 * A long request's answer comes minutes after UniTalk saw it: held that long, seven pending analyses
 * would keep seven places of every window for minutes. It is held until its answer or
 * ARRIVED_WITHIN_MS after it left, whichever comes first, then the window (countedUntil).
 */
interface Slot {
	startedAt: number;
	endedAt: number; // Infinity while the request is in flight
	/** Downloads and long requests count in the windows but not among the api lane's requests. */
	lane: Lane;
}

/**
 * When a slot stops counting, less the window: its answer, or for a long request (which UniTalk
 * answers minutes later, but counted when it arrived) ARRIVED_WITHIN_MS after it left at the latest,
 * so pending analyses never keep places in the rate windows for minutes.
 */
function countedUntil(slot: Slot): number {
	return slot.lane === 'slow'
		? Math.min(slot.endedAt, slot.startedAt + ARRIVED_WITHIN_MS)
		: slot.endedAt;
}

/**
 * When a probe is answered, for the block's purpose: a refusal comes at once, so a long request not
 * refused within SLOW_PROBE_MS was accepted (UniTalk processes it): the block is over.
 */
function probeAnswered(slot: Slot): number {
	return slot.lane === 'slow'
		? Math.min(slot.endedAt, slot.startedAt + SLOW_PROBE_MS)
		: slot.endedAt;
}

/**
 * 'api': a UniTalk method. 'download': a recording; it starts at the same pace, but its body streams
 * outside the API's concurrency, in a lane of its own, so a slow file host never stalls the API.
 * 'slow': a method UniTalk answers minutes later by design (Voice Analytics); paced like the others,
 * but it waits for its place in a lane of its own (enterSlowLane), never in the api lane's.
 */
export type Lane = 'api' | 'download' | 'slow';

/** Frees the slot once the request ended; `sentAt` tells a block answer to it from an older one. */
export type Release = (() => void) & { sentAt: number };

/** Recordings downloading at once per key; with the API's 10 this stays under UniTalk's 20. */
export const DOWNLOAD_LANE_SIZE = 3;
/**
 * Long requests in flight at once per key. The reference caps analytics at "50 simultaneous calls in
 * processing" (per project, other systems included), and all API calls at "20 simultaneous calls";
 * a pending analysis is an API call in flight, so it counts in the 20: the api lane's 10, the
 * download lane's 3 and this lane's 7 make 20 at most.
 */
export const SLOW_LANE_SIZE =
	UNITALK_LIMITS.maxConcurrent - DEFAULT_POLICY.maxConcurrent - DOWNLOAD_LANE_SIZE;
/**
 * A long request counts in the rate windows from when it left until at most this long after, plus
 * the window (see countedUntil). Our assumption, the reference being silent: a request of a few
 * hundred bytes reaches UniTalk within a minute of leaving, or its connection failed. Seven pending
 * analyses thus hold at most 7 of the 25 places of a window, for at most 70 s.
 */
export const ARRIVED_WITHIN_MS = 60_000;
/** See probeAnswered. */
export const SLOW_PROBE_MS = 5_000;

export class KeyLimiter {
	private slots: Slot[] = [];
	private lastAdmitAt = -Infinity;
	private turn: Promise<void> = Promise.resolve();
	private readonly downloads = new Gate(DOWNLOAD_LANE_SIZE);
	private readonly slowLane = new Gate(SLOW_LANE_SIZE);
	/** Long requests of this key answered so far: a refusal for their limit waits for the next one. */
	slowAnswers = 0;
	/** Request budgets of the credentials that hold this key, by credential (see limiterFor). */
	readonly budgets = new Map<string, number>();

	// After a block: nothing leaves before `pausedUntil`, then one probe, then a ramp.
	private pausedUntil = 0;
	private blockedAt = -Infinity;
	private streak = 0;
	private probe: 'none' | 'wanted' | Slot = 'none';
	private rampFrom?: number;
	/** This process's learned share of the key (1: all of its budget), and since when it recovers. */
	private learned = { share: 1, at: 0 };
	/** The latest block, as the execution hints tell it. */
	lastBlock?: BlockNote;
	/** Blocks seen (one per episode, however many answers said so). */
	blocks = 0;

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
		return await this.downloads.enter(signal);
	}

	/**
	 * A place in the slow lane (FIFO, SLOW_LANE_SIZE at once), held from before pacing until the
	 * answer. Waiting here happens before the shared queue, so it never holds up another request.
	 */
	async enterSlowLane(): Promise<() => void> {
		const leave = await this.slowLane.enter();
		let left = false;
		return () => {
			if (left) return;
			left = true;
			this.slowAnswers++;
			leave();
		};
	}

	/** Long requests of this key in flight now (in the slow lane). */
	get slowInFlight(): number {
		return this.slowLane.inside;
	}

	/** UniTalk answered "too many requests" to a request whose sending time is unknown. */
	pause(ms: number): void {
		this.blocked();
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	/** How long until the key may send again (0 when it may). */
	resumeIn(): number {
		return Math.max(0, this.pausedUntil - this.clock.now());
	}

	/** Requests per window this process paces at now: its budget times its share, ramp aside. */
	pace(now = this.clock.now()): number {
		return this.policy.perWindow * this.share(now);
	}

	/**
	 * UniTalk answered "too many requests" to the request sent at `sentAt`. Every request of the key
	 * waits from now on. Answers to requests sent before the block began belong to that block; a new
	 * block (another one soon after, or the probe refused) doubles the wait. A block that came while
	 * this process kept to its budget means others send with the key: this process's pace drops to
	 * what it had sent in the window before (its part of what UniTalk counted).
	 */
	blocked(sentAt?: number): BlockNote {
		const now = this.clock.now();
		const old = sentAt === undefined ? now < this.pausedUntil : sentAt < this.blockedAt;
		if (old && this.lastBlock) return this.lastBlock;

		const { perWindow, windowMs } = this.policy;
		const probing = sentAt !== undefined && sentAt >= this.blockedAt && this.probe !== 'none';
		const before = sentAt ?? now;
		const sent = this.slots.filter(
			(slot) => slot.startedAt > before - windowMs && slot.startedAt < before,
		).length;
		const shared = sent <= perWindow;
		const paceBefore = this.pace(now);
		if (shared && !probing) {
			// This process goes on at what it had in UniTalk's window when the block came, kept as a
			// count (see waitTime): what every process had there adds up to what UniTalk counted, so
			// processes that all learn this way stay within UniTalk's 30 together. (Learning 25/30 of
			// it instead left eight processes 5 under 30, and the ones that had sent a request less,
			// by the luck of timing, finishing a minute and a half after the others.)
			const repeats = now - this.blockedAt <= REPEAT_WITHIN_MS ? this.streak : 0;
			const share = Math.max(Math.min(MIN_PACE / 2 ** repeats, perWindow), sent, 1) / perWindow;
			this.learned = { share: Math.min(this.share(now), share), at: now };
		}

		this.streak = now - this.blockedAt <= REPEAT_WITHIN_MS ? this.streak + 1 : 1;
		const base = Math.min(BLOCK_PAUSE_MS * 2 ** (this.streak - 1), MAX_PAUSE_MS);
		const waitMs = base + this.clock.jitter(Math.floor(base * JITTER));
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		this.blockedAt = now;
		this.probe = 'wanted';
		this.rampFrom = undefined;
		this.blocks++;
		this.lastBlock = {
			at: now,
			sent,
			shared,
			repeat: this.streak,
			waitMs,
			paceBefore,
			pace: this.pace(now),
			suggestedBudget: Math.max(1, Math.floor((perWindow * sent) / UNITALK_LIMITS.perWindow)),
		};
		return this.lastBlock;
	}

	private share(now: number): number {
		const { share, at } = this.learned;
		if (share >= 1) return 1;
		return Math.min(1, share * (1 + RECOVERY_PER_MINUTE) ** ((now - at) / 60_000));
	}

	private async admit(lane: Lane): Promise<Slot> {
		for (;;) {
			const now = this.clock.now();
			this.settle(now);
			const wait = this.waitTime(now, lane);
			// The ramp that waitTime just read is over: forget it only now, after it was read.
			if (this.rampFrom !== undefined && this.ramp(now) >= 1) this.rampFrom = undefined;
			if (wait <= 0) break;
			await this.clock.sleep(wait);
		}
		const now = this.clock.now();
		// After a window without requests the pace ramps up, as after a block.
		if (now - this.lastAdmitAt > this.policy.windowMs && this.probe === 'none') this.rampFrom = now;
		const slot = { startedAt: now, endedAt: Infinity, lane };
		if (this.probe === 'wanted') this.probe = slot;
		this.slots.push(slot);
		this.lastAdmitAt = now;
		return slot;
	}

	/**
	 * What time alone changes, done before the queries read the state: an answered probe starts the
	 * ramp, and slots out of every window are forgotten.
	 */
	private settle(now: number): void {
		// One request probes after a block; the rest wait for its answer, then ramp up.
		if (
			this.pausedUntil <= now &&
			typeof this.probe === 'object' &&
			probeAnswered(this.probe) <= now
		) {
			this.rampFrom = probeAnswered(this.probe);
			this.probe = 'none';
		}
		if (this.pausedUntil <= now)
			this.slots = this.slots.filter((slot) => countedUntil(slot) > now - this.policy.windowMs);
	}

	/** How long a request of `lane` waits before it may leave (0: now). Reads the state only. */
	private waitTime(now: number, lane: Lane): number {
		const { perWindow, windowMs, perSecond, maxConcurrent } = this.policy;
		if (this.pausedUntil > now) return this.pausedUntil - now;
		if (typeof this.probe === 'object') return POLL_MS; // its answer has not come (see settle)
		const ends = this.slots.map(countedUntil).sort((a, b) => a - b);
		// Evenly spread: one request per interval of the current pace, no burst.
		// A probe's answer starts the ramp: the next request keeps one (slow) interval after it.
		const since = Math.max(this.lastAdmitAt, this.rampFrom ?? -Infinity);
		const ramp = Math.min(1, this.ramp(now));
		const interval = windowMs / (this.pace(now) * ramp);
		let wait = since + interval - now;
		const share = this.share(now);
		if (ramp < 1 || share < 1) wait = Math.min(wait, RECHECK_MS);
		// A learned pace is also a count: at most that many in any window. Evenly spaced requests at
		// 3.3 per 10 s put 4 in some windows, and eight processes in step would put 32 in one.
		const mostInWindow = share < 1 ? Math.max(1, Math.floor(this.pace(now))) : perWindow;
		wait = Math.max(wait, this.freeIn(ends, mostInWindow, windowMs, now));
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

	/** 1 when not ramping; from RAMP_FROM up over RAMP_MS after a probe or an idle window (≥ 1: over). */
	private ramp(now: number): number {
		if (this.rampFrom === undefined) return 1;
		return RAMP_FROM + ((1 - RAMP_FROM) * (now - this.rampFrom)) / RAMP_MS;
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
