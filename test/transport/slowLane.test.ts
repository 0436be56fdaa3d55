// #39: 30 long requests pending for minutes in the slow lane, and a stream of short ones with the
// same key, on a virtual clock: UniTalk's limits (30 per 10 s, 15 per second, 20 simultaneous
// calls) hold, the slow lane keeps to its places, and the short requests go on at the key's pace.
import {
	type Clock,
	DEFAULT_POLICY,
	DOWNLOAD_LANE_SIZE,
	KeyLimiter,
	SLOW_LANE_SIZE,
	UNITALK_LIMITS,
} from '../../nodes/UniTalk/transport/limiter';

/** Time moves only when the test says so; sleepers wake in order. */
class VirtualClock implements Clock {
	t = 1_700_000_000_000;
	private timers: Array<{ at: number; wake: () => void }> = [];
	now() {
		return this.t;
	}
	async sleep(ms: number) {
		await new Promise<void>((wake) => this.timers.push({ at: this.t + Math.max(ms, 1), wake }));
	}
	jitter() {
		return 0;
	}
	async advance(ms: number) {
		const end = this.t + ms;
		for (;;) {
			await settle();
			const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at);
			if (!due.length) break;
			this.t = due[0].at;
			this.timers = this.timers.filter((timer) => timer !== due[0]);
			due[0].wake();
		}
		this.t = end;
		await settle();
	}
}
const settle = async () => await new Promise((resolve) => setImmediate(resolve));

/** The most of `times` in any window of `windowMs` that starts at one of them. */
function mostInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[i] - sorted[j] >= windowMs) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

describe('The slow lane on a virtual clock (#39)', () => {
	it('30 pending long requests: limits kept, short requests paced only', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		const sent: number[] = []; // every request's departure: what UniTalk counts
		let apiInFlight = 0;
		let slowInFlight = 0;
		let mostInFlight = 0;
		let mostSlow = 0;
		const finishSlow: Array<() => void> = [];
		const note = () => {
			mostInFlight = Math.max(mostInFlight, apiInFlight + slowInFlight);
			mostSlow = Math.max(mostSlow, slowInFlight);
		};

		for (let i = 0; i < 30; i++)
			void (async () => {
				const leave = await limiter.enterSlowLane();
				const release = await limiter.acquire('slow');
				sent.push(clock.now());
				slowInFlight++;
				note();
				// Pending for minutes, until the test lets it answer.
				await new Promise<void>((answer) => finishSlow.push(answer));
				slowInFlight--;
				release();
				leave();
			})();
		const shortAnswered: number[] = [];
		const short = async () => {
			const release = await limiter.acquire();
			sent.push(clock.now());
			apiInFlight++;
			note();
			await clock.sleep(200); // a short request's answer
			apiInFlight--;
			release();
			shortAnswered.push(clock.now());
		};
		const shorts = Array.from({ length: 100 }, short);

		await clock.advance(60_000);
		// The long requests took their places at once and hold them; 100 short ones still went out at
		// the key's pace (25 per 10 s, less what the long ones counted in their first 70 s).
		expect(slowInFlight).toBe(SLOW_LANE_SIZE);
		expect(shortAnswered.length).toBeGreaterThanOrEqual(100 - SLOW_LANE_SIZE * 2);

		// Minutes later the long ones answer, a few at a time; the rest of them take their places.
		for (let minute = 0; minute < 8; minute++) {
			await clock.advance(60_000);
			finishSlow.splice(0, SLOW_LANE_SIZE).forEach((answer) => answer());
		}
		await clock.advance(60_000);
		await Promise.all(shorts);
		finishSlow.splice(0).forEach((answer) => answer());
		await clock.advance(10_000);

		expect(sent.length).toBe(130);
		expect(shortAnswered.length).toBe(100);
		expect(mostInWindow(sent, UNITALK_LIMITS.windowMs)).toBeLessThanOrEqual(
			DEFAULT_POLICY.perWindow,
		);
		expect(mostInWindow(sent, 1000)).toBeLessThanOrEqual(DEFAULT_POLICY.perSecond);
		expect(mostSlow).toBe(SLOW_LANE_SIZE);
		// With the download lane's places, never more than UniTalk's 20 simultaneous calls.
		expect(mostInFlight + DOWNLOAD_LANE_SIZE).toBeLessThanOrEqual(UNITALK_LIMITS.maxConcurrent);
	});
});
