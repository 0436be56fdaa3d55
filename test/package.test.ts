import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What Community Nodes installs: the packed package (run after `npm run build`). */
const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
	});
}

describe('the published package', () => {
	it('has no runtime dependencies, only the n8n-workflow peer', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
	});

	it('packs the built nodes, credential and icons named in its n8n field', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		);
		const files: string[] = packed.files.map((f: { path: string }) => f.path);
		for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(existsSync(join(root, path))).toBe(true);
			expect(files).toContain(path);
		}
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/UniTalk/unitalk.svg',
				'dist/nodes/UniTalk/unitalk.dark.svg',
				'dist/credentials/unitalk.svg',
				'dist/nodes/UniTalk/UniTalk.node.json',
			]),
		);
		expect(
			files.filter(
				(f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f),
			),
		).toEqual([]);
	});

	it('requires nothing at run time but n8n-workflow, crypto and its own files', () => {
		const required = new Set<string>();
		for (const file of jsFiles(join(root, 'dist'))) {
			for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g))
				if (!match[1].startsWith('.')) required.add(match[1]);
		}
		expect([...required].sort()).toEqual(['crypto', 'n8n-workflow']);
	});

	it('loads from dist and describes both nodes and the credential', () => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		const { UniTalk } = require(join(root, pkg.n8n.nodes[0]));
		const { UniTalkTrigger } = require(join(root, pkg.n8n.nodes[1]));
		const { UniTalkApi } = require(join(root, pkg.n8n.credentials[0]));
		expect(new UniTalk().description).toMatchObject({ name: 'uniTalk', usableAsTool: true });
		expect(new UniTalkTrigger().description.webhooks).toHaveLength(1);
		expect(new UniTalkApi().name).toBe('uniTalkApi');
	});
});
