// ts-node for the benchmark scripts. `UniTalk.node` must resolve to UniTalk.node.ts, not to the
// codex file UniTalk.node.json next to it, so .ts is tried before .json.
require('ts-node').register({ transpileOnly: true });
const Module = require('module');
const { '.ts': ts, ...others } = Module._extensions;
for (const key of Object.keys(Module._extensions)) delete Module._extensions[key];
Object.assign(Module._extensions, { '.js': others['.js'], '.ts': ts }, others);
