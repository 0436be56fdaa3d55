// Runs n8n's verification rules on the package as n8n's scanner (@n8n/scan-community-package) does:
// packs it, unpacks the tarball, and lints its package.json (TypeScript parser, which the
// package.json rules need) and dist/**/*.js with @n8n/eslint-plugin-community-nodes' recommended
// rules, ignoring inline eslint-disable comments. Exits 1 on any error. Part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'unitalk-scan-'));
try {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	execFileSync('tar', ['-xzf', join(work, packed[0].filename), '-C', work]);
	const pkgDir = join(work, 'package');
	const eslint = new ESLint({
		cwd: pkgDir,
		overrideConfigFile: true,
		allowInlineConfig: false,
		overrideConfig: [
			n8nCommunityNodesPlugin.configs.recommended,
			{
				files: ['**/*.js', 'package.json'],
				languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
			},
		],
	});
	const results = await eslint.lintFiles(['package.json', 'dist/**/*.js']);
	const errors = results.flatMap((r) =>
		r.messages
			.filter((m) => m.severity === 2)
			.map((m) => `${r.filePath.replace(pkgDir + '/', '')}:${m.line} ${m.ruleId}: ${m.message}`),
	);
	const files = results.length;
	if (errors.length) {
		console.error(
			`n8n scanner rules: ${errors.length} error(s) in the packed package:\n${errors.join('\n')}`,
		);
		process.exitCode = 1;
	} else {
		console.log(
			`n8n scanner rules: 0 errors in ${files} files of ${packed[0].filename} (package.json + dist/**/*.js)`,
		);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
