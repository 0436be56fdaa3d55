import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness, SimulatedClock } from '../harness/poll';
import { credentialsFor, seedAutodialer, useStandIn } from '../helpers';

// Hours of the Call History Trigger's polls, simulated through n8n-core's poll path against the
// stand-in: n8n polls every minute at second :00, UniTalk writes a call to its history when it ends,
// dated when it started. Each case counts the calls emitted twice, more than twice, and never.
describe('UniTalk Call History Trigger over hours of polls', () => {
	const standIn = useStandIn();
	const zone = 'Europe/Kyiv';
	const MINUTE = 60_000;
	// Each case starts on a whole hour after the last one ended (the clock never goes back).
	let clock: SimulatedClock;
	let nextStart = Date.UTC(2026, 11, 7, 8, 0, 0);
	beforeAll(() => (clock = new SimulatedClock(nextStart)));
	afterAll(() => clock.uninstall());

	interface PlannedCall {
		startMs: number;
		durationMs: number;
		/** The row as UniTalk shows it, over the stand-in's defaults (a null `date`, say). */
		over?: IDataObject;
		/** Where UniTalk files the row, when it differs from the date it shows (ms). */
		listedAtMs?: number;
	}

	interface Outcome {
		twice: number;
		moreThanTwice: number;
		never: number;
		/** Emits per call, by the planned call's index. */
		emits: number[];
		/** Calls first emitted more than 5 minutes after UniTalk wrote them. */
		late: number;
		/** The largest the saved state grew (bytes of JSON). */
		stateBytes: number;
		/** The saved state's size after the last poll (bytes of JSON). */
		finalStateBytes: number;
		/** The most items one execution emitted. */
		largestExecution: number;
		/** The notices the emitted items carried. */
		notices: string[];
		items: IDataObject[];
		errors: string[];
		polls: number;
	}

	/**
	 * Activates the trigger at the start of an hour, then polls every minute at second :00 for
	 * `minutes`, writing each planned call to the history when it ends. `plan` gets the start.
	 */
	async function simulate(options: {
		minutes: number;
		plan: (startMs: number) => PlannedCall[];
		parameters?: IDataObject;
		credentialZone?: string;
		/** The zone UniTalk writes dates in (the project's setting). */
		projectZone?: string;
		/** Static data to start from instead of activating (a saved, imported or old workflow). */
		state?: (startMs: number) => IDataObject;
		/** Autodialer Call Results of one autodialer instead of the call history. */
		autodialer?: boolean;
		/** Before each poll (a fault to inject, say). */
		beforePoll?: (minute: number) => void;
		/** n8n 2.x's durable scheduler: the state is saved only by polls that emit. */
		savesOnlyWhenEmitting?: boolean;
	}): Promise<Outcome> {
		const startMs = nextStart;
		clock.set(startMs + 7);
		const projectZone = options.projectZone ?? zone;
		const autodialerId = options.autodialer ? seedAutodialer(standIn, 'Campaign') : undefined;
		const source = autodialerId ? { event: 'autodialerCalls', autodialerIds: [autodialerId] } : {};
		const poller = new PollHarness(
			{ lookBackMinutes: 60, ...source, ...options.parameters },
			credentialsFor(standIn, { timeZone: options.credentialZone ?? zone }),
		);
		poller.savesOnlyWhenEmitting = options.savesOnlyWhenEmitting ?? false;
		if (options.state)
			poller.savedState = JSON.stringify({
				'node:UniTalk Call History Trigger': options.state(startMs),
			});
		else await poller.poll();
		const plan = options.plan(startMs);
		const written = new Map<number, number>(); // dbid → index in plan
		const writtenIndexes = new Set<number>();
		const emits = plan.map(() => 0);
		const writtenAt = plan.map(() => 0);
		const firstEmittedAt = plan.map(() => 0);
		let stateBytes = 0;
		const notices = new Set<string>();
		const perPoll: number[] = [];
		const items: IDataObject[] = [];
		const errors: string[] = [];
		for (let minute = 1; minute <= options.minutes; minute++) {
			// n8n's cron fires at second :00, and the poll reads the clock a few milliseconds later.
			const pollMs = startMs + minute * MINUTE;
			clock.set(pollMs + 7);
			plan.forEach((call, index) => {
				if (writtenIndexes.has(index) || call.startMs + call.durationMs > pollMs) return;
				writtenIndexes.add(index);
				writtenAt[index] = pollMs;
				if (autodialerId) {
					// Autodialer results are dated when they ended.
					const id = 1000 + index;
					standIn.state.tasks.get(autodialerId)!.calls.push({
						id,
						phone: `38097${String(1_000_000 + index)}`,
						state: 'ANSWER',
						callEndTime: formatInZone(new Date(call.startMs + call.durationMs), projectZone),
						operatorNumber: '1000',
					});
					written.set(id, index);
					return;
				}
				const listedAt =
					call.listedAtMs === undefined
						? {}
						: { listedAt: formatInZone(new Date(call.listedAtMs), projectZone) };
				const dbid = standIn.state.addHistoryCall(
					formatInZone(new Date(call.startMs), projectZone),
					{ ...listedAt, ...call.over },
				);
				written.set(dbid, index);
			});
			options.beforePoll?.(minute);
			const { items: emitted, error } = await poller.poll();
			stateBytes = Math.max(stateBytes, poller.savedState.length);
			perPoll.push(emitted?.length ?? 0);
			if (process.env.SIM_DEBUG === 'polls')
				console.log(
					minute,
					new Date().toISOString(),
					emitted?.length,
					error?.message,
					Math.round(performance.now()),
				);
			if (error)
				errors.push(`${error.message} ${(error as { description?: string }).description ?? ''}`);
			for (const item of emitted ?? []) {
				items.push(item.json);
				if (typeof item.json.notice === 'string') notices.add(item.json.notice);
				const index = written.get((autodialerId ? item.json.id : item.json.dbId) as number);
				if (index === undefined) continue;
				if (!emits[index]++) firstEmittedAt[index] = pollMs;
			}
		}
		if (process.env.SIM_REPORT)
			console.log(
				expect.getState().currentTestName,
				JSON.stringify({
					twice: emits.filter((n) => n === 2).length,
					moreThanTwice: emits.filter((n) => n > 2).length,
					never: emits.filter((n) => n === 0).length,
					mostEmits: Math.max(...emits),
					late: firstEmittedAt.filter((at, i) => at && at - writtenAt[i] > 5 * MINUTE).length,
					errors: errors.length,
					stateBytes,
					finalStateBytes: poller.savedState.length,
					largestExecution: Math.max(0, ...perPoll),
				}),
			);
		nextStart = Math.ceil((clock.now() + MINUTE) / 3600_000) * 3600_000;
		return {
			twice: emits.filter((n) => n === 2).length,
			moreThanTwice: emits.filter((n) => n > 2).length,
			never: emits.filter((n) => n === 0).length,
			emits,
			late: firstEmittedAt.filter((at, i) => at && at - writtenAt[i] > 5 * MINUTE).length,
			stateBytes,
			notices: [...notices],
			largestExecution: Math.max(0, ...perPoll),
			finalStateBytes: poller.savedState.length,
			items,
			errors,
			polls: options.minutes,
		};
	}

	const once = { twice: 0, moreThanTwice: 0, never: 0, reportedMissing: 0 };
	const counts = (outcome: Outcome) => ({
		twice: outcome.twice,
		moreThanTwice: outcome.moreThanTwice,
		never: outcome.never,
		// Notices of calls UniTalk counts but no window returned: none where every call was emitted.
		reportedMissing: outcome.notices.filter((notice) => notice.includes('than the trigger read'))
			.length,
	});

	it('an autodialer campaign of 200 calls started at hh:mm:00: each emitted once (was 200 twice)', async () => {
		const outcome = await simulate({
			minutes: 80,
			plan: (start) =>
				Array.from({ length: 200 }, (_, i) => ({
					startMs: start + 10 * MINUTE,
					durationMs: (20 + (i % 90)) * 1000,
				})),
		});
		expect(counts(outcome)).toEqual(once);
		expect(outcome.errors).toEqual([]);
	});

	it('2,500 calls dated in one second: each emitted once (was 2,500 twice)', async () => {
		const outcome = await simulate({
			minutes: 70,
			plan: (start) =>
				Array.from({ length: 2500 }, () => ({ startMs: start + 5 * MINUTE, durationMs: 30_000 })),
		});
		expect(counts(outcome)).toEqual(once);
		// Memory: a key is kept while its date is inside the window (about 21 bytes of JSON each),
		// then dropped: 2,500 calls in the window, about 52 kB; once it has passed them, under 1 kB.
		expect(outcome.stateBytes).toBeLessThan(2500 * 25);
		expect(outcome.finalStateBytes).toBeLessThan(1000);
	}, 240_000); // 70 polls reading 3 pages each; a timed-out case would run on beside the next

	it('a call every 2 minutes for 2 hours, some at second :00: each emitted once (was 1 of 60 twice)', async () => {
		const outcome = await simulate({
			minutes: 240,
			plan: (start) =>
				Array.from({ length: 60 }, (_, i) => ({
					startMs: start + (2 * i + 1) * MINUTE + ((i * 13) % 60) * 1000,
					durationMs: 40_000,
				})),
		});
		expect(counts(outcome)).toEqual(once);
	});

	it.each([
		[1, 55],
		[5, 35],
	])(
		'calls of 1–12 minutes at Look Back %i: each emitted once (was %i of 60 never)',
		async (lookBackMinutes) => {
			const outcome = await simulate({
				minutes: 200,
				parameters: { lookBackMinutes },
				plan: (start) =>
					Array.from({ length: 60 }, (_, i) => ({
						startMs: start + (2 * i + 1) * MINUTE + 17_000,
						durationMs: (1 + (i % 12)) * MINUTE,
					})),
			});
			expect(counts(outcome)).toEqual(once);
		},
	);

	it('Autodialer Call Results: 200 results that ended at hh:mm:00, each emitted once', async () => {
		const outcome = await simulate({
			minutes: 80,
			autodialer: true,
			plan: (start) =>
				Array.from({ length: 200 }, () => ({ startMs: start + 9 * MINUTE, durationMs: MINUTE })),
		});
		expect(counts(outcome)).toEqual(once);
	});

	it('rows UniTalk files outside the window it was asked for, or without a real date: each emitted once, with a note', async () => {
		const outcome = await simulate({
			minutes: 180,
			plan: (start) => [
				// Shown 2 hours before UniTalk files it (a clock or zone difference on its side).
				{ startMs: start + 2 * MINUTE, durationMs: MINUTE, listedAtMs: start + 2 * 60 * MINUTE },
				...[null, '2026-02-30 10:00:00', 'yesterday'].map((date, i) => ({
					startMs: start + (10 + i) * MINUTE,
					durationMs: MINUTE,
					over: { date },
					listedAtMs: start + (11 + i) * MINUTE,
				})),
			],
		});
		expect(counts(outcome)).toEqual(once);
		expect(outcome.items.map((item) => (item.problems as string[]).at(-1))).toEqual([
			expect.stringContaining('without a readable date (null)'),
			expect.stringContaining('without a readable date ("2026-02-30 10:00:00")'),
			expect.stringContaining('without a readable date ("yesterday")'),
			expect.stringContaining('outside the window asked for'),
		]);
	});

	it('a watermark that is not a number: reset like a first activation, said in the next execution (was: every poll failed)', async () => {
		const outcome = await simulate({
			minutes: 30,
			state: () => ({ watermark: 'yesterday', seen: {} }),
			plan: (start) =>
				Array.from({ length: 10 }, (_, i) => ({
					startMs: start + (2 * i + 5) * MINUTE,
					durationMs: MINUTE,
				})),
		});
		expect(outcome.errors).toEqual([]);
		expect(counts(outcome)).toEqual(once);
		expect(outcome.items[0].notice).toMatch(
			/saved state could not be read \(its watermark "yesterday" is not a time it wrote\): it started again from/,
		);
		expect(outcome.items.slice(1).every((item) => item.notice === undefined)).toBe(true);
	});

	it('a watermark 30 days old catches up in announced steps of 6 hours (was: 2,000 calls at once)', async () => {
		const DAY = 24 * 60 * MINUTE;
		const outcome = await simulate({
			minutes: 160,
			state: (start) => ({ watermark: start - 30 * DAY, seen: {} }),
			plan: (start) =>
				Array.from({ length: 2000 }, (_, i) => ({
					startMs: start - 30 * DAY + Math.floor((i * 30 * DAY) / 2000),
					durationMs: 0,
				})),
		});
		expect(counts(outcome)).toEqual(once);
		// 2,000 calls over 30 days: about 17 per 6-hour step; the last 100 or fewer are read at once.
		expect(outcome.largestExecution).toBeLessThanOrEqual(100);
		expect(outcome.notices[0]).toMatch(
			/^Catching up: this check read calls from .* hours behind now/,
		);
	}, 240_000);

	it("a project west of the credential's zone: no call lost, and the trigger says the zone is probably wrong", async () => {
		const outcome = await simulate({
			minutes: 240,
			projectZone: 'Europe/Warsaw', // UTC+1 in December, the credential's Kyiv is UTC+2
			plan: (start) =>
				Array.from({ length: 40 }, (_, i) => ({
					startMs: start + (5 * i + 1) * MINUTE + 17_000,
					durationMs: (20 + (i % 5) * 40) * 1000,
				})),
		});
		expect(counts(outcome)).toEqual(once);
		expect(outcome.notices.join(' ')).toMatch(/probably 1 hours west of it/);
	});

	it("a project east of the credential's zone: calls arrive on time after the first hourly check, and it says why", async () => {
		const outcome = await simulate({
			minutes: 240,
			projectZone: 'Asia/Dubai', // UTC+4, two hours east of Kyiv in December
			plan: (start) =>
				Array.from({ length: 40 }, (_, i) => ({
					startMs: start + (5 * i + 1) * MINUTE + 17_000,
					durationMs: MINUTE,
				})),
		});
		expect(counts(outcome)).toEqual(once);
		expect(outcome.late).toBeLessThanOrEqual(12); // the first hour's, before the hourly check
		expect(outcome.notices.join(' ')).toMatch(/probably 2 hours east of it/);
	});

	it('a page failing on every try: the error says the calls wait, and the first complete check emits each once', async () => {
		let failing = false;
		standIn.onRequest = (path) => {
			if (failing && path === '/history/get')
				standIn.inject({ path, reply: { status: 500, body: 'Internal error' }, times: 1 });
		};
		const outcome = await simulate({
			minutes: 40,
			beforePoll: (minute) => (failing = minute >= 10 && minute < 20),
			plan: (start) =>
				Array.from({ length: 30 }, (_, i) => ({
					startMs: start + i * MINUTE + 3_000,
					durationMs: 40_000,
				})),
		});
		standIn.onRequest = undefined;
		expect(outcome.errors).toHaveLength(10);
		expect(outcome.errors[0]).toMatch(
			/No call since .* has been emitted yet: they wait, none is skipped/,
		);
		expect(counts(outcome)).toEqual(once);
	});

	it('calls longer than every window: not emitted, but reported at the next hourly check (was: silently lost)', async () => {
		const outcome = await simulate({
			minutes: 200,
			plan: (start) => [
				{ startMs: start + 5 * MINUTE, durationMs: 10 * MINUTE },
				{ startMs: start + 6 * MINUTE, durationMs: 100 * MINUTE },
				{ startMs: start + 7 * MINUTE, durationMs: 110 * MINUTE },
				{ startMs: start + 190 * MINUTE, durationMs: 30_000 },
			],
		});
		expect(counts(outcome)).toEqual({ ...once, never: 2, reportedMissing: 1 });
		expect(outcome.emits).toEqual([1, 0, 0, 1]);
		expect(outcome.notices.join(' ')).toMatch(
			/call history has 2 more calls dated .* than the trigger read: written after every window had passed that hour/,
		);
	});

	it.each([false, true])(
		'quiet nights and a month-old watermark with n8n 2.x durable scheduler %s: no step stalls, each call once',
		async (savesOnlyWhenEmitting) => {
			const DAY = 24 * 60 * MINUTE;
			const outcome = await simulate({
				minutes: 8 * 60,
				savesOnlyWhenEmitting,
				state: (start) => ({ watermark: start - 30 * DAY, seen: {} }),
				plan: (start) => [
					// A month of calls, then 7 quiet hours (the state is not saved under 2.x's
					// durable scheduler: the last check ages past the catch-up step), then calls.
					...Array.from({ length: 1500 }, (_, i) => ({
						startMs: start - 30 * DAY + Math.floor((i * 30 * DAY) / 1500),
						durationMs: 0,
					})),
					...Array.from({ length: 10 }, (_, i) => ({
						startMs: start + (7 * 60 + 5 * i) * MINUTE + 9_000,
						durationMs: 30_000,
					})),
				],
			});
			expect(counts(outcome)).toEqual(once);
			expect(outcome.largestExecution).toBeLessThanOrEqual(100);
		},
		240_000,
	);
});
