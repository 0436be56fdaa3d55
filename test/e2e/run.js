/**
 * `npm run test:e2e`: the built package inside a real n8n from the registry, loaded the way
 * Community Nodes installs it, against the UniTalk stand-in on 127.0.0.1. Runs the shipped examples.
 */
const { spawn, spawnSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const {
	TARGETS,
	activate,
	cli,
	ensureN8n,
	packPackage,
	pickPorts,
	startServer,
	userFolderWith,
} = require('../../scripts/demo/n8n');
const { createCallbackAutodialer, startStandIn } = require('../../scripts/demo/standin');
const { AUTODIAL_SPEED, callbackLoop } = require('./callbackLoop');
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
const { crmChecks, crmWorkflows, mutatedLeadSquared, startCrmStandIns } = require('./crm');

const ROOT = join(__dirname, '..', '..');
const CRED = { id: 'e2eCredUniTalk1', name: 'UniTalk e2e' };
const SECRET = 'e2e-route-secret';
const results = [];
/** Recordings that become ready at once in the backlog check (#39). */
const BACKLOG = 200;

let current = ''; // the n8n version under test, for the result lines
/** E2E_GREP=words runs only the checks whose name holds them (while working on one; CI runs all). */
const grep = process.env.E2E_GREP;
async function check(name, fn) {
	name = `n8n ${current}: ${name}`;
	if (grep && !name.includes(grep) && !/credential imports/.test(name)) return; // set-up: always
	try {
		await fn();
		results.push([name, true]);
		console.log(`  ✓ ${name}`);
	} catch (error) {
		results.push([name, false]);
		console.log(
			`  ✕ ${name}\n    ${String(error.message).split('\n').slice(0, 40).join('\n    ')}`,
		);
	}
}
function expect(condition, message) {
	if (!condition) throw new Error(message);
}

/** An example with the e2e credential, the stand-in's URLs and fixed ids filled in. */
function example(file, id, replace = {}) {
	let text = readFileSync(join(ROOT, 'examples', file), 'utf8')
		.replaceAll('REPLACE_WITH_YOUR_CREDENTIAL_ID', CRED.id)
		.replaceAll('UniTalk account', CRED.name);
	for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
	return { ...JSON.parse(text), id, active: false };
}
const uniTalk = (name, parameters) => ({
	name,
	type: 'n8n-nodes-unitalk.uniTalk',
	parameters,
	credentials: { uniTalkApi: CRED },
});
const manual = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };

function execute(n8n, user, id) {
	const out = cli(n8n, user, ['execute', `--id=${id}`, '--rawOutput']);
	return runOf(out);
}

/** The run `n8n execute --rawOutput` printed: its JSON, without log lines n8n may print after it. */
function runOf(out) {
	const start = out.indexOf('{');
	for (let end = out.lastIndexOf('}'); end > start; end = out.lastIndexOf('}', end - 1)) {
		try {
			return JSON.parse(out.slice(start, end + 1));
		} catch {
			// a log line after the JSON ends with '}' too: try the previous one
		}
	}
	throw new Error(`n8n execute printed no run:\n${out.slice(0, 500)}`);
}
const outputOf = (run, node) => run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];
const errorOf = (run) => JSON.stringify(run.data.resultData.error ?? {}).slice(0, 300);

/**
 * The same ROUTE answer built from n8n's core nodes, for the latency comparison. Webhook v1 is
 * there because n8n 2.x's live-webhook handler skips acquiring an expression isolate only for
 * Webhook v2+ with static parameters; every other trigger (v1, Stripe, ours) pays for one.
 */
function coreRouteWorkflow(version) {
	const route = readFileSync(join(ROOT, 'examples', 'route-to-manager.json'), 'utf8');
	const code = JSON.parse(route)
		.nodes.find((n) => n.type === 'n8n-nodes-base.code')
		.parameters.jsCode.replace('item.json.customerNumber', 'item.json.body.call.from');
	const path = `e2e-core-route-v${version}`;
	return workflow(`e2eCoreRouteV${version}`.padEnd(15, '0'), [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: version,
			webhookId: path,
			parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
		},
		{
			name: 'Find Manager',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: code },
		},
		{
			name: 'Respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			parameters: {
				respondWith: 'json',
				responseBody:
					'={{ JSON.stringify({ operatorNumber: $json.managerLine || null, callerName: null, ivrId: null }) }}',
				options: {},
			},
		},
	]);
}

async function main() {
	const started = Date.now();
	await pickPorts();
	const tgz = packPackage();
	const only = process.env.E2E_ONLY; // e.g. E2E_ONLY=2 runs only the 2.x target
	for (const target of TARGETS.filter((t) => !only || t.version.startsWith(only))) {
		current = target.version;
		const n8n = ensureN8n(target);
		const node = spawnSync(n8n.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
		console.log(
			`\ne2e: n8n ${n8n.version} ${n8n.cached ? '(cached)' : '(installed)'} on Node ${node}`,
		);
		await suite(n8n, userFolderWith(tgz));
	}
	if (!only || TARGETS[TARGETS.length - 1].version.startsWith(only)) await npmStartTwice();
	const passed = results.filter(([, ok]) => ok).length;
	console.log(`\ne2e took ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
	if (passed !== results.length) process.exitCode = 1;
}

/** `npm start` as the README runs it (#18 10), stopped with Ctrl-C: its output and its URL. */
async function npmStart() {
	const env = { ...process.env };
	delete env.UNITALK_API_KEY; // the stand-in, as on a first try
	const child = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], { cwd: ROOT, env });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		await until('npm start to say ready', () => / is ready in \d+ s/.test(output), 300_000);
	} finally {
		child.kill('SIGINT');
		await exited;
	}
	const port = Number(/http:\/\/127\.0\.0\.1:(\d+)\n/.exec(output)?.[1]);
	return { output, port };
}

/** Two starts in a row: the same URL both times, and nothing on screen but our own lines. */
async function npmStartTwice() {
	current = `${TARGETS[TARGETS.length - 1].version} (npm start)`;
	await check(
		'npm start twice: the same port, 5678 or the first free one after it, quietly',
		async () => {
			const first = await npmStart();
			const second = await npmStart();
			expect(first.port >= 5678 && first.port < 5728, `port ${first.port}:\n${first.output}`);
			expect(second.port === first.port, `port ${first.port}, then ${second.port}`);
			// #32 4: the stand-in keeps its port too, so a credential made against it keeps working.
			const standIn = (output) => /a UniTalk stand-in at (http:\/\/\S+?\/api)/.exec(output)?.[1];
			expect(
				standIn(first.output) && standIn(second.output) === standIn(first.output),
				`stand-in at ${standIn(first.output)}, then ${standIn(second.output)}`,
			);
			for (const { output } of [first, second]) {
				expect(!/npm warn/i.test(output), `npm warnings on screen:\n${output}`);
				expect(!/^e2e:/m.test(output), `progress labelled e2e:\n${output}`);
				expect(/login: demo@unitalk\.test/.test(output), `no login shown:\n${output}`);
			}
			console.log(
				`    npm start: port ${first.port} both times, the stand-in at ${standIn(first.output)} both times`,
			);
		},
	);
}

/**
 * In 2.x the single-process suite runs n8n's durable scheduler with durable poll cursors (all three
 * flags are needed, docs/call-history-trigger.md); the queue-mode suite keeps 2.x's default poller,
 * and 1.x has only its own.
 */
function durablePolling(n8n) {
	return n8n.major >= 2
		? {
				N8N_SCHEDULER_ENABLED: 'true',
				N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
				N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
			}
		: {};
}

/** Every check, in one n8n release, against a fresh stand-in. */
async function suite(n8n, user) {
	// Its autodialers dial (those with working hours: the callback one), 600 times faster than real time.
	const standIn = await startStandIn('e2e-key', 0, undefined, { autodialSpeed: AUTODIAL_SPEED });
	const callbackAutodialerId = await createCallbackAutodialer(standIn, 'e2e-key');
	const crm = await startCrmStandIns();
	let server;
	try {
		await check(
			'n8n export:nodes lists UniTalk, UniTalk Trigger (and the AI tool variant)',
			async () => {
				const file = join(user, 'nodes.json');
				cli(n8n, user, ['export:nodes', `--output=${file}`]);
				const names = JSON.parse(readFileSync(file, 'utf8')).map((n) => n.name);
				for (const name of [
					'n8n-nodes-unitalk.uniTalk',
					'n8n-nodes-unitalk.uniTalkTrigger',
					'n8n-nodes-unitalk.uniTalkTool',
				])
					expect(names.includes(name), `${name} missing`);
			},
		);
		const credFile = join(user, 'cred.json');
		writeFileSync(
			credFile,
			JSON.stringify([
				{
					...CRED,
					type: 'uniTalkApi',
					data: {
						apiKey: 'e2e-key',
						authScheme: 'plain',
						baseUrl: standIn.apiUrl,
						requestBudget: 25,
					},
				},
			]),
		);
		await check('the UniTalk API credential imports', async () =>
			expect(
				/Successfully imported 1 credential/.test(
					cli(n8n, user, ['import:credentials', `--input=${credFile}`]),
				),
				'not imported',
			),
		);

		const crmUrl = `${standIn.url}/__standin/echo`;
		// An answered call of the stand-in's history, whose recording it serves (an ID3 file).
		const recordingLink = `${standIn.url}/tracking/rec/1000001/2024-01-01`;
		const workflows = [
			example('campaign-from-rows.json', 'e2eCampaign0001', {
				'"value": "1307"': `"value": "${standIn.autodialerId}"`,
			}),
			example('missed-call-callback.json', 'e2eCallbackLoop1', {
				CHOOSE_A_CALLBACK_AUTODIALER: String(callbackAutodialerId),
				'"groupId": "CHOOSE_A_GROUP"': '"groupId": "300"',
				'https://crm.example.com/api/calls': crmUrl,
			}),
			// `n8n execute` starts from a Manual Trigger, so the schedule is swapped for one here.
			example('nightly-history-export.json', 'e2eHistory00001', {
				'"n8n-nodes-base.scheduleTrigger"': '"n8n-nodes-base.manualTrigger"',
				'"typeVersion": 1.2': '"typeVersion": 1',
			}),
			workflow('e2eSendSms00001', [
				manual,
				uniTalk('SMS', {
					resource: 'message',
					operation: 'send',
					messageType: 'SMS',
					to: '+380 97 123 45 67',
					text: 'Hello from n8n',
				}),
			]),
			workflow('e2eOncePerKey01', [
				manual,
				{
					name: 'Missed Call',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: {
						jsCode: "return [{ json: { callId: 'e2e-once-1', customerNumber: '380971230001' } }];",
					},
				},
				uniTalk('SMS', {
					resource: 'message',
					operation: 'send',
					messageType: 'SMS',
					text: 'Sorry we missed your call',
					sendOncePerKey: true,
					onceKey: '={{ $json.callId }}-missed-sms',
				}),
			]),
			workflow('e2eGetRecord001', [
				manual,
				uniTalk('Get Recording', {
					resource: 'call',
					operation: 'getRecording',
					recordingUrl: recordingLink,
				}),
			]),
			workflow('e2eAttachRec001', [
				{
					name: 'Call Ended',
					type: 'n8n-nodes-unitalk.uniTalkTrigger',
					webhookId: 'e2e-attach-recording',
					parameters: { events: ['CALL_END'], options: { attachRecording: true } },
					credentials: { uniTalkApi: CRED },
				},
				crmEcho(
					'CRM',
					standIn,
					`={{ JSON.stringify({ attachedCallId: $json.callId, ${RECORDING_FIELDS} }) }}`,
				),
			]),
			pollingWorkflow('e2ePollHistory1', CRED, standIn, { attachRecording: true }),
			// Recording Ready (#28): an answered call starts it once, when its recording appears.
			workflow('e2eRecordReady1', [
				{
					name: 'Recording Ready',
					type: 'n8n-nodes-unitalk.uniTalkCallHistoryTrigger',
					parameters: {
						event: 'recordingReady',
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						options: { attachRecording: true },
					},
					credentials: { uniTalkApi: CRED },
				},
				crmEcho(
					'CRM',
					standIn,
					`={{ JSON.stringify({ readyDbId: $json.dbId, readyEvent: $json.event, ${RECORDING_FIELDS} }) }}`,
				),
			]),
			workflow('e2eDocError0001', [
				manual,
				uniTalk('Get Number', {
					resource: 'autodial',
					operation: 'getNumber',
					autodialerId: { __rl: true, mode: 'id', value: '999999' },
					phone: '380971234567',
				}),
			]),
			example('missed-call-sms.json', 'e2eMissedSms001'),
			example('call-to-crm.json', 'e2eCallToCrm001', {
				'https://crm.example.com/api/calls': crmUrl,
			}),
			example('route-to-manager.json', 'e2eRoute0000001', { CHANGE_ME: SECRET }),
			...crmWorkflows(example, crm, SECRET),
			mutatedLeadSquared(example, crm, SECRET),
			coreRouteWorkflow(2),
			coreRouteWorkflow(1),
			// #39: analyses that take long, started by a webhook (answered at once), in one execution…
			workflow('e2eAnalyses0001', [
				{
					name: 'Calls',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: 'e2e-analyses',
					parameters: { httpMethod: 'POST', path: 'e2e-analyses', responseMode: 'onReceived' },
				},
				{
					name: 'One Item per Call',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: {
						jsCode: 'return $json.body.callIds.map((callId) => ({ json: { callId } }));',
					},
				},
				uniTalk('Voice Analytics', {
					resource: 'call',
					operation: 'voiceAnalytics',
					profileId: 123,
				}),
				crmEcho('CRM', standIn, '={{ JSON.stringify({ analysedCallId: $json.callId }) }}'),
			]),
			// …and a read of the same key in the same n8n process, answered when it is done.
			workflow('e2eQuickRead001', [
				{
					name: 'Read',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: 'e2e-quick-read',
					parameters: { httpMethod: 'POST', path: 'e2e-quick-read', responseMode: 'lastNode' },
				},
				uniTalk('Users', { resource: 'user', operation: 'getAll', returnAll: true }),
			]),
			// ROUTE answered, then 3 s of further work: UniTalk must not wait for it.
			workflow('e2eRouteEarly01', [
				{
					name: 'Route',
					type: 'n8n-nodes-unitalk.uniTalkTrigger',
					webhookId: 'e2e-route-early',
					parameters: {
						mode: 'route',
						answer: 'workflow',
						routeVerification: 'query',
						secret: SECRET,
					},
				},
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
			workflow('e2eRouteFixed01', [
				{
					name: 'Route',
					type: 'n8n-nodes-unitalk.uniTalkTrigger',
					webhookId: 'e2e-route-fixed',
					parameters: {
						mode: 'route',
						answer: 'fixed',
						operatorNumber: '1000',
						ivrId: 487,
						routeVerification: 'query',
						secret: SECRET,
					},
				},
			]),
		];
		const wfFile = join(user, 'workflows.json');
		writeFileSync(wfFile, JSON.stringify(workflows));
		cli(n8n, user, ['import:workflow', `--input=${wfFile}`]);

		await check(
			'example "campaign-from-rows": 300 rows → Add Numbers in 1 request, 0 blocks',
			async () => {
				const run = execute(n8n, user, 'e2eCampaign0001');
				expect(run.status === 'success', `status ${run.status}`);
				expect(outputOf(run, 'Add to Autodialer').length === 300, 'not 300 output items');
				const r = await report(standIn);
				const adds = r.requests.filter((q) => q.action === 'ADD_NUMBERS');
				expect(
					adds.length === 1 && adds[0].size === 300,
					`ADD_NUMBERS requests: ${JSON.stringify(adds)}`,
				);
				expect(r.stats.blocks === 0 && !r.stats.banned, JSON.stringify(r.stats));
			},
		);
		await check('example "nightly-history-export": History Return All runs', async () => {
			const before = (await report(standIn)).requests.length;
			const run = execute(n8n, user, 'e2eHistory00001');
			expect(
				run.status === 'success',
				`status ${run.status}: ${JSON.stringify(run.data.resultData.error ?? {}).slice(0, 300)}`,
			);
			const pages = (await report(standIn)).requests
				.slice(before)
				.filter((q) => q.path === '/history/get');
			expect(pages.length >= 1, 'no history request');
		});
		await check('Message → Send sends exactly one SMS', async () => {
			const run = execute(n8n, user, 'e2eSendSms00001');
			expect(outputOf(run, 'SMS')[0]?.json?.sent === true, JSON.stringify(outputOf(run, 'SMS')));
			const sent = (await report(standIn)).requests.filter((q) => q.path === '/message/send');
			expect(sent.length === 1 && sent[0].body.to === '380971234567', JSON.stringify(sent));
		});
		await check('Call → Get Recording returns the recording as binary data', async () => {
			const run = execute(n8n, user, 'e2eGetRecord001');
			expect(run.status === 'success', `status ${run.status}: ${errorOf(run)}`);
			const [item] = outputOf(run, 'Get Recording');
			const file = item?.binary?.data;
			expect(
				file?.mimeType === 'audio/mpeg' &&
					file?.fileName === '1000001.mp3' &&
					item.json.size === 1024,
				`output: ${JSON.stringify(item).slice(0, 400)}`,
			);
			const downloads = (await report(standIn)).requests.filter((q) =>
				q.path.startsWith('/tracking/rec/1000001/'),
			);
			expect(downloads.length === 1 && downloads[0].status === 200, JSON.stringify(downloads));
		});
		await check(
			'Send Once Per Key: the same key in a second execution (another n8n process) is skipped, one SMS',
			async () => {
				const first = outputOf(execute(n8n, user, 'e2eOncePerKey01'), 'SMS')[0]?.json;
				const second = outputOf(execute(n8n, user, 'e2eOncePerKey01'), 'SMS')[0]?.json;
				expect(first?.sent === true, `first run: ${JSON.stringify(first)}`);
				expect(
					second?.skipped === true && second?.key === 'e2e-once-1-missed-sms',
					`second run: ${JSON.stringify(second)}`,
				);
				const sent = (await report(standIn)).requests.filter(
					(q) => q.path === '/message/send' && q.body.to === '380971230001',
				);
				expect(sent.length === 1, `SMS sent: ${sent.length}`);
			},
		);
		await check(
			"a documented UniTalk error surfaces as an n8n error (execution fails with UniTalk's message)",
			async () => {
				let failure = '';
				try {
					execute(n8n, user, 'e2eDocError0001');
				} catch (error) {
					failure = error.message;
				}
				expect(
					/NodeApiError: UniTalk: No autodialer with this ID \("Task not found"\)/.test(failure),
					`no UniTalk error: ${failure.slice(0, 300)}`,
				);
			},
		);

		// Everything with a webhook is activated; the rest runs through `n8n execute` above.
		const polling = (n) => n.type === 'n8n-nodes-unitalk.uniTalkCallHistoryTrigger';
		for (const wf of workflows.filter((w) => w.nodes.some((n) => n.webhookId || polling(n))))
			activate(n8n, user, wf.id);
		const { main: port } = await pickPorts();
		server = startServer(n8n, user, port, ['start'], durablePolling(n8n));
		const base = `http://127.0.0.1:${port}`;
		await until(
			'n8n to start',
			async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok,
			90_000,
		);
		// Only the trigger's own answer to a wrong key (403) proves the webhooks are live: while n8n
		// 2.x starts, every path answers 200 "n8n is starting up".
		await until(
			'webhooks to register',
			async () =>
				(
					await post(
						`${base}/webhook/7a0e4a8e-2c3b-4c59-8d0b-5f6b8a1e2d02/unitalk`,
						{},
						{ Authorization: 'nope' },
					)
				).status === 403,
			60_000,
		);
		// The demo's call bodies (UniTalk's samples) and the e2e's own refused bodies.
		const fixtures = {
			...require('../../scripts/demo/bodies.json'),
			...require('./bodies.json'),
		};
		const callHook = `${base}/webhook/7a0e4a8e-2c3b-4c59-8d0b-5f6b8a1e2d02/unitalk`;
		const smsHook = `${base}/webhook/3f1c9a52-5e0b-4f8e-9c51-0b7d2c1a6e01/unitalk`;
		const routeHook = `${base}/webhook/c2b7f7a4-1d7e-4a55-9a1a-6c0d3e9b4f03/unitalk`;

		await check(
			'example "call-to-crm": CALL_END in both body styles → the same CRM record; a repeated delivery starts nothing',
			async () => {
				// Two calls (the trigger drops a repeat of the same call's event), told in the two body styles.
				const specifiedOther = {
					...fixtures.specifiedEnd,
					call: { ...fixtures.specifiedEnd.call, id: '1091945' },
				};
				for (const body of [fixtures.standardEnd, specifiedOther]) {
					const answer = await post(callHook, body, { Authorization: 'e2e-key' });
					expect(
						answer.status === 200 && answer.body.message === 'Received',
						`UniTalk was answered ${JSON.stringify(answer)}`,
					);
				}
				const repeat = await post(callHook, fixtures.standardEnd, { Authorization: 'e2e-key' });
				expect(
					repeat.status === 200 && /repeat/.test(repeat.body.message),
					`a repeat was answered ${JSON.stringify(repeat)}`,
				);
				await until('two CRM records', async () => (await report(standIn)).echoes.length >= 2);
				await new Promise((r) => setTimeout(r, 1500));
				const echoes = (await report(standIn)).echoes;
				expect(echoes.length === 2, `${echoes.length} CRM records`);
				const [{ externalId: idA, ...a }, { externalId: idB, ...b }] = echoes;
				expect(idA === '1091944' && idB === '1091945', `${idA} ${idB}`);
				expect(
					JSON.stringify(a) === JSON.stringify(b),
					`${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
				);
				expect(
					a.phone === '380505557182' && a.durationSeconds === 19 && a.status === 'answered',
					JSON.stringify(a),
				);
			},
		);
		await check(
			"forged key → 403, missing key → 401, no execution; invalid JSON → n8n's own 422",
			async () => {
				const before = (await report(standIn)).echoes.length;
				expect(
					(await post(callHook, fixtures.standardEnd, { Authorization: 'forged' })).status === 403,
					'forged not 403',
				);
				expect((await post(callHook, fixtures.standardEnd)).status === 401, 'missing not 401');
				const invalid = await post(callHook, '{"event": "CALL_END", "call": {,}', {
					Authorization: 'e2e-key',
				});
				expect(
					invalid.status === 422,
					`invalid JSON → ${invalid.status} (docs/uniTalk-trigger.md says n8n answers 422)`,
				);
				await new Promise((r) => setTimeout(r, 1500));
				expect((await report(standIn)).echoes.length === before, 'an execution ran');
			},
		);
		await check(
			'"call-to-crm" (Events = CALL_END): bodies that name no call event, or hold an object where text goes, → 400 with the reason, no execution (#39)',
			async () => {
				const before = (await report(standIn)).echoes.length;
				for (const refused of fixtures.notCallEvents) {
					// A 10,000-deep list is written as text: building it as an object would be recursion.
					const text = JSON.stringify(refused.body).replace(
						'"NESTED"',
						`${'['.repeat(refused.nestDepth ?? 0)}"2000"${']'.repeat(refused.nestDepth ?? 0)}`,
					);
					const answer = await post(callHook, text, { Authorization: 'e2e-key' });
					expect(
						answer.status === refused.status &&
							String(answer.body?.message).includes(refused.reason),
						`${refused.name} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
					);
				}
				await new Promise((r) => setTimeout(r, 1500));
				const after = (await report(standIn)).echoes.length;
				expect(after === before, `${after - before} executions ran for refused bodies`);
			},
		);
		await check(
			'example "missed-call-sms": one SMS to the caller of a missed call, none for an answered one',
			async () => {
				const before = (await report(standIn)).requests.filter(
					(q) => q.path === '/message/send',
				).length;
				await post(smsHook, fixtures.standardEnd, { Authorization: 'e2e-key' });
				await post(smsHook, fixtures.missedEnd, { Authorization: 'e2e-key' });
				await until(
					'the SMS',
					async () =>
						(await report(standIn)).requests.filter((q) => q.path === '/message/send').length >
						before,
				);
				await new Promise((r) => setTimeout(r, 1500));
				const sent = (await report(standIn)).requests
					.filter((q) => q.path === '/message/send')
					.slice(before);
				expect(sent.length === 1 && sent[0].body.to === '380505557182', JSON.stringify(sent));
			},
		);
		await check(
			'UniTalk Trigger → Attach Recording: an answered CALL_END starts the workflow with its recording',
			async () => {
				const body = {
					...fixtures.standardEnd,
					call: { ...fixtures.standardEnd.call, id: 1091990, link: recordingLink },
				};
				const answer = await post(`${base}/webhook/e2e-attach-recording/unitalk`, body, {
					Authorization: 'e2e-key',
				});
				expect(answer.status === 200, `UniTalk was answered ${JSON.stringify(answer)}`);
				const attached = async () =>
					(await report(standIn)).echoes.find((e) => String(e.attachedCallId) === '1091990');
				await until('the CRM record with the recording', attached);
				const echo = await attached();
				expect(
					echo.recording?.attached === true &&
						echo.recording.size === 1024 &&
						echo.recordingMime === 'audio/mpeg',
					JSON.stringify(echo),
				);
			},
		);
		await check('example "route-to-manager": ROUTE answered from the workflow', async () => {
			const known = await post(`${routeHook}?key=${SECRET}`, {
				event: 'ROUTE',
				call: { from: '380505557182', outerNumber: '380442949168' },
			});
			expect(known.status === 200 && known.body.operatorNumber === '2048', JSON.stringify(known));
			const unknown = await post(`${routeHook}?key=${SECRET}`, {
				event: 'ROUTE',
				call: { from: '380500000000' },
			});
			expect(
				unknown.status === 200 && unknown.body.operatorNumber === null,
				JSON.stringify(unknown),
			);
			expect(
				(await post(`${routeHook}?key=wrong`, { event: 'ROUTE', call: {} })).status === 403,
				'wrong key not 403',
			);
		});
		await crmChecks({
			check,
			expect,
			base,
			crm,
			standIn,
			routeSecret: SECRET,
			recordingLink,
			fixtures,
		});
		await check(
			'ROUTE: the answer leaves when Answer Route runs, not after the 3 s of work behind it',
			async () => {
				const early = await post(`${base}/webhook/e2e-route-early/unitalk?key=${SECRET}`, {
					event: 'ROUTE',
					call: { from: '380505557182' },
				});
				expect(early.status === 200 && early.body.operatorNumber === '2050', JSON.stringify(early));
				expect(early.ms < 1500, `answered after ${early.ms.toFixed(0)} ms`);
			},
		);
		await check('ROUTE: "Fixed Answer at Once" answers with the fixed values', async () => {
			const fixed = await post(`${base}/webhook/e2e-route-fixed/unitalk?key=${SECRET}`, {
				event: 'ROUTE',
				call: { from: '380505557182' },
			});
			expect(
				fixed.status === 200 &&
					JSON.stringify(fixed.body) ===
						JSON.stringify({ operatorNumber: '1000', callerName: null, ivrId: 487 }),
				JSON.stringify(fixed),
			);
		});
		await check(
			"ROUTE latency vs n8n's Webhook + Respond to Webhook (p50 / p99 over 200 requests each, in turns)",
			async () => {
				const [ours, coreV2, coreV1] = await latencies([
					`${routeHook}?key=${SECRET}`,
					`${base}/webhook/e2e-core-route-v2`,
					`${base}/webhook/e2e-core-route-v1`,
				]);
				console.log(
					`    n8n ${n8n.version}, ROUTE answered by:\n      UniTalk Trigger → Code → Answer Route:        ${ours}\n      Webhook v2 → Code → Respond to Webhook:       ${coreV2}\n      Webhook v1 → Code → Respond to Webhook:       ${coreV1}`,
				);
			},
		);
		await check(
			`Call History Trigger${n8n.major >= 2 ? ' (durable scheduler and cursors)' : ''}: a published polling workflow emits each finished call once, across an n8n restart, answered ones with their recording; Recording Ready emits an answered call once, when its recording appears`,
			async () => {
				// The first check after publishing starts the watermark and emits nothing (both
				// polling workflows fire on the same minute).
				await until('the first check', async () => (await historyReads(standIn)) > 0, 80_000);
				await new Promise((resolve) => setTimeout(resolve, 5000));
				const answered = [await endCall(standIn, 'ANSWER')];
				// Answered, its recording not there yet (UniTalk adds it 10–15 minutes later).
				const recordedLater = await endCall(standIn, 'ANSWER', { link: null });
				const ids = [await endCall(standIn), answered[0], await endCall(standIn), recordedLater];
				await until('4 calls emitted', async () => (await polledIds(standIn)).length >= 4, 80_000);
				const readyIds = async () =>
					(await report(standIn)).echoes.filter((e) => e.readyDbId !== undefined);
				// Calls answered with their recording at once start Recording Ready at once; this one waits.
				const waitedForRecording = !(await readyIds()).some((e) => e.readyDbId === recordedLater);
				await fetch(`${standIn.url}/__standin/recording`, {
					method: 'POST',
					body: JSON.stringify({ dbid: recordedLater }),
				});
				// n8n stops; two calls end while it is down; n8n starts again on the same database.
				await server.stop();
				answered.push(await endCall(standIn, 'ANSWER'));
				ids.push(await endCall(standIn), answered[1]);
				server = startServer(n8n, user, port, ['start'], durablePolling(n8n));
				await until(
					'n8n to start again',
					async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok,
					90_000,
				);
				await until('6 calls emitted', async () => (await polledIds(standIn)).length >= 6, 150_000);
				await until('the recording ready', async () => (await readyIds()).length >= 3, 150_000);
				const reads = await historyReads(standIn);
				await until('one more check', async () => (await historyReads(standIn)) > reads, 80_000);
				await new Promise((resolve) => setTimeout(resolve, 3000));
				const emitted = await polledIds(standIn);
				expect(
					JSON.stringify([...emitted].sort()) === JSON.stringify([...ids].sort()),
					`emitted ${JSON.stringify(emitted)} for calls ${JSON.stringify(ids)}`,
				);
				// Attach Recording: the answered calls carry their recording, the missed ones say why not.
				for (const echo of (await report(standIn)).echoes.filter((e) => e.polledDbId)) {
					const ok = answered.includes(echo.polledDbId)
						? echo.recording?.attached === true && echo.recordingMime === 'audio/mpeg'
						: echo.recording?.attached === false && /no recording link/.test(echo.recording.reason);
					expect(ok, `call ${echo.polledDbId}: ${JSON.stringify(echo)}`);
				}
				// Recording Ready: every answered call once, with its file (the one whose recording came
				// later too), no missed call.
				const ready = await readyIds();
				const expected = [...answered, recordedLater].sort();
				expect(waitedForRecording, 'Recording Ready emitted a call before its recording was there');
				expect(
					JSON.stringify(ready.map((e) => e.readyDbId).sort()) === JSON.stringify(expected) &&
						ready.every(
							(e) =>
								e.readyEvent === 'RECORDING_READY' &&
								e.recording?.attached === true &&
								e.recordingMime === 'audio/mpeg',
						),
					`Recording Ready emitted ${JSON.stringify(ready)} (expected calls ${JSON.stringify(expected)} once each)`,
				);
			},
		);
		await check(
			`Voice Analytics: 12 analyses of 30 s started by one webhook run side by side in their own lane (at most 7 at once), each call analysed once, while a read of the same key in the same n8n answers at once`,
			async () => {
				const callIds = [];
				for (let i = 0; i < 12; i++)
					callIds.push(String(2_000_000 + (await endCall(standIn, 'ANSWER'))));
				const analyses = async (body) =>
					await (
						await fetch(`${standIn.url}/__standin/analyses`, {
							method: 'POST',
							body: JSON.stringify(body ?? {}),
						})
					).json();
				await analyses({ durationMs: 30_000 });
				const startedAt = Date.now();
				const accepted = await fetch(`${base}/webhook/e2e-analyses`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ callIds }),
				});
				expect(accepted.ok, `the analyses webhook answered ${accepted.status}`);
				await until('analyses to run', async () => (await analyses()).runningNow >= 7, 30_000);
				const readStarted = Date.now();
				const read = await fetch(`${base}/webhook/e2e-quick-read`, { method: 'POST' });
				const readMs = Date.now() - readStarted;
				const during = await analyses();
				expect(read.ok, `the read answered ${read.status}`);
				expect(
					readMs < 15_000 && during.runningNow >= 7,
					`the read took ${readMs} ms with ${during.runningNow} analyses pending`,
				);
				const echoed = async () =>
					(await report(standIn)).echoes.filter((e) => callIds.includes(String(e.analysedCallId)));
				await until('12 analyses reported', async () => (await echoed()).length >= 12, 240_000);
				const after = await analyses({ durationMs: 0 });
				const mine = after.started.filter((id) => callIds.includes(String(id)));
				expect(
					mine.length === 12 && new Set(mine).size === 12 && after.maxRunning <= 7,
					`analyses started ${JSON.stringify(mine)}, at most ${after.maxRunning} at once`,
				);
				console.log(
					`    n8n ${n8n.version}: a read answered in ${readMs} ms beside ${during.runningNow} pending analyses; 12 analyses of 30 s took ${Math.round((Date.now() - startedAt) / 1000)} s (${after.maxRunning} at once)`,
				);
			},
		);
		await check(
			`Recording Ready${n8n.major >= 2 ? ' (durable scheduler and cursors)' : ''}: ${BACKLOG} recordings ready at once (after an outage) drain over a few polls, every call once with its file, no file downloaded twice, no poll past n8n's limit`,
			async () => {
				const dbids = [];
				for (let i = 0; i < BACKLOG; i++)
					dbids.push(await endCall(standIn, 'ANSWER', { link: null }));
				const startedAt = Date.now();
				for (const dbid of dbids)
					await fetch(`${standIn.url}/__standin/recording`, {
						method: 'POST',
						body: JSON.stringify({ dbid }),
					});
				const mine = new Set(dbids);
				const ready = async () =>
					(await report(standIn)).echoes.filter((e) => mine.has(e.readyDbId));
				await until(
					`${BACKLOG} recordings emitted`,
					async () => new Set((await ready()).map((e) => e.readyDbId)).size >= BACKLOG,
					12 * 60_000, // 4–7 min measured; the machine may be busy
				);
				const drainedS = Math.round((Date.now() - startedAt) / 1000);
				// The Finished Calls workflow attaches recordings too and drains the same calls beside
				// Recording Ready. A poll emits when it ends: the files of a poll still running are
				// downloaded but not yet on items, so compare only once both have emitted every call and no
				// file was fetched for longer than a poll lasts (its 30-s budget).
				await until(
					`the Finished Calls workflow's ${BACKLOG} calls`,
					async () =>
						new Set(
							(await report(standIn)).echoes.map((e) => e.polledDbId).filter((id) => mine.has(id)),
						).size >= BACKLOG,
					12 * 60_000,
				);
				const lastDownload = async () =>
					Math.max(
						0,
						...(await report(standIn)).requests
							.filter(({ path }) => path.startsWith('/tracking/rec/'))
							.map(({ at }) => at),
					);
				await until(
					'no download for 40 s',
					async () => Date.now() - (await lastDownload()) > 40_000,
					4 * 60_000,
				);
				// One more check of both polling workflows: nothing is emitted again.
				const reads = await historyReads(standIn);
				await until('one more check', async () => (await historyReads(standIn)) > reads, 80_000);
				await new Promise((resolve) => setTimeout(resolve, 35_000));
				const { echoes, requests } = await report(standIn);
				const emitted = echoes.filter((e) => mine.has(e.readyDbId));
				expect(
					emitted.length === BACKLOG && emitted.every((e) => e.recording?.attached === true),
					`Recording Ready emitted ${emitted.length} items for ${BACKLOG} calls, ${emitted.filter((e) => e.recording?.attached !== true).length} without their file`,
				);
				// Each file downloaded once per item that carries it (the Finished Calls workflow, which
				// also attaches recordings, may carry some of these calls too).
				const carried = new Map();
				for (const e of echoes) {
					const dbid = e.readyDbId ?? e.polledDbId;
					if (mine.has(dbid) && e.recording?.attached === true)
						carried.set(dbid, (carried.get(dbid) ?? 0) + 1);
				}
				const downloads = new Map();
				for (const { path } of requests) {
					const match = /^\/tracking\/rec\/(\d+)\//.exec(path);
					const dbid = match && Number(match[1]) - 2_000_000;
					if (mine.has(dbid)) downloads.set(dbid, (downloads.get(dbid) ?? 0) + 1);
				}
				const twice = dbids.filter((dbid) => downloads.get(dbid) !== carried.get(dbid));
				// What happened to those files, for the one who reads a red run: each download (when,
				// whether the whole file reached n8n) and each item of theirs (which workflow, file or not).
				const story = (dbid) => {
					const fetched = requests
						.filter(({ path }) => path.startsWith(`/tracking/rec/${2_000_000 + dbid}/`))
						.map(
							(r) => `${new Date(r.at).toISOString().slice(11, 23)}${r.delivered ? '' : ' (cut)'}`,
						);
					const items = echoes
						.filter((e) => (e.readyDbId ?? e.polledDbId) === dbid)
						.map(
							(e) =>
								`${e.readyDbId ? 'Recording Ready' : 'Finished Calls'}${e.recording?.attached ? ' with file' : ` without (${e.recording?.reason ?? 'no reason'})`}`,
						);
					return `${dbid}: downloads ${fetched.join(', ')}; items ${items.join(', ')}`;
				};
				expect(
					twice.length === 0,
					`downloads ≠ items carrying the file for ${twice.length} calls:\n      ${twice.slice(0, 5).map(story).join('\n      ')}`,
				);
				const abandoned = (server.log().match(/exceeded its timeout/g) ?? []).length;
				expect(abandoned === 0, `${abandoned} polls exceeded n8n's poll timeout`);
				console.log(
					`    n8n ${n8n.version}: ${BACKLOG} recordings drained in ${drainedS} s, ${[...downloads.values()].reduce((a, b) => a + b, 0)} downloads for ${[...carried.values()].reduce((a, b) => a + b, 0)} items with the file`,
				);
			},
		);
		await callbackLoop({ check, expect, standIn, base, n8n });
	} catch (error) {
		await check('the suite ran to the end', () => Promise.reject(error));
	} finally {
		await server?.stop();
		standIn.child.kill();
		crm.child.kill();
	}
	if (results.some(([name, ok]) => !ok && name.startsWith(`n8n ${n8n.version}:`)) && server)
		console.log(server.log().slice(-3000));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
