/**
 * `npm run bench`: request counts, blocks, bans and wall time for bulk workloads, run through
 * n8n's engine against the UniTalk stand-in, next to the same work done "one request per item,
 * all at once" (what n8n's HTTP Request node does). Prints a Markdown table for docs/performance.md.
 * `npm run bench -- --quick` skips the 500-request pacing run (about 3 minutes) and the backlog
 * (about 17 minutes); `-- --poll` prints only the Call History Trigger's requests per poll;
 * `-- --backlog 100,500,2000` only Recording Ready draining a backlog (test/bench/backlog.ts). `npm run bench -- --processes 1,2,4,8`: several
 * n8n processes sharing one key at its default budget against one stand-in (#27), see processes();
 * `-- --budget 6` gives every process that Request Budget instead. `-- --slow`: only the slow lane's
 * figures (#39), see slowLaneFigures().
 */
import '../setup';

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { accountOf } from '../../nodes/UniTalk/transport/account';
import { SLOW_LANE_SIZE } from '../../nodes/UniTalk/transport/limiter';
import { PollHarness } from '../harness/poll';
import { backlogFigures } from './backlog';
import { runUniTalk } from '../harness/run';
import { StandIn } from '../standin/server';

interface Row {
	workload: string;
	minimum: number;
	ours: { requests: number; blocks: number; banned: boolean; seconds: number };
	naive: { requests: number; blocks: number; banned: boolean; seconds: number };
}

const phone = (i: number) => `38097${String(1_000_000 + i).slice(-7)}`;

async function fresh(seed: (s: StandIn) => void = () => undefined): Promise<StandIn> {
	const standIn = await new StandIn().start();
	seed(standIn);
	return standIn;
}

async function ours(
	seed: (s: StandIn) => IDataObject,
	parameters: (ctx: IDataObject) => IDataObject,
	items: IDataObject[],
) {
	let ctx: IDataObject = {};
	const standIn = await fresh((s) => (ctx = seed(s)));
	const started = Date.now();
	const result = await runUniTalk({
		parameters: parameters(ctx),
		items,
		credentials: { apiKey: 'test-key', baseUrl: standIn.apiUrl, requestBudget: 25 },
	});
	if (result.error) throw result.error;
	const seconds = (Date.now() - started) / 1000;
	const stats = standIn.stats();
	await standIn.stop();
	return { requests: stats.requests, blocks: stats.blocks, banned: stats.banned, seconds, standIn };
}

/** One POST per item, all at once, no pacing: n8n's HTTP Request node on a spreadsheet. */
async function naive(
	seed: (s: StandIn) => IDataObject,
	request: (ctx: IDataObject, item: IDataObject) => { path: string; body?: IDataObject },
	items: IDataObject[],
) {
	let ctx: IDataObject = {};
	const standIn = await fresh((s) => (ctx = seed(s)));
	const started = Date.now();
	await Promise.all(
		items.map(async (item) => {
			const { path, body } = request(ctx, item);
			await axios
				.post(`${standIn.apiUrl}${path}`, body ?? {}, {
					headers: { Authorization: 'test-key' },
					validateStatus: () => true,
				})
				.catch(() => undefined);
		}),
	);
	const seconds = (Date.now() - started) / 1000;
	const stats = standIn.stats();
	await standIn.stop();
	return { requests: stats.requests, blocks: stats.blocks, banned: stats.banned, seconds };
}

function autodialer(s: StandIn): IDataObject {
	const id = s.state.newId();
	s.state.tasks.set(id, {
		id,
		name: 'Bench',
		autodialerType: 'AUTODIAL',
		autodialerMode: 'FIXED',
		status: 'WAITING',
		config: {},
		numbers: new Map([['380971234567', { phone: '380971234567', state: 'NEW' }]]),
		calls: [],
	});
	return { id };
}
const rl = (ctx: IDataObject) => ({ __rl: true, mode: 'id', value: String(ctx.id) });

async function main() {
	if (process.argv.includes('--worker')) return await worker();
	const many = process.argv.indexOf('--processes');
	if (many >= 0) {
		const counts = String(process.argv[many + 1] ?? '1,2,4,8')
			.split(',')
			.map(Number);
		const lines: string[] = [];
		// `--budget 6`: every process's credential sets that Request Budget (docs/queue-mode.md: 4 × 6 ≤ 25).
		const budget = process.argv.includes('--budget')
			? process.argv[process.argv.indexOf('--budget') + 1]
			: '';
		for (const n of counts) lines.push(await processes(n, budget));
		console.log(
			'\n| Processes | Reads | Requests | Refused | Blocks (stand-in) | Blocks seen per process (max) | Bans | Failed reads | Time | Reads per 10 s | Ideal time (30 per 10 s) | After the first block |',
		);
		console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const line of lines) console.log(line);
		return;
	}
	if (process.argv.includes('--poll')) return await pollFigures();
	const backlog = process.argv.indexOf('--backlog');
	if (backlog >= 0) return await backlogFigures(sizesAfter(backlog, [100, 500, 2000]));
	if (process.argv.includes('--slow')) return await slowLaneFigures();
	const quick = process.argv.includes('--quick');
	const rows: Row[] = [];
	for (const count of [300, 10_000]) {
		const items = Array.from({ length: count }, (_, i) => ({ phone: phone(i) }));
		rows.push({
			workload: `${count.toLocaleString('en')} rows → Autodial: Add Numbers`,
			minimum: 1,
			ours: await ours(
				autodialer,
				(c) => ({
					resource: 'autodial',
					operation: 'addNumbers',
					autodialerId: rl(c),
					phones: '={{ $json.phone }}',
				}),
				items,
			),
			naive: await naive(
				autodialer,
				(c, item) => ({
					path: '/autodial/action',
					body: { action: 'ADD_NUMBERS', id: c.id, numbers: [item.phone] },
				}),
				items,
			),
		});
	}
	const sms = Array.from({ length: 1000 }, (_, i) => ({ phone: phone(i), name: `Client ${i}` }));
	rows.push({
		workload: '1,000 rows → Message: Send (SMS)',
		minimum: 10,
		ours: await ours(
			() => ({}),
			() => ({
				resource: 'message',
				operation: 'send',
				messageType: 'SMS',
				to: '={{ $json.phone }}',
				text: '=Hello {{ $json.name }}',
			}),
			sms,
		),
		naive: await naive(
			() => ({}),
			(_c, item) => ({
				path: '/message/send',
				body: { messageType: 'SMS', to: item.phone, text: `Hello ${item.name}` },
			}),
			sms,
		),
	});
	const seedHistory = (s: StandIn) => (s.state.seedHistory(3500), {});
	rows.push({
		workload: '3,500-call history → History: Get Many (Return All)',
		minimum: 4,
		ours: await ours(
			seedHistory,
			() => ({
				resource: 'history',
				operation: 'getAll',
				dateFrom: '2024-01-01',
				dateTo: '2024-02-01',
				returnAll: true,
				simplify: false,
			}),
			[{}],
		),
		naive: await naive(
			seedHistory,
			(_c, item) => ({
				path: '/history/get',
				body: {
					dateFrom: '2024-01-01 00:00:00',
					dateTo: '2024-02-01 00:00:00',
					limit: 1000,
					offset: item.offset as number,
				},
			}),
			[0, 1000, 2000, 3000].map((offset) => ({ offset })),
		),
	});
	if (!quick) {
		const gets = Array.from({ length: 500 }, () => ({ phone: '380971234567' }));
		rows.push({
			workload: '500 rows → Autodial: Get Number (cannot be batched)',
			minimum: 500,
			ours: await ours(
				autodialer,
				(c) => ({
					resource: 'autodial',
					operation: 'getNumber',
					autodialerId: rl(c),
					phone: '={{ $json.phone }}',
				}),
				gets,
			),
			naive: await naive(
				autodialer,
				(c, item) => ({
					path: '/autodial/action',
					body: { action: 'GET_NUMBER', id: c.id, number: item.phone },
				}),
				gets,
			),
		});
	}
	print(rows);
	await failureFigures();
	await pollFigures();
	await slowLaneFigures();
	if (!quick) await backlogFigures([100, 500, 2000]);
}

/** "--flag 100,500" → [100, 500]; the defaults when no list follows the flag. */
function sizesAfter(flag: number, defaults: number[]): number[] {
	const list = String(process.argv[flag + 1] ?? '');
	return /^\d+(,\d+)*$/.test(list) ? list.split(',').map(Number) : defaults;
}

/**
 * #39: pending Voice Analytics (held by the stand-in) and the key's other requests: the slowest of
 * 10 reads (each its own execution, all at once) while N analyses are pending; then 12 analyses of
 * "a minute" each (6 s, scaled 1:10) in one execution, in scaled minutes.
 */
async function slowLaneFigures() {
	const lines: string[] = [];
	let nextCall = 0;
	for (const pending of [0, 5, 10, 20, 30]) {
		const standIn = await fresh();
		standIn.state.continueIdsFrom(1_000_000 * ++nextCall);
		const credentials = { apiKey: 'test-key', baseUrl: standIn.apiUrl, requestBudget: 25 };
		const analyses = standIn.state.analyses;
		analyses.hold = true;
		const analysing = Array.from({ length: pending }, async () => {
			const callId = String(standIn.endCall({}).id);
			return await runUniTalk({
				parameters: { resource: 'call', operation: 'voiceAnalytics', profileId: 123 },
				items: [{ callId }],
				credentials,
			});
		});
		while (analyses.pending < Math.min(pending, SLOW_LANE_SIZE))
			await new Promise((resolve) => setTimeout(resolve, 20));
		const times = await Promise.all(
			Array.from({ length: 10 }, async () => {
				const started = Date.now();
				const read = await runUniTalk({
					parameters: { resource: 'user', operation: 'getAll', returnAll: true },
					items: [{}],
					credentials,
				});
				if (read.error) throw read.error;
				return Date.now() - started;
			}),
		);
		const stillPending = analyses.pending;
		analyses.hold = false;
		analyses.release();
		await Promise.all(analysing);
		lines.push(
			`| ${pending} | ${stillPending} | ${Math.max(...times)} ms | ${standIn.stats().maxConcurrent} |`,
		);
		await standIn.stop();
	}
	console.log('\nVoice Analytics pending with the same key, and 10 reads of it at once (#39):');
	console.log(
		'| Pending analyses | Pending at UniTalk while reading | Slowest read | Most requests in flight at UniTalk |\n|---:|---:|---:|---:|',
	);
	for (const line of lines) console.log(line);

	const standIn = await fresh();
	standIn.state.continueIdsFrom(1_000_000 * ++nextCall);
	standIn.state.analyses.durationMs = 6_000; // "a minute", scaled 1:10 (pacing is not scaled)
	const items = Array.from({ length: 12 }, () => ({ callId: String(standIn.endCall({}).id) }));
	const started = Date.now();
	const result = await runUniTalk({
		parameters: { resource: 'call', operation: 'voiceAnalytics', profileId: 123 },
		items,
		credentials: { apiKey: 'test-key', baseUrl: standIn.apiUrl, requestBudget: 25 },
	});
	if (result.error) throw result.error;
	const scaledMinutes = ((Date.now() - started) * 10) / 60_000;
	console.log(
		`12 analyses of a minute in one execution: ${scaledMinutes.toFixed(1)} min (scaled 1:10; ${standIn.state.analyses.maxRunning} at once; one at a time took 12.1 min)`,
	);
	await standIn.stop();
}

/** The Call History Trigger: requests per poll against the minimum pages (1,000 calls per page). */
async function pollFigures() {
	const standIn = await fresh();
	const zone = 'Europe/Kyiv';
	const credentials = {
		apiKey: 'test-key',
		baseUrl: standIn.apiUrl,
		requestBudget: 25,
		timeZone: zone,
	};
	const trigger = new PollHarness({ lookBackMinutes: 60 }, credentials);
	await trigger.poll(); // the first activation: from now on
	const lines: string[] = [];
	let inWindow = 0; // every call so far is inside the 60-minute look-back window
	for (const count of [0, 1, 999, 1000, 2500]) {
		inWindow += count;
		for (let i = 0; i < count; i++)
			standIn.state.addHistoryCall(formatInZone(new Date(Date.now() - 60_000 + i), zone));
		const before = standIn.calls('/history/get').length;
		const started = Date.now();
		const { items } = await trigger.poll();
		const requests = standIn.calls('/history/get').length - before;
		const minimum = Math.max(1, Math.ceil(inWindow / 1000));
		lines.push(
			`| ${count.toLocaleString('en')} | ${items?.length ?? 0} | ${requests} | ${minimum} | ${((Date.now() - started) / 1000).toFixed(2)} s |`,
		);
	}
	console.log(
		'\nCall History Trigger, one poll after new calls (each poll also re-reads the look-back window):',
	);
	console.log(
		'| New calls | Emitted | Requests | Minimum (pages of the look-back window) | Time |\n|---|---:|---:|---:|---:|',
	);
	for (const line of lines) console.log(line);
	await standIn.stop();
	await busyAccountFigures();
}

/**
 * A busy account, 500 calls an hour for the last 4 hours, in both modes: the requests of one
 * ordinary poll (not the hourly check) after a minute of new calls and new recordings.
 */
async function busyAccountFigures() {
	const zone = 'Europe/Kyiv';
	const lines: string[] = [];
	for (const [mode, parameters] of [
		['Finished Calls (Look Back 60 min)', { lookBackMinutes: 60 }],
		['Recording Ready (Wait 3 h)', { event: 'recordingReady', recordingWaitHours: 3 }],
		['Recording Ready (Wait 6 h)', { event: 'recordingReady', recordingWaitHours: 6 }],
	] as const) {
		const standIn = await fresh();
		const credentials = {
			apiKey: 'test-key',
			baseUrl: standIn.apiUrl,
			requestBudget: 25,
			timeZone: zone,
		};
		const hourMs = 3600_000;
		const now = Date.now();
		const call = (ms: number, link: boolean) =>
			standIn.state.addHistoryCall(formatInZone(new Date(ms), zone), link ? {} : { link: null });
		const waiting: number[] = [];
		// 500 an hour, 7.2 s apart; the last 15 minutes' recordings are not there yet.
		for (let ms = now - 6 * hourMs; ms < now; ms += 7_200)
			(now - ms < 15 * 60_000 ? waiting : []).push(call(ms, now - ms >= 15 * 60_000));
		const trigger = new PollHarness(parameters, credentials);
		await trigger.poll(); // activation (and the first hourly check)
		for (let i = 0; i < 8; i++) waiting.push(call(now - 60_000 + i * 7_200, false));
		for (const dbid of waiting.slice(0, 8)) standIn.state.addRecording(dbid);
		const before = standIn.calls('/history/get').length;
		const { items } = await trigger.poll();
		const requests = standIn.calls('/history/get').length - before;
		lines.push(`| ${mode} | ${items?.length ?? 0} | ${requests} |`);
		await standIn.stop();
	}
	console.log('\nA busy account (500 calls an hour), one ordinary poll a minute later:');
	console.log('| Mode | Emitted | Requests |\n|---|---:|---:|');
	for (const line of lines) console.log(line);
}

/** The figures docs/errors.md quotes: duplicates under Retry On Fail, a million numbers. */
async function failureFigures() {
	const standIn = await fresh();
	const credentials = { apiKey: 'test-key', baseUrl: standIn.apiUrl, requestBudget: 25 };
	let bulk = 0;
	standIn.onRequest = (path) => {
		if (path === '/message/sendBulk' && ++bulk === 2)
			standIn.inject({ path, reply: { status: 502, body: 'Bad gateway' } });
	};
	const items = Array.from({ length: 250 }, (_, i) => ({ phone: phone(i) }));
	const parameters = {
		resource: 'message',
		operation: 'send',
		messageType: 'SMS',
		to: '={{ $json.phone }}',
		text: 'Hi',
	};
	await runUniTalk({ parameters, items, credentials, retryOnFail: { maxTries: 3 } });
	const recipients = [...standIn.state.messages.values()].map((m) => m.to);
	console.log(
		`\nRetry On Fail (3 tries), 250 SMS, 2nd bulk request answered 502: ${recipients.length} accepted, ${recipients.length - new Set(recipients).size} duplicates, ${standIn.calls('/message/sendBulk').length} bulk requests.`,
	);
	await standIn.stop();

	// The stand-in runs in its own process here, as UniTalk would: the stall measured is the node's
	// own (from the UniTalk node's start to its end), not the stand-in's parsing of 10 large bodies.
	const child = spawn(
		process.execPath,
		['-r', join(__dirname, 'register.js'), join(__dirname, '../standin/cli.ts'), '0', 'test-key'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const standalone = await new Promise<{ url: string; apiUrl: string; autodialerId: number }>(
		(resolve) => child.stdout.once('data', (line) => resolve(JSON.parse(String(line)))),
	);
	const numbers = Array.from({ length: 1_000_000 }, (_, i) => `3809${String(i).padStart(8, '0')}`);
	const delay = monitorEventLoopDelay({ resolution: 10 });
	const started = Date.now();
	let requests = 0;
	try {
		const result = await runUniTalk({
			parameters: {
				resource: 'autodial',
				operation: 'addNumbers',
				autodialerId: rl({ id: standalone.autodialerId }),
				phones: '={{ $json.phones }}',
			},
			items: [{ phones: numbers }],
			credentials: { ...credentials, baseUrl: standalone.apiUrl },
			onUniTalk: (phase) => (phase === 'start' ? delay.enable() : delay.disable()),
		});
		if (result.error) throw result.error;
		const report = await axios.post(`${standalone.url}/__standin/report`);
		requests = (report.data.requests as Array<{ action?: string }>).filter(
			(r) => r.action === 'ADD_NUMBERS',
		).length;
	} finally {
		child.kill();
	}
	console.log(
		`1,000,000 numbers in one item → Add Numbers: ${requests} requests, ${((Date.now() - started) / 1000).toFixed(1)} s in all, longest event-loop stall in the node ${(delay.max / 1e6).toFixed(0)} ms (stand-in in its own process).`,
	);
}

const READS_PER_PROCESS = 100;
const SHARED_KEY = 'test-key';

interface WorkerResult {
	failed: number;
	ok: number;
	seconds: number;
	blocks: number;
	pace: number;
	/** What this process had sent in the 10 s before its (latest) block. */
	sentBeforeBlock?: number;
	hints: string[];
}

/**
 * `--processes N` (#27): N OS processes, each running the UniTalk node through the harness with the
 * same key at the credential's default budget, 100 single reads each (Autodial: Get Number), all
 * started at one signal against ONE stand-in in its own process (UniTalk's limits, lengthening
 * blocks, the ban). Returns the table row; prints each process's block hint.
 */
async function processes(n: number, budget = ''): Promise<string> {
	const child = spawn(
		process.execPath,
		['-r', join(__dirname, 'register.js'), join(__dirname, '../standin/cli.ts'), '0', SHARED_KEY],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const standIn = await new Promise<{ url: string; apiUrl: string; autodialerId: number }>(
		(resolve) => child.stdout!.once('data', (line) => resolve(JSON.parse(String(line)))),
	);
	// The one number every read asks for (one request, before the processes start).
	await axios.post(
		`${standIn.apiUrl}/autodial/action`,
		{ action: 'ADD_NUMBERS', id: standIn.autodialerId, numbers: ['380971234567'] },
		{ headers: { Authorization: SHARED_KEY } },
	);
	await new Promise((resolve) => setTimeout(resolve, 10_500)); // that request leaves the window
	const workers: ChildProcess[] = [];
	const results: Array<Promise<WorkerResult>> = [];
	const ready: Array<Promise<void>> = [];
	for (let i = 0; i < n; i++) {
		const w = fork(__filename, ['--worker', standIn.apiUrl, String(standIn.autodialerId), budget], {
			execArgv: ['-r', join(__dirname, 'register.js')],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		workers.push(w);
		ready.push(new Promise((resolve) => w.once('message', () => resolve())));
		results.push(
			new Promise((resolve) => {
				w.on('message', (m: { result?: WorkerResult }) => m.result && resolve(m.result));
			}),
		);
	}
	await Promise.all(ready);
	const started = Date.now();
	for (const w of workers) w.send('go');
	const done = await Promise.all(results);
	const seconds = (Date.now() - started) / 1000;
	const report = (await axios.post(`${standIn.url}/__standin/report`)).data as {
		stats: { requests: number; blocks: number; rejected: number; banned: boolean };
		requests: Array<{ at: number; status: number; action?: string }>;
	};
	child.kill();
	const reads = report.requests.filter((r) => r.action === 'GET_NUMBER');
	// Throughput once the first block is over: served reads from the first one served after it.
	const firstRefused = reads.find((r) => r.status === 429);
	const resumed = firstRefused && reads.find((r) => r.at > firstRefused.at && r.status === 200);
	let after = '–';
	if (resumed) {
		const served = reads.filter((r) => r.at >= resumed.at && r.status === 200);
		const span = (served[served.length - 1].at - resumed.at) / 1000;
		const rate = ((served.length - 1) / span) * 10;
		after = `${rate.toFixed(1)} per 10 s (${Math.round((rate / 30) * 100)}%)`;
	}
	const failed = done.reduce((sum, r) => sum + r.failed, 0);
	const seen = Math.max(...done.map((r) => r.blocks));
	const ideal = (n * READS_PER_PROCESS) / 3;
	console.log(
		`\n${n} processes: ${reads.length} reads sent, ${report.stats.rejected} refused, ${report.stats.blocks} blocks, blocks seen per process ${done.map((r) => r.blocks).join(' ')}, sent before it ${done.map((r) => r.sentBeforeBlock ?? '–').join(' ')}, paces now ${done.map((r) => r.pace.toFixed(1)).join(' ')}, done after ${done.map((r) => r.seconds.toFixed(0)).join(' ')} s, ${seconds.toFixed(1)} s`,
	);
	for (const hint of new Set(done.flatMap((r) => r.hints))) console.log(`  hint: ${hint}`);
	return `| ${n} | ${n * READS_PER_PROCESS} | ${report.stats.requests - 1} | ${report.stats.rejected} | ${report.stats.blocks} | ${seen} | ${report.stats.banned ? 1 : 0} | ${failed} | ${seconds.toFixed(0)} s | ${((n * READS_PER_PROCESS * 10) / seconds).toFixed(1)} | ${ideal.toFixed(0)} s (${Math.round((ideal / seconds) * 100)}%) | ${after} |`;
}

/** One process of `--processes`: waits for the signal, then 100 reads with the shared key. */
async function worker() {
	const [apiUrl, id, budget] = process.argv.slice(process.argv.indexOf('--worker') + 1);
	// The default Request Budget unless `--budget` set one.
	const credentials = {
		apiKey: SHARED_KEY,
		baseUrl: apiUrl,
		...(budget ? { requestBudget: Number(budget) } : {}),
	};
	process.send!('ready');
	await new Promise((resolve) => process.once('message', resolve));
	const started = Date.now();
	const result = await runUniTalk({
		parameters: {
			resource: 'autodial',
			operation: 'getNumber',
			autodialerId: rl({ id: Number(id) }),
			phone: '={{ $json.phone }}',
		},
		items: Array.from({ length: READS_PER_PROCESS }, () => ({ phone: '380971234567' })),
		credentials,
		continueOnFail: true,
	});
	const failed = result.error
		? READS_PER_PROCESS
		: result.items.filter((item) => item.json.error !== undefined).length;
	const limiter = accountOf(credentials, '1').limiter;
	const task = result.run.data.resultData.runData.UniTalk?.[0];
	const hints = (task?.hints ?? []).map((h) => h.message).filter((m) => /blocked/.test(m));
	const message: WorkerResult = {
		failed,
		ok: result.items.length - failed,
		seconds: (Date.now() - started) / 1000,
		blocks: limiter.blocks,
		pace: limiter.pace(),
		sentBeforeBlock: limiter.lastBlock?.sent,
		hints,
	};
	await new Promise<void>((resolve) => process.send!({ result: message }, () => resolve()));
}

function print(rows: Row[]) {
	const ban = (b: boolean) => (b ? '**banned**' : 'no');
	console.log(
		'| Workload | Requests (ours) | Minimum | Blocks | Ban | Time | Requests (1 per item) | Blocks | Ban | Time |',
	);
	console.log('|---|---:|---:|---:|---|---:|---:|---:|---|---:|');
	for (const r of rows) {
		console.log(
			`| ${r.workload} | ${r.ours.requests} | ${r.minimum} | ${r.ours.blocks} | ${ban(r.ours.banned)} | ${r.ours.seconds.toFixed(1)} s | ${r.naive.requests} | ${r.naive.blocks} | ${ban(r.naive.banned)} | ${r.naive.seconds.toFixed(1)} s |`,
		);
	}
	const pacing = rows.find((r) => r.minimum === 500);
	if (pacing) {
		const rate = (pacing.ours.requests - 25) / (pacing.ours.seconds - 0.5);
		console.log(
			`\nPacing: ${rate.toFixed(2)} requests/s sustained against a ceiling of 2.50 (25 per 10 s): ${((rate / 2.5) * 100).toFixed(0)}% of the ceiling, 0 blocks.`,
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
