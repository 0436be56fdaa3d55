// The Call History Trigger at real sizes and durations (#39): a backlog of recordings after an
// outage, a file host that hangs, a poll that outlasts its interval, state n8n never saved, calls
// longer than Wait for Recording. Polls run through n8n-core's PollContext the way each n8n line
// runs them (test/harness/poll.ts: PollRunner), against the stand-in.
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness, type PollRunner, SimulatedClock } from '../harness/poll';
import { credentialsFor, useStandIn } from '../helpers';

const MINUTE = 60_000;
const zone = 'Europe/Kyiv';
/**
 * n8n 2.x's durable scheduler, its timeout and budget scaled down (45 s and 36 s by default, in
 * pollBacklog.slow.test.ts) so that a backlog of 40 recordings at the key's pace outlasts a poll.
 */
const DURABLE: PollRunner = { durable: { budgetMs: 8_000, timeoutMs: 10_000 } };
const N8N1: PollRunner = { inMemory: true };

describe('Call History Trigger at real sizes and durations', () => {
	const standIn = useStandIn();
	let clock: SimulatedClock;
	let start = Date.UTC(2026, 11, 14, 8, 0, 0);
	// Real time within a poll (downloads and pacing take what they take), jumps between polls.
	beforeAll(() => (clock = new SimulatedClock(start, 1)));
	afterAll(() => clock.uninstall());
	afterEach(() => (start = Math.ceil((clock.now() + MINUTE) / 3600_000) * 3600_000));

	const poller = (runner: PollRunner, parameters: IDataObject = {}) =>
		new PollHarness(
			{ event: 'recordingReady', recordingWaitHours: 1, ...parameters },
			credentialsFor(standIn, { timeZone: zone }),
			runner,
		);
	const answeredCall = (minute: number, over: IDataObject = {}) =>
		standIn.state.addHistoryCall(formatInZone(new Date(start + minute * MINUTE), zone), {
			link: null,
			...over,
		});
	const downloads = () => standIn.requests.filter((r) => r.path.startsWith('/tracking/rec/'));

	async function pollMinutes(
		harness: PollHarness,
		from: number,
		to: number,
		each: (minute: number) => void = () => undefined,
	) {
		const emitted: IDataObject[] = [];
		const errors: string[] = [];
		for (let minute = from; minute <= to; minute++) {
			// A poll never starts before the last one ended (the clock only moves forward).
			clock.set(start + minute * MINUTE + 7);
			each(minute);
			const { items, error } = await harness.poll();
			if (error) errors.push(error.message);
			for (const item of items ?? [])
				emitted.push({ ...item.json, polledAt: minute, attached: !!item.binary });
		}
		return { emitted, errors };
	}

	const timesEach = (emitted: IDataObject[]) => {
		const byCall = new Map<unknown, number>();
		for (const item of emitted) byCall.set(item.dbId, (byCall.get(item.dbId) ?? 0) + 1);
		return byCall;
	};
	/** The calls emitted, in order, each once (or the repeats show up in the comparison). */
	const onceEach = (emitted: IDataObject[]) => {
		const times = timesEach(emitted);
		return [...times.keys()].flatMap((dbId) => Array(times.get(dbId)).fill(dbId));
	};
	const downloadsPerFile = () => {
		const perFile = new Map<string, number>();
		for (const { path } of downloads()) perFile.set(path, (perFile.get(path) ?? 0) + 1);
		return { files: perFile.size, most: Math.max(0, ...perFile.values()) };
	};

	it('n8n 2.x durable scheduler: a backlog of 40 recordings drains over several polls, each call once, each file downloaded once, no poll past its timeout', async () => {
		clock.set(start + 7);
		const harness = poller(DURABLE, { options: { attachRecording: true } });
		await harness.poll();
		const calls = Array.from({ length: 40 }, () => answeredCall(1));
		const { emitted, errors } = await pollMinutes(harness, 2, 8, (minute) => {
			if (minute === 3) for (const dbid of calls) standIn.state.addRecording(dbid);
		});
		expect(errors).toEqual([]);
		expect(onceEach(emitted)).toEqual(calls);
		expect(emitted.every((item) => item.attached)).toBe(true);
		expect(downloadsPerFile()).toEqual({ files: 40, most: 1 });
		expect(harness.runs.filter((run) => run.abandoned)).toEqual([]);
		expect(harness.runs.filter((run) => run.emitted > 0).length).toBeGreaterThan(1);
		expect(emitted.find((item) => item.polledAt === 3)?.notice).toMatch(
			/Backlog: \d+ more calls are ready and still to come/,
		);
		expect(emitted.at(-1)?.notice).toBeUndefined();
	}, 120_000);

	it('two workflows of one key draining one backlog, files that take a while: none is sent too late to finish, so each is downloaded once per workflow', async () => {
		clock.set(start + 7);
		const options = { attachRecording: true };
		const ready = poller(DURABLE, { options });
		const finished = poller(DURABLE, { event: 'finishedCalls', options });
		await Promise.all([ready.poll(), finished.poll()]);
		const calls = Array.from({ length: 30 }, () => answeredCall(1));
		for (const dbid of calls) standIn.state.addRecording(dbid);
		// Each file takes about 0.7 s: headers at once, then 7 bytes 100 ms apart.
		standIn.inject({
			path: '/tracking/rec/*',
			reply: { status: 200, body: '', stream: { bytes: 7, everyMs: 100 } },
			times: 1000,
		});
		const emitted: IDataObject[][] = [[], []];
		for (let minute = 2; minute <= 12; minute++) {
			clock.set(start + minute * MINUTE + 7);
			const runs = await Promise.all([ready.poll(), finished.poll()]);
			runs.forEach(({ items, error }, which) => {
				expect(error).toBeUndefined();
				for (const item of items ?? [])
					emitted[which].push({ ...item.json, attached: !!item.binary });
			});
		}
		for (const items of emitted) {
			expect(onceEach(items)).toEqual(calls);
			expect(items.every((item) => item.attached)).toBe(true);
		}
		expect(downloadsPerFile()).toEqual({ files: 30, most: 2 });
		expect([...ready.runs, ...finished.runs].filter((run) => run.abandoned)).toEqual([]);
	}, 180_000);

	it('a file host that hangs cannot push a poll past its budget: that call is emitted once without its file, the others with theirs', async () => {
		clock.set(start + 7);
		const harness = poller(DURABLE, { options: { attachRecording: true } });
		await harness.poll();
		const calls = Array.from({ length: 3 }, () => answeredCall(1));
		const hanging = standIn.state.addRecording(calls[0]);
		standIn.inject({
			path: new URL(hanging).pathname,
			reply: { status: 200, body: '', stream: { hang: true } },
			times: 5,
		});
		const { emitted } = await pollMinutes(harness, 2, 4, (minute) => {
			if (minute === 2) for (const dbid of calls.slice(1)) standIn.state.addRecording(dbid);
		});
		expect(onceEach(emitted)).toEqual(calls);
		expect(harness.runs.filter((run) => run.abandoned)).toEqual([]);
		expect(emitted[0].recording).toMatchObject({
			attached: false,
			reason: expect.stringContaining('Get Recording'),
		});
		expect(emitted.slice(1).every((item) => item.attached)).toBe(true);
	}, 120_000);

	it('n8n 1.x: a poll that starts while the last one still runs changes nothing and emits nothing', async () => {
		clock.set(start + 7);
		const harness = poller(N8N1, { options: { attachRecording: true } });
		await harness.poll();
		const calls = Array.from({ length: 40 }, () => answeredCall(1));
		clock.set(start + 3 * MINUTE);
		for (const dbid of calls) standIn.state.addRecording(dbid);
		const [first, second] = await Promise.all([harness.poll(), harness.poll()]);
		expect(second).toEqual({ items: null });
		const { emitted } = await pollMinutes(harness, 4, 6);
		const all = [...(first.items ?? []).map((item) => item.json), ...emitted];
		expect(onceEach(all)).toEqual(calls);
		expect(downloadsPerFile()).toEqual({ files: 40, most: 1 });
	}, 120_000);

	it('state n8n could not read, and n8n saves only polls that emit: calls from then on are emitted once, the user told once', async () => {
		clock.set(start + 7);
		const harness = poller(DURABLE, { event: 'finishedCalls', lookBackMinutes: 60 });
		harness.savedState = JSON.stringify({
			'node:UniTalk Call History Trigger': { watermark: 'yesterday', seen: [] },
		});
		const ended: number[] = [];
		const { emitted, errors } = await pollMinutes(harness, 0, 8, (minute) => {
			if (minute >= 2) ended.push(answeredCall(minute - 0.5));
		});
		expect(errors).toEqual([]);
		expect(emitted.map((item) => item.dbId)).toEqual(ended);
		expect(emitted.filter((item) => /could not be read/.test(String(item.notice)))).toHaveLength(1);
	}, 120_000);

	it('a call longer than Wait for Recording is counted in the next items’ notice, once', async () => {
		clock.set(start + 7);
		const harness = poller({}, {});
		await harness.poll();
		let long = 0;
		let later = 0;
		// The hourly check reads an hour once every window has passed it: minute 180 for the first.
		const { emitted } = await pollMinutes(harness, 1, 200, (minute) => {
			if (minute === 10) answeredCall(5, { link: 'x' }); // ordinary: recorded at once
			if (minute === 12) later = answeredCall(8); // read while it waits for its link…
			if (minute === 15) standIn.state.addRecording(later); // …then read with it
			// A call of 90 minutes that started at minute 6: written when it ended, with its link.
			if (minute === 96) long = answeredCall(6, { secondsFullTime: 5400, secondsTalk: 5390 });
			if (minute === 97) standIn.state.addRecording(long);
			if (minute === 190) standIn.state.addRecording(answeredCall(189));
		});
		const noticed = emitted.filter((item) =>
			/1 more call dated .* than the trigger read/.test(String(item.notice)),
		);
		expect(noticed.map((item) => item.polledAt)).toEqual([190]);
		expect(emitted.some((item) => item.dbId === long)).toBe(false);
	}, 240_000);
});
