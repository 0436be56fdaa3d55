// `npm run scan`: n8n's own verification scanner (@n8n/scan-community-package) on this package, as
// the verification gate runs it: `analyzePackage` on the source (package.json, nodes/ and credentials/
// with the community-nodes rules and eslint-plugin-n8n-nodes-base's node and credential rulesets) and
// on the packed tarball (its package.json and compiled .js). Inline eslint-disable comments are
// ignored by the scanner. The gate fetches both from npm and GitHub; here they come from this clone
// and `npm pack` (after `npm run build`). Exits 1 when either leg fails. Part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'unitalk-scan-'));
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	const legs = [
		['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		[packed.filename, await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
	];
	for (const [leg, result] of legs) {
		if (result.passed) console.log(`n8n scanner: ${leg} passed`);
		else {
			console.error(`n8n scanner: ${leg} failed: ${result.message}\n${result.details ?? ''}`);
			process.exitCode = 1;
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
