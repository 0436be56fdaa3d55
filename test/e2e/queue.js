// `npm run test:e2e:queue`: the packed package in n8n's queue mode as users run it — Redis and
// PostgreSQL from Debian (installed when missing, started on free ports in a temporary folder),
// one main process, one webhook process and two workers sharing one user folder — against the
// UniTalk stand-in. Webhooks go to the webhook process; executions run on the workers.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const {
	crmEcho,
	endCall,
	RECORDING_FIELDS,
	historyReads,
	latencies,
	pollingWorkflow,
	polledIds,
	post,
	report,
	until,
	workflow,
} = require('./helpers');
const n8nTools = require('../../scripts/demo/n8n');
const { startStandIn } = require('../../scripts/demo/standin');
const {
	TARGETS,
	activate,
	cli,
	cliAsync,
	ensureN8n,
	freePort,
	packPackage,
	pickPorts,
	startServer,
} = n8nTools;
const { userFolderWith } = n8nTools;

const CRED = { id: 'e2eQueueCred001', name: 'UniTalk queue e2e' };
const SECRET = 'queue-route-secret';
const KEY = 'e2e-key';
/** The bulk runs on the workers, and the manual-style run `n8n execute` makes (#27). */
const BULK_ROWS = { a: 20, b: 20, cli: 30 };
/** Answered calls whose recordings the webhook process downloads at the same time. */
const RECORDED_CALLS = 10;
const results = [];
const children = [];

async function check(name, fn) {
	try {
		await fn();
		results.push(true);
		console.log(`  ✓ queue mode: ${name}`);
	} catch (error) {
		results.push(false);
		console.log(
			`  ✕ queue mode: ${name}\n    ${String(error.message).split('\n').slice(0, 6).join('\n    ')}`,
		);
	}
}
const expect = (condition, message) => {
	if (!condition) throw new Error(message);
};
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Debian's redis-server and postgresql, installed the first time on a machine without them. */
function ensureServices() {
	const pgBin = ['17', '16', '15']
		.map((v) => `/usr/lib/postgresql/${v}/bin`)
		.find((d) => existsSync(join(d, 'initdb')));
	if (spawnSync('which', ['redis-server']).status === 0 && pgBin) return pgBin;
	console.log('queue e2e: installing redis-server and postgresql from Debian (first run only)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server', 'postgresql'], {
		stdio: 'inherit',
		env,
	});
	return ensureServices();
}

/** Runs a PostgreSQL tool as the postgres user when we are root (PostgreSQL refuses root). */
function asPostgres(bin, args) {
	const command =
		process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
	const result = spawnSync(command[0], command[1], { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${bin} ${args.join(' ')}: ${result.stderr || result.stdout}`);
	return result.stdout;
}

async function startPostgres(pgBin, dir) {
	const data = join(dir, 'pg');
	mkdirSync(data, { recursive: true });
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']));
		const gid = Number(execFileSync('id', ['-g', 'postgres']));
		chownSync(dir, uid, gid);
		chownSync(data, uid, gid);
	}
	const port = await freePort();
	asPostgres(join(pgBin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8']);
	asPostgres(join(pgBin, 'pg_ctl'), [
		'-D',
		data,
		'-w',
		'-l',
		join(dir, 'pg.log'),
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
		'start',
	]);
	children.push({
		kill: () =>
			spawnSync(
				process.getuid?.() === 0 ? 'runuser' : join(pgBin, 'pg_ctl'),
				process.getuid?.() === 0
					? ['-u', 'postgres', '--', join(pgBin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop']
					: ['-D', data, '-m', 'fast', 'stop'],
			),
	});
	execFileSync('psql', [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'n8n',
		'-d',
		'postgres',
		'-c',
		'CREATE DATABASE n8n',
	]);
	return port;
}

async function startRedis(dir) {
	const port = await freePort();
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ stdio: 'ignore' },
	);
	children.push(child);
	for (
		let i = 0;
		i < 50 &&
		spawnSync('redis-cli', ['-p', String(port), 'ping'])
			.stdout?.toString()
			.trim() !== 'PONG';
		i++
	)
		await pause(100);
	return port;
}

const uniTalk = (name, parameters) => ({
	name,
	type: 'n8n-nodes-unitalk.uniTalk',
	parameters,
	credentials: { uniTalkApi: CRED },
});
const trigger = (webhookId, parameters) => ({
	name: 'UniTalk Trigger',
	type: 'n8n-nodes-unitalk.uniTalkTrigger',
	webhookId,
	parameters,
	credentials: { uniTalkApi: CRED },
});
const lookup = {
	name: 'Find Manager',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode:
			"return $input.all().map((item) => ({ json: { ...item.json, managerLine: item.json.customerNumber === '380505557182' ? '2048' : null } }));",
	},
};

function workflows(standIn) {
	// Reads that cannot be batched (one per row), then one report to the stand-in's CRM: it arrives
	// only if the UniTalk node answered every row (a failed read stops the execution).
	const bulk = (id, label, start) =>
		workflow(id, [
			start,
			{
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode: `return Array.from({ length: ${BULK_ROWS[label]} }, (_, row) => ({ json: { row } }));`,
				},
			},
			uniTalk('Statuses', { resource: 'user', operation: 'getStatuses', returnAll: true }),
			{
				name: 'Summary',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode: `return [{ json: { bulk: '${label}', rows: $('Rows').all().length, answers: $input.all().length } }];`,
				},
			},
			crmEcho('Report', standIn, '={{ JSON.stringify($json) }}'),
		]);
	const hook = (path) => ({
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: path,
		parameters: { httpMethod: 'POST', path, options: {} },
	});
	return [
		pollingWorkflow('e2eQueuePoll001', CRED, standIn),
		workflow('e2eQueueMissed1', [
			trigger('queue-missed', {
				mode: 'events',
				verification: 'apiKey',
				events: ['CALL_END'],
				filters: { onlyMissed: true },
			}),
			uniTalk('SMS', {
				resource: 'message',
				operation: 'send',
				messageType: 'SMS',
				to: '={{ $json.customerNumber }}',
				text: 'Sorry we missed your call',
			}),
		]),
		workflow('e2eQueueOnce001', [
			trigger('queue-once', {
				mode: 'events',
				verification: 'apiKey',
				events: ['CALL_END'],
				filters: { onlyMissed: true },
			}),
			uniTalk('SMS', {
				resource: 'message',
				operation: 'send',
				messageType: 'SMS',
				to: '={{ $json.customerNumber }}',
				text: 'Sorry we missed your call',
				sendOncePerKey: true,
				onceKey: '={{ $json.callId }}-missed-sms',
			}),
		]),
		workflow('e2eQueueRoute01', [
			trigger('queue-route', {
				mode: 'route',
				answer: 'workflow',
				routeVerification: 'query',
				secret: SECRET,
			}),
			lookup,
			uniTalk('Answer Route', {
				resource: 'callRouting',
				operation: 'answerRoute',
				operatorNumber: '={{ $json.managerLine }}',
			}),
		]),
		workflow('e2eQueueEarly01', [
			trigger('queue-early', {
				mode: 'route',
				answer: 'workflow',
				routeVerification: 'query',
				secret: SECRET,
			}),
			uniTalk('Answer Route', {
				resource: 'callRouting',
				operation: 'answerRoute',
				operatorNumber: '2050',
			}),
			{
				name: 'Slow CRM Write',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				parameters: { resume: 'timeInterval', amount: 3, unit: 'seconds' },
			},
		]),
		workflow('e2eQueueFixed01', [
			trigger('queue-fixed', {
				mode: 'route',
				answer: 'fixed',
				operatorNumber: '1000',
				ivrId: 487,
				routeVerification: 'query',
				secret: SECRET,
			}),
		]),
		workflow('e2eQueueCore001', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: 'queue-core-route',
				parameters: {
					httpMethod: 'POST',
					path: 'queue-core-route',
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				...lookup,
				parameters: {
					jsCode: lookup.parameters.jsCode.replaceAll(
						'item.json.customerNumber',
						'item.json.body.call.from',
					),
				},
			},
			{
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				parameters: {
					respondWith: 'json',
					responseBody:
						'={{ JSON.stringify({ operatorNumber: $json.managerLine, callerName: null, ivrId: null }) }}',
					options: {},
				},
			},
		]),
		bulk('e2eQueueBulkA01', 'a', hook('queue-bulk-a')),
		bulk('e2eQueueBulkB01', 'b', hook('queue-bulk-b')),
		bulk('e2eQueueBulkC01', 'cli', {
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			parameters: {},
		}),
		// The webhook process downloads each answered call's recording before the run starts.
		workflow('e2eQueueRecord1', [
			trigger('queue-recorded', {
				mode: 'events',
				verification: 'apiKey',
				events: ['CALL_END'],
				options: { attachRecording: true },
			}),
			crmEcho(
				'CRM',
				standIn,
				`={{ JSON.stringify({ recordedCallId: $json.callId, ${RECORDING_FIELDS} }) }}`,
			),
		]),
	];
}

async function main() {
	const started = Date.now();
	await pickPorts(); // even CLI commands open a task broker: never n8n's default ports
	const n8n = ensureN8n(TARGETS[TARGETS.length - 1]);
	const pgBin = ensureServices();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-unitalk-queue-'));
	const standIn = await startStandIn(KEY);
	children.push(standIn.child);
	let processes = [];
	try {
		const db = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(await startPostgres(pgBin, dir)),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		};
		const queue = {
			...db,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(await startRedis(dir)),
			N8N_ENCRYPTION_KEY: 'queue-e2e-encryption-key',
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			N8N_LOG_LEVEL: 'info',
		};
		// The package is installed in the one user folder every process reads (docs/queue-mode.md).
		const tgz = packPackage();
		const user = userFolderWith(tgz, join(dir, 'user'));
		const credFile = join(user, 'cred.json');
		writeFileSync(
			credFile,
			JSON.stringify([
				{
					...CRED,
					type: 'uniTalkApi',
					data: {
						apiKey: KEY,
						authScheme: 'plain',
						baseUrl: standIn.apiUrl, // the default Request Budget (25) on every process (#27)
					},
				},
			]),
		);
		const wfs = workflows(standIn);
		const wfFile = join(user, 'workflows.json');
		writeFileSync(wfFile, JSON.stringify(wfs));
		cli(n8n, user, ['import:credentials', `--input=${credFile}`], queue);
		cli(n8n, user, ['import:workflow', `--input=${wfFile}`], queue);
		for (const wf of wfs)
			if (!wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'))
				activate(n8n, user, wf.id, queue);

		const mainPort = await freePort();
		const hookPort = await freePort();
		const own = async () => ({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		processes = [
			['main', startServer(n8n, user, mainPort, ['start'], { ...queue, ...(await own()) })],
			['webhook', startServer(n8n, user, hookPort, ['webhook'], { ...queue, ...(await own()) })],
			[
				'worker 1',
				startServer(n8n, user, await freePort(), ['worker', '--concurrency=5'], {
					...queue,
					...(await own()),
				}),
			],
			[
				'worker 2',
				startServer(n8n, user, await freePort(), ['worker', '--concurrency=5'], {
					...queue,
					...(await own()),
				}),
			],
		];
		for (const [, p] of processes) children.push(p.child);
		const hooks = `http://127.0.0.1:${hookPort}/webhook`;
		await until(
			'the main process',
			async () => (await fetch(`http://127.0.0.1:${mainPort}/healthz`).catch(() => undefined))?.ok,
			120_000,
		);
		await until(
			'the webhook process',
			async () =>
				(
					await post(`${hooks}/queue-fixed/unitalk?key=${SECRET}`, {
						event: 'ROUTE',
						call: {},
					}).catch(() => ({ body: {} }))
				).body?.operatorNumber === '1000', // not n8n's 200 "starting up" page
			120_000,
		);
		await until(
			'two workers',
			async () =>
				processes
					.slice(2)
					.every(([, p]) => /Worker ready|n8n worker is now ready|ready for jobs/i.test(p.log())),
			60_000,
		).catch(() => undefined);
		const workerLogs = () =>
			processes
				.slice(2)
				.map(([, p]) => p.log())
				.join('\n');

		const missedCall = (id, from) => ({
			event: 'CALL_END',
			call: {
				id,
				dbid: id,
				from,
				to: [],
				direction: 'IN',
				outerNumber: '380442949168',
				date: '2024-05-01 10:00:00',
				secondsFullTime: 20,
				secondsTalk: 0,
				state: 'NOANSWER',
			},
		});
		const onceHooks = [
			`http://127.0.0.1:${mainPort}/webhook/queue-once/unitalk`,
			`${hooks}/queue-once/unitalk`,
		];
		const smsTo = async (to) =>
			(await report(standIn)).requests.filter(
				(q) => q.path === '/message/send' && q.body.to === to,
			);
		await check(
			'Send Once Per Key: one CALL_END posted to the main and the webhook process, then again → one SMS',
			async () => {
				const call = missedCall(5550100, '380505550100');
				for (const url of [...onceHooks, onceHooks[1]]) {
					const answer = await post(url, call, { Authorization: KEY });
					expect(answer.status === 200, `${url} answered ${answer.status}`);
					await pause(1500); // one after the other, as a load balancer's resend comes
				}
				await pause(1500);
				const sent = await smsTo('380505550100');
				expect(sent.length === 1, `SMS sent: ${sent.length}`);
			},
		);
		await check(
			'Send Once Per Key, measured: the same CALL_END to both processes at the same instant',
			async () => {
				const pairs = 10;
				for (let i = 0; i < pairs; i++) {
					const call = missedCall(5550200 + i, `38050555${String(200 + i).padStart(4, '0')}`);
					await Promise.all(onceHooks.map((url) => post(url, call, { Authorization: KEY })));
				}
				// The sends are paced: wait for them.
				const phoneOf = (i) => `38050555${String(200 + i).padStart(4, '0')}`;
				const all = Array.from({ length: pairs }, (_, i) => phoneOf(i));
				await until(
					'an SMS for every call',
					async () => (await Promise.all(all.map(smsTo))).every((sent) => sent.length > 0),
					90_000,
				).catch(() => undefined);
				await pause(3000);
				let twice = 0;
				let none = 0;
				for (let i = 0; i < pairs; i++) {
					const count = (await smsTo(`38050555${String(200 + i).padStart(4, '0')}`)).length;
					if (count > 1) twice++;
					if (count === 0) none++;
				}
				expect(none === 0, `${none} of ${pairs} calls got no SMS`);
				console.log(
					`    ${pairs} calls, each posted to both processes at once: ${twice} sent twice, ${pairs - twice} once (n8n's helper is not atomic)`,
				);
			},
		);
		await check(
			'a missed call through the webhook process → exactly one SMS, run on a worker',
			async () => {
				const call = {
					event: 'CALL_END',
					call: {
						id: 5550001,
						dbid: 1,
						from: '380505557182',
						to: [],
						direction: 'IN',
						outerNumber: '380442949168',
						date: '2024-05-01 10:00:00',
						secondsFullTime: 20,
						secondsTalk: 0,
						state: 'NOANSWER',
					},
				};
				const answer = await post(`${hooks}/queue-missed/unitalk`, call, { Authorization: KEY });
				expect(answer.status === 200, `answered ${answer.status} ${JSON.stringify(answer.body)}`);
				await until('the SMS', async () => (await smsTo('380505557182')).length > 0);
				await pause(1500);
				const sent = await smsTo('380505557182');
				expect(sent.length === 1 && sent[0].body.to === '380505557182', JSON.stringify(sent));
				expect(
					/Worker (started|finished) execution/.test(workerLogs()),
					'no worker logged the execution',
				);
			},
		);
		await check(
			'ROUTE answered from the workflow on a worker (Trigger → lookup → Answer Route)',
			async () => {
				const known = await post(`${hooks}/queue-route/unitalk?key=${SECRET}`, {
					event: 'ROUTE',
					call: { from: '380505557182' },
				});
				expect(known.status === 200 && known.body.operatorNumber === '2048', JSON.stringify(known));
				const unknown = await post(`${hooks}/queue-route/unitalk?key=${SECRET}`, {
					event: 'ROUTE',
					call: { from: '380500000000' },
				});
				expect(
					unknown.status === 200 && unknown.body.operatorNumber === null,
					JSON.stringify(unknown),
				);
			},
		);
		await check(
			'ROUTE: the answer leaves when Answer Route runs, not after the 3 s of work behind it',
			async () => {
				const early = await post(`${hooks}/queue-early/unitalk?key=${SECRET}`, {
					event: 'ROUTE',
					call: { from: '380505557182' },
				});
				expect(early.status === 200 && early.body.operatorNumber === '2050', JSON.stringify(early));
				expect(early.ms < 2500, `answered after ${early.ms.toFixed(0)} ms`);
			},
		);
		await check('ROUTE: "Fixed Answer at Once" answers from the webhook process', async () => {
			const fixed = await post(`${hooks}/queue-fixed/unitalk?key=${SECRET}`, {
				event: 'ROUTE',
				call: { from: '380505557182' },
			});
			expect(
				JSON.stringify(fixed.body) ===
					JSON.stringify({ operatorNumber: '1000', callerName: null, ivrId: 487 }),
				JSON.stringify(fixed),
			);
		});
		await check(
			'every process busy on one key at the default budget (main: n8n execute, two workers, the webhook process downloading recordings): 0 bans, every item answered',
			async () => {
				const start = await report(standIn);
				const reads = (r) =>
					r.requests.slice(start.requests.length).filter((q) => q.path === '/users/getStatus');
				const began = Date.now();
				// A manual run on the main's machine: `n8n execute` runs it in a process of its own.
				const manualRun = cliAsync(
					n8n,
					user,
					['execute', '--id=e2eQueueBulkC01', '--rawOutput'],
					queue,
				);
				await until(
					'the manual run sending',
					async () => reads(await report(standIn)).length > 0,
					120_000,
				);
				const calls = Array.from({ length: RECORDED_CALLS }, (_, i) => {
					const history = 1 + 3 * i; // an answered call of the stand-in's history (recorded)
					return {
						event: 'CALL_END',
						call: {
							id: 1_000_000 + history,
							dbid: history + 1,
							from: '380505557182',
							to: ['1000'],
							direction: 'IN',
							outerNumber: '380442949168',
							date: '2024-05-01 10:00:00',
							secondsFullTime: 40,
							secondsTalk: 30,
							state: 'ANSWER',
							link: `${standIn.url}/tracking/rec/${1_000_000 + history}/2024-01-01`,
						},
					};
				});
				await Promise.all([
					post(`${hooks}/queue-bulk-a`, {}),
					post(`${hooks}/queue-bulk-b`, {}),
					...calls.map((call) =>
						post(`${hooks}/queue-recorded/unitalk`, call, { Authorization: KEY }),
					),
				]);
				const bulkReports = (r) => r.echoes.slice(start.echoes.length).filter((e) => e.bulk);
				const recorded = (r) =>
					r.echoes.slice(start.echoes.length).filter((e) => e.recordedCallId !== undefined);
				await until(
					'the three bulk runs and every recording',
					async () => {
						const r = await report(standIn);
						return bulkReports(r).length >= 3 && recorded(r).length >= RECORDED_CALLS;
					},
					300_000,
				).catch(() => undefined);
				const seconds = (Date.now() - began) / 1000;
				const manual = await manualRun;
				const r = await report(standIn);
				const stats = {
					blocks: r.stats.blocks - start.stats.blocks,
					refused: r.stats.rejected - start.stats.rejected,
					banned: r.stats.banned,
				};
				const served = reads(r).filter((q) => q.status === 200).length;
				// When UniTalk refused, counted from the first read (s), and the rate from first to last read.
				const first = reads(r)[0]?.at ?? 0;
				const last = reads(r).at(-1)?.at ?? first;
				const refusals = r.requests
					.slice(start.requests.length)
					.filter((q) => q.status === 429)
					.map((q) => ((q.at - first) / 1000).toFixed(1));
				const rows = BULK_ROWS.a + BULK_ROWS.b + BULK_ROWS.cli;
				const ran = processes
					.slice(2)
					.filter(([, p]) => /Worker (started|finished) execution/.test(p.log())).length;
				console.log(
					`    ${rows} reads (${BULK_ROWS.cli} in n8n execute, ${BULK_ROWS.a} + ${BULK_ROWS.b} on ${ran} worker(s)) and ${RECORDED_CALLS} recordings through the webhook process, all at once at the default budget: ${reads(r).length} read requests, ${served} served, ${stats.refused} refused (at ${refusals.join(', ')} s), ${stats.blocks} block(s), banned: ${stats.banned}; ${((last - first) / 1000).toFixed(0)} s from the first read to the last (${((served / Math.max(1, last - first)) * 10_000).toFixed(1)} reads per 10 s), ${seconds.toFixed(0)} s with n8n execute's start`,
				);
				expect(!stats.banned, 'the key was banned');
				expect(manual.status === 0, `n8n execute failed: ${manual.stderr.slice(-500)}`);
				const reported = Object.fromEntries(bulkReports(r).map((e) => [e.bulk, e]));
				for (const [label, count] of Object.entries(BULK_ROWS))
					expect(
						reported[label]?.rows === count && reported[label].answers >= count,
						`bulk ${label}: ${JSON.stringify(reported[label] ?? 'no report (a read failed)')}`,
					);
				expect(served >= rows, `${served} of ${rows} reads served`);
				const attached = recorded(r).filter((e) => e.recording?.attached === true);
				expect(
					attached.length === RECORDED_CALLS,
					`${attached.length} of ${RECORDED_CALLS} recordings attached: ${JSON.stringify(recorded(r).find((e) => e.recording?.attached !== true) ?? {})}`,
				);
			},
		);
		await check(
			'Call History Trigger: one poll in queue mode, its executions on the workers, each call once',
			async () => {
				await until('the first check', async () => (await historyReads(standIn)) > 0, 80_000);
				const ids = [await endCall(standIn), await endCall(standIn), await endCall(standIn)];
				await until('3 calls emitted', async () => (await polledIds(standIn)).length >= 3, 80_000);
				const reads = await historyReads(standIn);
				await until('one more check', async () => (await historyReads(standIn)) > reads, 80_000);
				await pause(3000);
				const emitted = await polledIds(standIn);
				expect(
					JSON.stringify([...emitted].sort()) === JSON.stringify([...ids].sort()),
					`emitted ${JSON.stringify(emitted)} for calls ${JSON.stringify(ids)}`,
				);
			},
		);
		await check(
			'ROUTE latency: queue mode vs one process vs Webhook + Respond to Webhook in queue mode (p50 / p99, 100 each, in turns)',
			async () => {
				// The same ROUTE workflow in an ordinary single n8n process (SQLite), measured in the same turns.
				const single = userFolderWith(tgz, join(dir, 'single'));
				writeFileSync(join(single, 'cred.json'), readFileSync(credFile, 'utf8'));
				writeFileSync(
					join(single, 'workflows.json'),
					JSON.stringify(wfs.filter((w) => w.id === 'e2eQueueRoute01')),
				);
				cli(n8n, single, ['import:credentials', `--input=${join(single, 'cred.json')}`]);
				cli(n8n, single, ['import:workflow', `--input=${join(single, 'workflows.json')}`]);
				activate(n8n, single, 'e2eQueueRoute01');
				const singlePort = await freePort();
				const server = startServer(n8n, single, singlePort, ['start'], {
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				});
				children.push(server.child);
				processes.push(['one process', server]);
				const singleHook = `http://127.0.0.1:${singlePort}/webhook/queue-route/unitalk?key=${SECRET}`;
				await until(
					'the single n8n',
					async () =>
						(await post(singleHook, { event: 'ROUTE', call: {} }).catch(() => ({ body: {} }))).body
							?.operatorNumber === null,
					120_000,
				);
				console.log(`    ports: webhook process ${hookPort}, one process ${singlePort}`);
				const [ours, core, alone] = await latencies(
					[`${hooks}/queue-route/unitalk?key=${SECRET}`, `${hooks}/queue-core-route`, singleHook],
					{ count: 100, warmUp: 10 },
				);
				console.log(
					`    n8n ${n8n.version}, ROUTE answered by:\n      queue mode (webhook process + 2 workers), UniTalk Trigger → Code → Answer Route: ${ours}\n      queue mode, Webhook v2 → Code → Respond to Webhook:                            ${core}\n      one process, UniTalk Trigger → Code → Answer Route:                             ${alone}`,
				);
			},
		);
	} catch (error) {
		await check('the suite ran to the end', () => Promise.reject(error));
	} finally {
		if (results.includes(false))
			for (const [name, p] of processes)
				console.log(`--- ${name} log (last 1500 characters)\n${p.log().slice(-1500)}`);
		for (const child of children.reverse()) child.kill();
		await pause(500);
		rmSync(dir, { recursive: true, force: true });
	}
	const passed = results.filter(Boolean).length;
	console.log(`\nqueue e2e took ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`queue e2e: ${passed} passed, ${results.length - passed} failed`);
	if (passed !== results.length) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	for (const child of children) child.kill();
	process.exit(1);
});
