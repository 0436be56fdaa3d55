// `npm start`: try the package in a real n8n without a UniTalk account. Builds, installs the packed
// package into a user folder kept between starts, starts the UniTalk stand-in as a demo account (or
// uses the real API when UNITALK_API_KEY is set), imports the examples, creates the owner login and
// starts n8n. Ctrl-C stops everything. `npm run demo:event -- missed|answered|route` fires a webhook.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const {
	TARGETS,
	CACHE,
	activate,
	cli,
	ensureN8n,
	isFree,
	setProgressLabel,
	packPackage,
	pickPorts,
	setupOwner,
	startServer,
	startStandIn,
	userFolderWith,
	waitUntilReady,
} = require('../test/e2e/n8n');

const ROOT = join(__dirname, '..');
const OWNER = {
	email: 'demo@unitalk.test',
	firstName: 'UniTalk',
	lastName: 'Demo',
	password: 'UniTalkDemo1',
};
const DEMO_KEY = 'demo-key';
const SECRET = 'demo-route-secret';
const STATE = join(CACHE, 'start-state.json');

async function main() {
	const started = Date.now();
	setProgressLabel('npm start');
	const previous = existsSync(STATE) ? JSON.parse(readFileSync(STATE, 'utf8')) : {};
	const real = process.env.UNITALK_API_KEY?.trim();
	const target = TARGETS[TARGETS.length - 1]; // the newest n8n the e2e suite runs
	const n8n = ensureN8n(target);
	run('npm', ['run', 'build']);
	const user = join(CACHE, `start-${target.version}`);
	mkdirSync(user, { recursive: true });
	userFolderWith(packPackage(), user);

	const standIn = real ? undefined : await startStandIn(DEMO_KEY);
	const credential = real
		? {
				id: 'unitalkStartCred',
				name: 'UniTalk (real account)',
				data: {
					apiKey: real,
					authScheme: 'plain',
					baseUrl: process.env.UNITALK_BASE_URL || 'https://api.unitalk.cloud/api',
					requestBudget: 25,
				},
			}
		: {
				id: 'unitalkStartCred',
				name: 'UniTalk Demo (stand-in, not a real account)',
				data: {
					apiKey: DEMO_KEY,
					authScheme: 'plain',
					baseUrl: standIn.apiUrl,
					requestBudget: 25,
					timeZone: 'Europe/Kyiv',
				},
			};
	const credFile = join(user, 'start-credential.json');
	writeFileSync(credFile, JSON.stringify([{ ...credential, type: 'uniTalkApi' }]));
	cli(n8n, user, ['import:credentials', `--input=${credFile}`]);

	// The examples are imported on the first start only: later starts keep what the user changed.
	const wfFile = join(user, 'start-workflows.json');
	if (!existsSync(wfFile)) {
		const workflows = examples(credential, standIn);
		writeFileSync(wfFile, JSON.stringify(workflows));
		cli(n8n, user, ['import:workflow', `--input=${wfFile}`]);
		for (const wf of workflows.filter((w) => w.nodes.some((n) => n.webhookId)))
			activate(n8n, user, wf.id);
	}

	// The same port every start (5678, n8n's own, or the first free one after it), so bookmarks and
	// the Test and Production URLs copied into UniTalk keep working; the task broker's may vary.
	const ports = await pickPorts();
	const port = (ports.main = await stablePort(previous.port));
	const server = startServer(n8n, user, port);
	const base = `http://127.0.0.1:${port}`;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the stand-in…');
		standIn?.child.kill();
		const exited = new Promise((resolve) => server.child.once('exit', resolve));
		server.child.kill('SIGTERM');
		// n8n shuts down gracefully; one that hangs is ended after 15 s.
		const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	server.child.once('exit', (code) => {
		if (stopping) return;
		console.error(`n8n exited (${code}).\n${server.log().slice(-2000)}`);
		standIn?.child.kill();
		process.exit(1);
	});
	await waitUntilReady(base, 120_000);
	await setupOwner(base, OWNER);

	const hook = (id) => `${base}/webhook/${id}/unitalk`;
	writeFileSync(
		STATE,
		JSON.stringify({
			port,
			events: hook('7a0e4a8e-2c3b-4c59-8d0b-5f6b8a1e2d02'),
			missed: hook('3f1c9a52-5e0b-4f8e-9c51-0b7d2c1a6e01'),
			route: `${hook('c2b7f7a4-1d7e-4a55-9a1a-6c0d3e9b4f03')}?key=${SECRET}`,
			key: real ?? DEMO_KEY,
		}),
	);
	console.log(`
n8n ${n8n.version} with n8n-nodes-unitalk is ready in ${((Date.now() - started) / 1000).toFixed(0)} s:

  ${base}
  login: ${OWNER.email} / ${OWNER.password}

Credential: "${credential.name}"${real ? '' : ` (a UniTalk stand-in at ${standIn.apiUrl}; set UNITALK_API_KEY to use your account)`}
Workflows: the examples (imported on the first start), with the call-event, missed-call and ROUTE triggers active.
Fire a demo webhook from another terminal:  npm run demo:event -- missed   (or: answered, route)
Ctrl-C stops n8n${real ? '' : ' and the stand-in'}.`);
}

/** The port of the last start if it is free, else 5678 or the first free port after it. */
async function stablePort(remembered) {
	const candidates = [remembered, ...Array.from({ length: 50 }, (_, i) => 5678 + i)];
	for (const candidate of candidates.filter(Boolean)) if (await isFree(candidate)) return candidate;
	throw new Error('Ports 5678–5727 are all taken: stop another n8n and run npm start again.');
}

/** The examples, wired to this start's credential; the CRM call goes to the stand-in's echo endpoint. */
function examples(credential, standIn) {
	return readFileSyncAll().map(([file, text]) => {
		let json = text
			.replaceAll('REPLACE_WITH_YOUR_CREDENTIAL_ID', credential.id)
			.replaceAll('UniTalk account', credential.name)
			.replaceAll('CHANGE_ME', SECRET);
		if (standIn)
			json = json
				.replaceAll('https://crm.example.com/api/calls', `${standIn.url}/__standin/echo`)
				.replaceAll('"value": "1307"', `"value": "${standIn.autodialerId}"`);
		const workflow = JSON.parse(json);
		return {
			...workflow,
			id: `unitalkStart${file.replace(/\W/g, '')}`.slice(0, 16).padEnd(16, '0'),
			active: false,
		};
	});
}

function readFileSyncAll() {
	const dir = join(ROOT, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

function run(command, args) {
	const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
