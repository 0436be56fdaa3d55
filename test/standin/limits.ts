import { UNDOCUMENTED_ANSWERS } from '../../nodes/UniTalk/transport/errorCatalog';
import type { Reply } from './types';

/** UniTalk's documented limits, enforced per API key (see "Limits" in the reference). */
export const LIMITS = {
	windowMs: 10_000,
	blockAt: 30, // more than 30 in 10 s: temporary block
	banAt: 100, // more than 100 in 10 s: permanent block
	perSecond: 15,
	concurrent: 20,
	blockMs: 10_000,
	/**
	 * "Repeated exceeding – temporary blocking of increased duration": the reference says no more.
	 * Our reading: a block that starts within `repeatWithinMs` of the previous block's end lasts
	 * twice as long as that one (10 s, 20 s, 40 s… up to `maxBlockMs`); a key that stays under the
	 * limit for `repeatWithinMs` starts again at 10 s. Requests refused during a block still count in
	 * the window (UniTalk counts what arrives), so sending into a block can start the next one.
	 */
	repeatWithinMs: 5 * 60_000,
	maxBlockMs: 60 * 60_000,
};

export interface LimitStats {
	requests: number;
	blocks: number;
	rejected: number;
	banned: boolean;
	maxInWindow: number;
	maxPerSecond: number;
	maxConcurrent: number;
	/** How long each temporary block lasted, in order. */
	blockDurations: number[];
}

export class KeyLimits {
	private arrivals: number[] = [];
	private inFlight = 0;
	private blockedUntil = 0;
	private lastBlockMs = 0;
	stats: LimitStats = {
		requests: 0,
		blocks: 0,
		rejected: 0,
		banned: false,
		maxInWindow: 0,
		maxPerSecond: 0,
		maxConcurrent: 0,
		blockDurations: [],
	};

	/** Called on arrival; returns the rejection to send, or undefined to serve the request. */
	admit(now = Date.now()): Reply | undefined {
		this.stats.requests++;
		this.arrivals.push(now);
		while (this.arrivals.length && this.arrivals[0] <= now - LIMITS.windowMs) this.arrivals.shift();
		const inWindow = this.arrivals.length;
		const inSecond = this.arrivals.filter((t) => t > now - 1000).length;
		this.stats.maxInWindow = Math.max(this.stats.maxInWindow, inWindow);
		this.stats.maxPerSecond = Math.max(this.stats.maxPerSecond, inSecond);

		if (inWindow > LIMITS.banAt) this.stats.banned = true;
		if (this.stats.banned) return this.reject(403, UNDOCUMENTED_ANSWERS.banned);
		if (inWindow > LIMITS.blockAt && now >= this.blockedUntil) {
			const repeated = this.stats.blocks > 0 && now - this.blockedUntil < LIMITS.repeatWithinMs;
			const length = repeated ? Math.min(this.lastBlockMs * 2, LIMITS.maxBlockMs) : LIMITS.blockMs;
			this.stats.blocks++;
			this.stats.blockDurations.push(length);
			this.lastBlockMs = length;
			this.blockedUntil = now + length;
		}
		if (now < this.blockedUntil) return this.reject(429, UNDOCUMENTED_ANSWERS.rateLimited);
		if (inSecond > LIMITS.perSecond || this.inFlight >= LIMITS.concurrent) {
			return this.reject(429, UNDOCUMENTED_ANSWERS.rateLimited);
		}
		this.inFlight++;
		this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.inFlight);
		return undefined;
	}

	done(): void {
		this.inFlight--;
	}

	private reject(status: number, message: string): Reply {
		this.stats.rejected++;
		return { status, body: { status: 'Error', message } };
	}
}
