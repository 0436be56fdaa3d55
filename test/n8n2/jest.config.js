// Jest on the libraries of the n8n 2.x line: the n8n-core, n8n-workflow and @n8n/di that n8n 2.41.1
// ships, from its install (run.js finds it), instead of the 1.x ones in this repo's node_modules.
// Every import of them, ours and n8n-core's own, goes to that install, so each class exists once.
const { dirname, join } = require('node:path');

const base = require('../../jest.config.js');

const modules = process.env.UNITALK_N8N2_MODULES;
if (!modules)
	throw new Error('UNITALK_N8N2_MODULES is not set: run this suite with `npm run test:n8n2`');

/** The folder of a package as n8n itself resolves it (from the n8n package, then from n8n-core). */
function packageDir(name, from = join(modules, 'n8n')) {
	return dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
}
const core = packageDir('n8n-core');
const workflow = packageDir('n8n-workflow');
const di = packageDir('@n8n/di', core);

module.exports = {
	...base,
	rootDir: join(__dirname, '..', '..'),
	moduleNameMapper: {
		'^n8n-core$': require.resolve(core),
		'^n8n-core/(.*)$': `${core}/$1`,
		'^n8n-workflow$': require.resolve(workflow),
		'^n8n-workflow/(.*)$': `${workflow}/$1`,
		'^@n8n/di$': require.resolve(di),
	},
};
