import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RESOURCES } from '../../nodes/UniTalk/resources';

/** Fails when the reference documents an endpoint or autodial action that has no operation. */
const reference = readFileSync(join(__dirname, '../../../shared/reference/unitalk-api.txt'), 'utf8');
const operations = RESOURCES.flatMap((r) => r.operations);

function documentedPaths(): string[] {
	const pattern = /(?:Relative path: ?|POST:? )(\/[A-Za-z0-9/]+)|(\/[A-Za-z]+\/[A-Za-z/]+) Mode: POST/g;
	const paths = new Set<string>();
	for (const match of reference.matchAll(pattern)) {
		// "/api/eventHandlers/…" is relative to a base that already ends in /api (see misc.ts)
		paths.add((match[1] ?? match[2]).replace(/^\/api\//, '/').replace(/^\/calls\/originateC$/, '/calls/originateC2c'));
	}
	return [...paths].sort();
}

function documentedAutodialActions(): string[] {
	const list = reference.slice(reference.indexOf('List of possible field values:'), reference.indexOf('Since this method has many variations'));
	return [...list.matchAll(/^([A-Z_]{3,})$/gm)].map((m) => m[1]).sort();
}

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
		const declared = new Set(operations.filter((o) => o.path === '/autodial/action').map((o) => o.apiAction));
		expect(actions.filter((action) => !declared.has(action))).toEqual([]);
	});

	it('declares every operation completely and never outputs fields n8n expressions cannot read', () => {
		for (const op of operations) {
			expect(op.run ?? op.build ?? op.batch).toBeDefined();
			expect(op.description.length).toBeGreaterThan(10);
			expect(op.path === '' || op.path.startsWith('/')).toBe(true);
			const names = (op.fields ?? []).map((f) => f.name);
			expect(names.filter((n) => ['caller', 'callee', 'arguments'].includes(n))).toEqual([]);
		}
		expect(operations.length).toBeGreaterThanOrEqual(50);
	});
});
