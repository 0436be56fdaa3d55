// Not node code and never published: it may use process, node:fs and timers, which the
// stock root eslint.config.mjs forbids. scripts/n8n-node.mjs lints with config lookup from file,
// so this file, not the root one, applies here; as before, nothing under scripts/ is linted.
export default [{ ignores: ['**'] }];
