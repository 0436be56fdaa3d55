// Our rules on top of n8n's stock lint. eslint.config.mjs must stay byte-for-byte the
// @n8n/node-cli template (strict mode and `n8n-node cloud-support` check it), so what we add
// runs from this second file: `eslint -c eslint.extra.config.mjs` inside `npm run lint`.
// The stock config already runs @n8n/eslint-plugin-community-nodes (recommended); this file runs
// eslint-plugin-n8n-nodes-base's community, credentials and nodes sets with our own exceptions,
// which keep two rules the stock config turns off (password fields, typeOptions maxValue).
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const base = n8nNodesBase.configs;

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**'],
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		languageOptions: { parser: jsoncParser },
		rules: base.community.rules,
	},
	{
		files: ['**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', project: './tsconfig.json' },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...base.credentials.rules,
			// "Only applicable to nodes in the main repository": community credentials link a full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		// execute() hands every item to the operation engine, which honours Continue On Fail
		// (engine/execute.ts, engine/batch.ts); the rule only looks inside execute() itself.
		rules: {
			...base.nodes.rules,
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			// Older rules that want the 'main' string; the scanner's node-connection-type-literal rule
			// requires NodeConnectionTypes.Main instead, and that one wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
