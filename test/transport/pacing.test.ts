// #27: pacing that stays safe when this process is not the only one sending with the key. The
// limiter runs on a virtual clock: every assertion is about order and counts, none about real time.
import {
	BLOCK_PAUSE_MS,
	type Clock,
	JITTER,
	KeyLimiter,
	RAMP_MS,
	RECOVERY_PER_MINUTE,
	REPEAT_WITHIN_MS,
	MIN_PACE,
	DEFAULT_POLICY,
	type Release,
} from '../../nodes/UniTalk/transport/limiter';
import { blockHint } from '../../nodes/UniTalk/engine/hints';

/** Time moves only when the test says so; sleepers wake in order. */
class VirtualClock implements Clock {
	t = 1_700_000_000_000;
	private timers: Array<{ at: number; wake: () => void }> = [];
	readonly jitters: number[] = [];
	/** Which jitter the clock picks out of 0…max (the largest by default). */
	pick = (max: number) => max;

	now() {
		return this.t;
	}

	async sleep(ms: number) {
		await new Promise<void>((wake) => this.timers.push({ at: this.t + Math.max(ms, 1), wake }));
	}

	jitter(max: number) {
		this.jitters.push(max);
		return this.pick(max);
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

/** A queue of requests through one limiter: when each was admitted, and its release. */
function queue(limiter: KeyLimiter, clock: VirtualClock, count: number) {
	const admitted: number[] = [];
	const releases: Release[] = [];
	for (let i = 0; i < count; i++)
		void limiter.acquire().then((release) => {
			admitted.push(clock.now());
			releases.push(release);
		});
	return { admitted, releases };
}

/** Requests that answer at once, `count` of them, fed through the limiter; returns admission times. */
async function flow(limiter: KeyLimiter, clock: VirtualClock, count: number, forMs: number) {
	const admitted: number[] = [];
	for (let i = 0; i < count; i++)
		void limiter.acquire().then((release) => {
			admitted.push(clock.now());
			release();
		});
	await clock.advance(forMs);
	return admitted;
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
const steadyGap = DEFAULT_POLICY.windowMs / DEFAULT_POLICY.perWindow; // 400 ms at 25 per 10 s

describe('pacing without bursts', () => {
	it('spreads requests evenly: never two within one interval of the pace', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		const admitted = await flow(limiter, clock, 40, 30_000);
		expect(admitted).toHaveLength(40);
		for (const gap of gaps(admitted)) expect(gap).toBeGreaterThanOrEqual(steadyGap);
		// Once ramped up, the pace is the budget: 25 in any 10 s, one every 400 ms.
		const late = admitted.filter((t) => t >= admitted[0] + RAMP_MS);
		for (const gap of gaps(late)) expect(gap).toBeLessThan(steadyGap + 50);
	});

	it('ramps up after a window without requests, so processes starting together do not add up', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		const admitted = await flow(limiter, clock, 10, 10_000);
		const [first, ...rest] = gaps(admitted);
		expect(first).toBeGreaterThan(2 * steadyGap);
		for (let i = 1; i < rest.length; i++) expect(rest[i]).toBeLessThanOrEqual(rest[i - 1]);
	});
});

describe('a block stops the key at once', () => {
	it('sends nothing while blocked, then one probe, then ramps back up', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		await flow(limiter, clock, 30, 15_000); // ramped up
		const { admitted, releases } = queue(limiter, clock, 12);
		await clock.advance(1000);
		expect(admitted.length).toBeGreaterThanOrEqual(2);
		const sentBefore = admitted.length;
		// Two in flight when UniTalk's block answer comes to the first of them.
		const blockedAt = clock.now();
		releases[sentBefore - 1]();
		const note = limiter.blocked(releases[sentBefore - 1].sentAt);
		releases[sentBefore - 2]();
		// The other one's answer (sent before the block) belongs to the same block.
		expect(limiter.blocked(releases[sentBefore - 2].sentAt)).toBe(note);
		expect(limiter.blocks).toBe(1);

		await clock.advance(note.waitMs - 1);
		expect(admitted).toHaveLength(sentBefore); // nothing sent into the block
		await clock.advance(1);
		expect(admitted).toHaveLength(sentBefore + 1); // the probe
		expect(admitted[sentBefore]).toBe(blockedAt + note.waitMs);
		await clock.advance(30_000);
		expect(admitted).toHaveLength(sentBefore + 1); // nothing else until the probe's answer

		const probeAnswered = clock.now();
		releases[sentBefore]();
		releases.length = sentBefore + 1;
		const after: number[] = [];
		const more = admitted.length;
		await clock.advance(RAMP_MS + 5_000);
		for (let i = more; i < admitted.length; i++) {
			after.push(admitted[i]);
			releases[i]?.();
		}
		expect(after[0]).toBeGreaterThanOrEqual(probeAnswered);
		const ramp = gaps([probeAnswered, ...after]);
		expect(ramp[0]).toBeGreaterThan(ramp[ramp.length - 1]); // slower first, then faster
	});

	it('waits longer when blocks repeat, with jitter, and starts over after a calm spell', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		const first = limiter.blocked(clock.now());
		expect(clock.jitters[0]).toBe(Math.floor(BLOCK_PAUSE_MS * JITTER));
		expect(first.waitMs).toBe(BLOCK_PAUSE_MS + Math.floor(BLOCK_PAUSE_MS * JITTER));
		expect(first.repeat).toBe(1);

		// The probe is refused too: the block went on, the wait doubles.
		await clock.advance(first.waitMs);
		const probe = await limiter.acquire();
		probe();
		const second = limiter.blocked(probe.sentAt);
		expect(second.repeat).toBe(2);
		expect(second.waitMs).toBe(2 * BLOCK_PAUSE_MS + Math.floor(2 * BLOCK_PAUSE_MS * JITTER));

		// Jitter is drawn each time: another pick gives another wait.
		clock.pick = () => 0;
		await clock.advance(second.waitMs);
		const again = await limiter.acquire();
		again();
		expect(limiter.blocked(again.sentAt).waitMs).toBe(4 * BLOCK_PAUSE_MS);

		await clock.advance(REPEAT_WITHIN_MS + 1);
		const calm = await limiter.acquire();
		calm();
		expect(limiter.blocked(calm.sentAt)).toMatchObject({ repeat: 1, waitMs: BLOCK_PAUSE_MS });
	});

	it('a download refused with a block (sending time unknown) stops the key too', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		limiter.pause(BLOCK_PAUSE_MS);
		expect(limiter.resumeIn()).toBeGreaterThanOrEqual(BLOCK_PAUSE_MS);
		limiter.pause(BLOCK_PAUSE_MS); // a second answer of the same block
		expect(limiter.blocks).toBe(1);
	});
});

describe('the share of the key is learned', () => {
	it('a block while within its budget lowers the pace to what this process had sent, which recovers over minutes', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		// This process sends 6 in 10 s (a slow workflow); others fill the key and UniTalk blocks.
		for (let i = 0; i < 6; i++) {
			(await limiter.acquire())();
			await clock.advance(1500);
		}
		const refused = await limiter.acquire();
		refused();
		const note = limiter.blocked(refused.sentAt);
		expect(note).toMatchObject({ sent: 6, shared: true, paceBefore: 25, suggestedBudget: 5 });
		// Its part of what UniTalk counted: the 6 it had in the window.
		expect(note.pace).toBeCloseTo(6);
		expect(limiter.pace()).toBeCloseTo(note.pace);

		// After the block, requests leave at the lower pace.
		await clock.advance(note.waitMs);
		const admitted = await flow(limiter, clock, 8, 60_000);
		const steady = gaps(admitted).slice(-3);
		const paceNow = note.pace * (1 + RECOVERY_PER_MINUTE) ** 2; // at most two minutes later
		for (const gap of steady) expect(gap).toBeGreaterThanOrEqual(10_000 / paceNow - 1);
		expect(gaps(admitted).slice(-1)[0]).toBeGreaterThan(4 * steadyGap);

		// Slowly back: a few percent a minute, all of the budget after long enough without a block.
		await clock.advance(10 * 60_000);
		const tenMinutes = limiter.pace();
		expect(tenMinutes).toBeGreaterThan(note.pace);
		expect(tenMinutes).toBeLessThan(note.pace * (1 + RECOVERY_PER_MINUTE) ** 12);
		await clock.advance(120 * 60_000);
		expect(limiter.pace()).toBe(25);
	});

	it('a learned pace is a count: never more requests in any 10 s than its whole part', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		for (let i = 0; i < 4; i++) {
			(await limiter.acquire())();
			await clock.advance(2000);
		}
		const refused = await limiter.acquire();
		refused();
		expect(limiter.blocked(refused.sentAt)).toMatchObject({ sent: 4, pace: 4 });
		// Five minutes later the pace has grown past 4.5 (not yet 5): evenly spaced at that pace,
		// some 10 s would hold 5 requests; as a count, none holds more than 4.
		await clock.advance(5 * 60_000);
		const pace = limiter.pace();
		expect(pace).toBeGreaterThan(4.5);
		expect(pace).toBeLessThan(5);
		const admitted = await flow(limiter, clock, 30, 60_000);
		expect(admitted.length).toBeGreaterThan(20);
		for (const at of admitted)
			expect(admitted.filter((t) => t >= at && t < at + 10_000).length).toBeLessThanOrEqual(4);
	});

	it('a block after only a request or two still leaves 3 requests per 10 s; a repeated one, half of that', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		(await limiter.acquire())();
		const next = limiter.acquire();
		await clock.advance(5_000);
		const refused = await next;
		refused();
		const first = limiter.blocked(refused.sentAt);
		expect(first).toMatchObject({ sent: 1, pace: MIN_PACE });

		// The probe passes; the key is blocked again a minute later while this process sent 1 in
		// the window: more processes share it than the floor allows for, so the floor halves.
		await clock.advance(first.waitMs);
		(await limiter.acquire())();
		await clock.advance(60_000);
		(await limiter.acquire())();
		const pending = limiter.acquire();
		await clock.advance(5_000);
		const again = await pending;
		again();
		const second = limiter.blocked(again.sentAt);
		expect(second).toMatchObject({ sent: 1, repeat: 2, pace: MIN_PACE / 2 });
		// Whole requests: 1 in any 10 s from now on.
		await clock.advance(second.waitMs);
		const admitted = await flow(limiter, clock, 6, 40_000);
		for (const gap of gaps(admitted).slice(1)) expect(gap).toBeGreaterThanOrEqual(10_000);
	});

	it('a refused probe teaches nothing about the share (the block was still on)', async () => {
		const clock = new VirtualClock();
		const limiter = new KeyLimiter(DEFAULT_POLICY, clock);
		await flow(limiter, clock, 20, 10_000);
		const refused = await limiter.acquire();
		refused();
		const first = limiter.blocked(refused.sentAt);
		await clock.advance(first.waitMs);
		const probe = await limiter.acquire();
		probe();
		const second = limiter.blocked(probe.sentAt);
		// Not lowered again: only the slow recovery since the first block.
		expect(second.pace).toBeGreaterThanOrEqual(first.pace);
		expect(second.paceBefore).toBe(second.pace);
	});
});

describe('the hint after a block', () => {
	it('says when, what this process had sent, its pace now and the budget to set', () => {
		const text = blockHint({
			at: Date.UTC(2025, 0, 2, 3, 4, 5),
			sent: 6,
			shared: true,
			repeat: 1,
			waitMs: 18_400,
			paceBefore: 25,
			pace: 4.5,
			suggestedBudget: 5,
		});
		expect(text).toBe(
			"UniTalk blocked this key for too many requests at 2025-01-02 03:04:05 UTC: this n8n process had sent 6 requests with the key in the 10 s before, within its own budget, so other n8n processes or systems send with the same key. Every request of the key waited 18 s, then one probed; what UniTalk refused was not executed and was sent again. This process now paces at 4.5 requests per 10 s (25 before) and speeds up slowly over the next minutes. To avoid the first block, set the credential's Request Budget to 5 (lower still if a system that does not slow down on a block uses the key).",
		);
	});
});
