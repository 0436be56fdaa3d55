/** Prints the README's operations table from the declarations: `node -r ./test/bench/register.js scripts/operations-table.ts`. */
import { RESOURCES } from '../nodes/UniTalk/resources';

const lines = ['| Resource | Operation | What it does | UniTalk method |', '|---|---|---|---|'];
for (const resource of RESOURCES) {
	for (const op of resource.operations) {
		const method = op.path
			? `\`${op.path}\`${op.apiAction ? ` ${op.apiAction}` : ''}${op.batch ? ` (batched, ≤ ${op.batch.maxPerRequest.toLocaleString('en')}/request)` : ''}`
			: 'no request';
		lines.push(`| ${resource.name} | ${op.name} | ${op.description} | ${method} |`);
	}
}
console.log(lines.join('\n'));
