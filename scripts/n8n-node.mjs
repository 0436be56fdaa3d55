// `node scripts/n8n-node.mjs lint [--fix]` and `node scripts/n8n-node.mjs cloud-support`: n8n's own
// @n8n/node-cli checks, run from `npm run lint`, failing where the CLI alone would not.
//
// lint runs `eslint .` with the stock eslint.config.mjs, which would apply the node rules (no
// process, no node:fs, no setTimeout) to test/ and scripts/ as well: tools, never published. With
// config lookup from file (ESLint 10's default, a flag in ESLint 9) those two folders use their own
// eslint.config.mjs instead, so the root one stays the CLI's template, byte for byte.
// eslint exits 0 on warnings, so a problem summary fails the check too.
//
// cloud-support prints the status and exits 0 even when the package is NOT eligible, so the
// status line is checked here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(
	new URL('../node_modules/@n8n/node-cli/bin/n8n-node.mjs', import.meta.url),
);
const [command, ...rest] = process.argv.slice(2);
if (command !== 'lint' && command !== 'cloud-support') {
	console.error('usage: node scripts/n8n-node.mjs lint [--fix] | cloud-support');
	process.exit(2);
}

const flags = [process.env.ESLINT_FLAGS, 'unstable_config_lookup_from_file'].filter(Boolean);
const run = spawnSync(process.execPath, [cli, command, ...rest], {
	cwd: root,
	env: { ...process.env, ESLINT_FLAGS: flags.join(',') },
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'pipe'],
});
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
if (run.error) throw run.error;
if (run.status !== 0) process.exit(run.status ?? 1);

const output = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`);
if (command === 'lint' && /✖ \d+ problems?/.test(output)) {
	console.error('n8n-node lint: warnings count too; fix them (npm run lint:fix fixes some).');
	process.exit(1);
}
if (
	command === 'cloud-support' &&
	(!/eligible for n8n Cloud verification/.test(output) || /NOT eligible/.test(output))
) {
	console.error('n8n-node cloud-support: the package is not eligible for n8n Cloud verification.');
	process.exit(1);
}
