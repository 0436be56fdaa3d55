// The operations table of docs/operations.md, from the declarations: `npm run docs:operations`
// prints it, and test/docs.test.ts checks that docs/operations.md holds every row exactly as printed here.
import { type Effect, isByOption } from '../nodes/UniTalk/engine/effect';
import { RESOURCES } from '../nodes/UniTalk/resources';
import type { Operation } from '../nodes/UniTalk/engine/types';

/** What happens when UniTalk's answer to the operation is lost (a timeout, a 502). */
function onLostAnswer(op: Operation): string {
	if (op.run) return '—';
	const say = (effect: Effect) => (effect.repeatable ? 'sent again' : 'never sent again');
	const { effect } = op;
	if (!isByOption(effect)) return say(effect);
	const option = op.fields?.find((field) => field.name === effect.option);
	const label = (value: string) =>
		option?.options?.find((o) => 'value' in o && o.value === value)?.name ?? value;
	return Object.entries(effect.cases)
		.map(([value, one]) => `by ${label(value)}: ${say(one)}`)
		.join('; ');
}

/** One docs/operations.md row per operation: resource, operation, what it does, UniTalk method, lost answer. */
export function operationRows(): string[] {
	const rows: string[] = [];
	for (const resource of RESOURCES) {
		for (const op of resource.operations) {
			const method = op.path
				? `\`${op.path}\`${op.apiAction ? ` ${op.apiAction}` : ''}${op.batch ? ` (batched, ≤ ${op.batch.maxPerRequest.toLocaleString('en')}/request)` : ''}`
				: 'no request';
			rows.push(
				`| ${resource.name} | ${op.name} | ${op.description} | ${method} | ${onLostAnswer(op)} |`,
			);
		}
	}
	return rows;
}

if (require.main === module) {
	const header = [
		'| Resource | Operation | What it does | UniTalk method | Answer lost |',
		'|---|---|---|---|---|',
	];
	console.log([...header, ...operationRows()].join('\n'));
}
