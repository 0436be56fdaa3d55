// The CRM examples (examples/crm-*.json) as a user meets them: only "CRM settings" to fill, n8n's
// own nodes in versions both n8n lines have (the e2e runs them in 1.123.50 and 2.41.1), every
// request to the CRM addressed from the settings, and nothing of the UniTalk credential sent there.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '..', '..', 'examples');
const files = readdirSync(dir).filter((f) => /^crm-.*\.json$/.test(f));

interface Node {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

/** n8n-nodes-base nodes and the versions used, present in both lines' n8n-nodes-base. */
const CORE = {
	'n8n-nodes-base.set': 3.4,
	'n8n-nodes-base.switch': 3.2,
	'n8n-nodes-base.if': 2.2,
	'n8n-nodes-base.httpRequest': 4.2,
	'n8n-nodes-base.webhook': 2,
	'n8n-nodes-base.respondToWebhook': 1.1,
	'n8n-nodes-base.stickyNote': 1,
};

test('there are the three CRM examples', () => {
	expect(files.sort()).toEqual(['crm-elma365.json', 'crm-leadsquared.json', 'crm-vtiger.json']);
});

describe.each(files)('%s', (file) => {
	const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[] };
	const nodes = workflow.nodes;
	const text = (node: Node) => JSON.stringify(node.parameters);

	test('node ids and names are unique (n8n refuses a workflow that repeats an id)', () => {
		expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
		expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
	});

	test('what a user fills in is in "CRM settings" only (and a ROUTE secret in its trigger)', () => {
		const settings = nodes.filter((n) => n.name === 'CRM settings');
		expect(settings.map((n) => n.type)).toEqual(['n8n-nodes-base.set']);
		const placeholder = /YOUR-|PASTE_|CHOOSE_/;
		for (const node of nodes.filter(
			(n) => n.name !== 'CRM settings' && n.type !== 'n8n-nodes-base.stickyNote',
		))
			expect([node.name, text(node).match(placeholder)?.[0]]).toEqual([node.name, undefined]);
		const others = nodes.filter((n) => /CHANGE_ME/.test(text(n)));
		expect(others.every((n) => n.parameters.mode === 'route')).toBe(true);
	});

	test("n8n's own nodes in versions both n8n lines have", () => {
		for (const node of nodes.filter((n) => n.type.startsWith('n8n-nodes-base.')))
			expect([node.name, node.typeVersion]).toEqual([
				node.name,
				CORE[node.type as keyof typeof CORE],
			]);
	});

	test('every CRM request is addressed from "CRM settings" and carries nothing of the UniTalk credential', () => {
		const requests = nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest');
		expect(requests.length).toBeGreaterThan(0);
		for (const node of requests) {
			expect(String(node.parameters.url)).toMatch(
				/^=\{\{ \$\('CRM settings'\)\.item\.json\.\w+ \}\}$/,
			);
			expect(node.credentials).toBeUndefined();
			expect(text(node)).not.toMatch(/\$credentials|apiKey|authorization.*\$json\.raw/i);
		}
	});

	test('no field named caller, callee or arguments', () => {
		for (const node of nodes.filter((n) => n.type === 'n8n-nodes-base.set')) {
			const assignments = (node.parameters.assignments as { assignments: { name: string }[] })
				.assignments;
			for (const { name } of assignments)
				expect(['caller', 'callee', 'arguments']).not.toContain(name);
		}
	});
});

describe('docs/crm.md "Connect your CRM"', () => {
	const page = readFileSync(join(__dirname, '..', '..', 'docs', 'crm.md'), 'utf8');
	const section = page.slice(page.indexOf('# Connect your CRM'));

	test.each(files)('names %s and each of its settings', (file) => {
		const { nodes } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[] };
		expect(section).toContain(`\`${file}\``);
		const settings = nodes.find((n) => n.name === 'CRM settings')!;
		const fields = (settings.parameters.assignments as { assignments: { name: string }[] })
			.assignments;
		for (const { name } of fields) expect(section).toContain(`\`${name}\``);
	});
});
