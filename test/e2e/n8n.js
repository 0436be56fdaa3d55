// Installs a real n8n from the registry into a cache folder outside the repo and runs its CLI.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

const N8N_VERSION = '1.123.50'; // the last 1.123 whose n8n-workflow has no isolated-vm (needs Node 22+)
const CACHE = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-unitalk-e2e');

/** npm settings of this repo (ignore-scripts, legacy-peer-deps) must not leak into n8n's install. */
function cleanNpmEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_config_') && key !== 'npm_config_nodedir' && key !== 'npm_config_cache') delete env[key];
	return env;
}

function ensureN8n() {
	const dir = join(CACHE, `n8n-${N8N_VERSION}`);
	const bin = join(dir, 'node_modules', '.bin', 'n8n');
	if (existsSync(bin)) return { dir, bin, cached: true };
	mkdirSync(dir, { recursive: true });
	// xlsx is published on a CDN npm cannot reach here; the registry's 0.18.5 has the same API.
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'unitalk-e2e-n8n', private: true, dependencies: { n8n: N8N_VERSION }, overrides: { xlsx: 'npm:xlsx@0.18.5' } }, null, 2));
	console.log(`e2e: installing n8n ${N8N_VERSION} into ${dir} (first run only)…`);
	const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit', env: cleanNpmEnv() });
	if (result.status !== 0 || !existsSync(bin)) throw new Error('n8n install failed');
	return { dir, bin, cached: false };
}

function n8nEnv(userFolder, port) {
	return cleanNpmEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port ?? 5678),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		GENERIC_TIMEZONE: 'Europe/Kyiv',
	});
}

/** Runs an n8n CLI command and returns its stdout (throws with the output when it fails). */
function cli(n8n, userFolder, args) {
	const result = spawnSync(n8n.bin, args, { env: n8nEnv(userFolder), encoding: 'utf8', timeout: 180_000 });
	if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

function startServer(n8n, userFolder, port) {
	const child = spawn(n8n.bin, ['start'], { env: n8nEnv(userFolder, port), stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	return { child, log: () => log };
}

module.exports = { ensureN8n, cli, startServer, N8N_VERSION, CACHE };
