/**
 * `npm run bench:simulate -- --processes 1,2,4,8 --runs 20`: the multi-process bench (#27) on a
 * virtual clock, in seconds instead of minutes. N KeyLimiters (one per n8n process) share one clock
 * and the stand-in's KeyLimits (UniTalk's limits, lengthening blocks, the ban); each runs 100 reads
 * with the engine's 4 concurrent reads and the transport's retry of a refused read. Each run draws
 * its own jitter and network delays, so a rule that holds only on lucky draws shows up here. The
 * real bench (`npm run bench -- --processes`) stays the figure of record. `--reads 300` gives each
 * process more work (sustained load); `--verbose` prints each run's refusals, what each process had
 * sent before its block, its learned and final pace, and when each process finished; `--late 20`
 * starts all processes but the first 20 s later (one busy process, then others join).
 */
import { randomInt } from 'node:crypto';

import { type Clock, DEFAULT_POLICY, KeyLimiter } from '../../nodes/UniTalk/transport/limiter';
import { KeyLimits } from '../standin/limits';

const READ_CONCURRENCY = 4; // engine/execute.ts
/** The real bench's processes start their runs this far apart at most (IPC, n8n's workflow setup). */
const START_SPREAD_MS = 200;
const MAX_TOTAL_WAIT_MS = 90_000; // transport/request.ts: a read refused for longer fails

class SimulatedClock implements Clock {
	t = 1_700_000_000_000;
	private timers: Array<{ at: number; seq: number; wake: () => void }> = [];
	private seq = 0;

	now() {
		return this.t;
	}

	async sleep(ms: number) {
		await new Promise<void>((wake) =>
			this.timers.push({ at: this.t + Math.max(ms, 1), seq: this.seq++, wake }),
		);
	}

	jitter(max: number) {
		return max > 0 ? randomInt(max + 1) : 0;
	}

	/** Runs until `done` settles: wakes the earliest sleeper, lets promises settle, repeats. */
	async run(done: Promise<unknown>) {
		let finished = false;
		void done.finally(() => (finished = true));
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (finished) return;
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers.shift();
			if (!next) throw new Error('Nothing left to wake, yet the runs are not done');
			this.t = Math.max(this.t, next.at);
			next.wake();
		}
	}
}

interface Outcome {
	blocks: number;
	maxSeenPerProcess: number;
	banned: boolean;
	refused: number;
	failed: number;
	seconds: number;
	afterBlock?: number;
}

async function simulate(n: number, reads: number, lateMs: number): Promise<Outcome> {
	const clock = new SimulatedClock();
	const uniTalk = new KeyLimits();
	const served: number[] = [];
	const refusedAt: number[] = [];
	const limiters = Array.from({ length: n }, () => new KeyLimiter(DEFAULT_POLICY, clock));
	const start = clock.now();
	let failed = 0;

	const read = async (limiter: KeyLimiter) => {
		const began = clock.now();
		for (;;) {
			const release = await limiter.acquire();
			await clock.sleep(2 + randomInt(8)); // to UniTalk
			const refusal = uniTalk.admit(clock.now());
			const arrived = clock.now();
			await clock.sleep(5 + randomInt(20)); // UniTalk's work and the way back
			release();
			if (!refusal) {
				uniTalk.done();
				served.push(arrived);
				return;
			}
			refusedAt.push(arrived);
			limiter.blocked(release.sentAt);
			const wait = limiter.resumeIn();
			if (clock.now() - began + wait > MAX_TOTAL_WAIT_MS) {
				failed++;
				return;
			}
			await clock.sleep(wait);
		}
	};
	const oneProcess = async (limiter: KeyLimiter, index: number) => {
		// Each process gets the signal and starts n8n's run; with `--late`, all but the first later.
		await clock.sleep(randomInt(START_SPREAD_MS) + (index > 0 ? lateMs : 0));
		let next = 0;
		const worker = async () => {
			while (next < reads) {
				next++;
				await read(limiter);
			}
		};
		await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
		finished.push(Math.round((clock.now() - start) / 1000));
	};
	const finished: number[] = [];
	await clock.run(Promise.all(limiters.map(oneProcess)));

	if (process.argv.includes('--verbose'))
		console.log(
			`${n}: blocks at ${uniTalk.stats.blockDurations.length} ${refusedAt.map((t) => ((t - start) / 1000).toFixed(1)).join(' ')}; sent before ${limiters.map((l) => l.lastBlock?.sent).join(' ')}; learned ${limiters.map((l) => l.lastBlock?.pace.toFixed(1)).join(' ')}, paces ${limiters.map((l) => l.pace().toFixed(1)).join(' ')}, finished ${finished.join(' ')} s`,
		);
	let afterBlock: number | undefined;
	if (refusedAt.length) {
		const resumed = served.find((t) => t > refusedAt[0]);
		const later = served.filter((t) => resumed !== undefined && t >= resumed);
		if (later.length > 1)
			afterBlock = ((later.length - 1) / (later[later.length - 1] - later[0])) * 10_000;
	}
	return {
		blocks: uniTalk.stats.blocks,
		maxSeenPerProcess: Math.max(...limiters.map((l) => l.blocks)),
		banned: uniTalk.stats.banned,
		refused: uniTalk.stats.rejected,
		failed,
		seconds: (clock.now() - start) / 1000,
		afterBlock,
	};
}

async function main() {
	const arg = (name: string, fallback: string) => {
		const at = process.argv.indexOf(name);
		return at >= 0 ? process.argv[at + 1] : fallback;
	};
	const counts = arg('--processes', '1,2,4,8').split(',').map(Number);
	const runs = Number(arg('--runs', '20'));
	const reads = Number(arg('--reads', '100'));
	const lateMs = Number(arg('--late', '0')) * 1000;
	console.log(
		`| Processes | Runs | Blocks (max) | Blocks seen per process (max) | Bans | Refused (max) | Failed reads | Time (median, max) | After the first block (min, median) |`,
	);
	console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const n of counts) {
		const outcomes: Outcome[] = [];
		for (let i = 0; i < runs; i++) outcomes.push(await simulate(n, reads, lateMs));
		const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
		const times = sorted(outcomes.map((o) => o.seconds));
		const rates = sorted(outcomes.flatMap((o) => (o.afterBlock ? [o.afterBlock] : [])));
		const pct = (rate: number) => `${Math.round((rate / 30) * 100)}%`;
		const after = rates.length
			? `${pct(rates[0])}, ${pct(rates[Math.floor(rates.length / 2)])}`
			: '–';
		console.log(
			`| ${n} | ${runs} | ${Math.max(...outcomes.map((o) => o.blocks))} | ${Math.max(...outcomes.map((o) => o.maxSeenPerProcess))} | ${outcomes.filter((o) => o.banned).length} | ${Math.max(...outcomes.map((o) => o.refused))} | ${outcomes.reduce((sum, o) => sum + o.failed, 0)} | ${times[Math.floor(runs / 2)].toFixed(0)} s, ${times[runs - 1].toFixed(0)} s | ${after} |`,
		);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
