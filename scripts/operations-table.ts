// The README's operations table, from the declarations: `npm run docs:operations` prints it, and
// test/docs.test.ts checks that README.md holds every row exactly as printed here.
import { RESOURCES } from '../nodes/UniTalk/resources';

/** One README row per operation: resource, operation, what it does, UniTalk method. */
export function operationRows(): string[] {
	const rows: string[] = [];
	for (const resource of RESOURCES) {
		for (const op of resource.operations) {
			const method = op.path
				? `\`${op.path}\`${op.apiAction ? ` ${op.apiAction}` : ''}${op.batch ? ` (batched, ≤ ${op.batch.maxPerRequest.toLocaleString('en')}/request)` : ''}`
				: 'no request';
			rows.push(`| ${resource.name} | ${op.name} | ${op.description} | ${method} |`);
		}
	}
	return rows;
}

if (require.main === module) {
	const header = ['| Resource | Operation | What it does | UniTalk method |', '|---|---|---|---|'];
	console.log([...header, ...operationRows()].join('\n'));
}
