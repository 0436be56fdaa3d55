import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { RESOURCES } from '../../nodes/UniTalk/resources';
import facts from '../reference/unitalk-facts.json';
import { hasSchema } from '../standin/schemas';

/** Fails when the reference (its facts, extracted by scripts/extract-reference.js) has an endpoint or autodial action with no operation. */
const operations = RESOURCES.flatMap((r) => r.operations);
const documentedPaths = () => facts.paths;
const documentedAutodialActions = () => facts.autodialActions;

describe('coverage of the UniTalk API reference', () => {
	it('has an operation for every documented endpoint', () => {
		const documented = documentedPaths();
		expect(documented.length).toBeGreaterThanOrEqual(29);
		const declared = new Set(operations.map((o) => o.path));
		expect(documented.filter((path) => !declared.has(path))).toEqual([]);
	});

	it('has an operation for every autodial action', () => {
		const actions = documentedAutodialActions();
		expect(actions).toHaveLength(15);
		const declared = new Set(
			operations.filter((o) => o.path === '/autodial/action').map((o) => o.apiAction),
		);
		expect(actions.filter((action) => !declared.has(action))).toEqual([]);
	});

	it('declares every operation completely and never outputs fields n8n expressions cannot read', () => {
		for (const op of operations) {
			expect(op.run ?? op.build ?? op.batch ?? op.fanOut).toBeDefined();
			expect(op.description.length).toBeGreaterThan(10);
			// an HTTP operation names its endpoint and body style; a local one (run) declares neither
			if (op.run) expect([op.path, op.body]).toEqual([undefined, undefined]);
			else expect(op.path?.startsWith('/') && op.body).toBeTruthy();
			const names = (op.fields ?? []).map((f) => f.name);
			expect(names.filter((n) => ['caller', 'callee', 'arguments'].includes(n))).toEqual([]);
		}
		expect(operations.length).toBeGreaterThanOrEqual(50);
	});

	it('has a file of operation cases for every resource (test/operations/<resource>.test.ts)', () => {
		const missing = RESOURCES.map((r) => r.value).filter(
			(value) => !existsSync(join(__dirname, '../operations', `${value}.test.ts`)),
		);
		expect(missing).toEqual([]);
	});

	it('has a stand-in request schema for every declared endpoint, so a wrong body fails a test', () => {
		const unchecked = operations
			.filter((op) => op.path && !hasSchema(op.path, op.apiAction))
			.map((op) => `${op.path} ${op.apiAction ?? ''}`.trim());
		expect(unchecked).toEqual([]);
	});
});
