import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { findOperation } from '../nodes/UniTalk/resources';
import { operationRows } from '../scripts/operations-table';

/** README, docs/ and examples stay true: every operation listed once, every example node valid. */
const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const docs = (page: string) => readFileSync(join(root, 'docs', page), 'utf8');

describe('README', () => {
	it('docs/operations.md lists every operation with its row, exactly as `npm run docs:operations` prints it', () => {
		const operations = docs('operations.md');
		const missing = operationRows().filter((row) => !operations.includes(row));
		expect(missing).toEqual([]);
	});

	it('shows measured figures, the two commands and the UniTalk-side setup', () => {
		for (const page of [readme, docs('performance.md'), docs('development.md')])
			expect(page).not.toMatch(/BENCH_TABLE|ROUTE_TABLE/);
		expect(readme).toContain('npm ci');
		expect(readme).toContain('npm test');
		expect(docs('development.md')).toContain('npm ci');
		expect(docs('development.md')).toContain('npm test');
		for (const page of [readme, docs('uniTalk-trigger.md')]) {
			expect(page).toMatch(/Event handling/);
			expect(page).toMatch(/Request to Your API/);
		}
	});
});

describe('examples', () => {
	const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'));

	it.each(files)('%s is an importable workflow whose UniTalk nodes use real operations', (file) => {
		const workflow = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8'));
		expect(workflow.nodes.length).toBeGreaterThan(1);
		const names = new Set(workflow.nodes.map((n: IDataObject) => n.name));
		for (const [from, outputs] of Object.entries(
			workflow.connections as Record<string, IDataObject>,
		)) {
			expect(names.has(from)).toBe(true);
			for (const target of ((outputs.main as IDataObject[][]) ?? []).flat())
				expect(names.has(target.node)).toBe(true);
		}
		for (const node of workflow.nodes as Array<{ type: string; parameters: IDataObject }>) {
			if (node.type === 'n8n-nodes-unitalk.uniTalk')
				expect(
					findOperation(String(node.parameters.resource), String(node.parameters.operation)),
				).toBeDefined();
			if (node.type === 'n8n-nodes-unitalk.uniTalkTrigger')
				expect(['events', 'route', 'queue', 'notifications']).toContain(node.parameters.mode);
		}
	});
});
