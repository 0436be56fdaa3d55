// n8n execution hints after a run: what the user would otherwise wonder about.
import type { NodeExecutionHint } from 'n8n-workflow';

import type { BlockNote } from '../transport/types';
import type { NodeRun } from './run';

/**
 * When pacing held requests back (so a long run is not a mystery), and when a list operation ran
 * once per input item (the user may have wanted Execute Once).
 */
export function addHints(run: NodeRun, outputCount: number): void {
	const { op, pacing, params } = run;
	const hints: NodeExecutionHint[] = [];
	if (pacing.waitedMs >= 2000) {
		const seconds = Math.round(pacing.waitedMs / 1000);
		hints.push({
			message: `UniTalk pacing: ${pacing.requests} requests, ${seconds} s spent waiting so the account stays under UniTalk's limit of 30 requests in 10 s (the credential's Request Budget sets the pace).`,
			location: 'outputPane',
		});
	}
	if (pacing.block) hints.push({ message: blockHint(pacing.block), location: 'outputPane' });
	if ((op.paginate || op.limitList) && params.length > 1) {
		hints.push({
			message: `This operation ran once for each of the ${params.length} input items (${outputCount} items in all). To run it once, turn on Settings → Execute Once.`,
			location: 'outputPane',
		});
	}
	if (hints.length) run.ctx.addExecutionHints?.(...hints);
}

/** What a temporary block did to this run, and what avoids the first one. */
export function blockHint(block: BlockNote): string {
	const when = new Date(block.at).toISOString().replace('T', ' ').slice(0, 19);
	const seconds = Math.round(block.waitMs / 1000);
	const pace = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));
	const who = block.shared
		? `this n8n process had sent ${block.sent} requests with the key in the 10 s before, within its own budget, so other n8n processes or systems send with the same key`
		: `this n8n process alone had sent ${block.sent} requests with the key in the 10 s before`;
	const repeat = block.repeat > 1 ? ` (block ${block.repeat} in a row, so a longer wait)` : '';
	return (
		`UniTalk blocked this key for too many requests at ${when} UTC: ${who}. ` +
		`Every request of the key waited ${seconds} s${repeat}, then one probed; what UniTalk refused was not executed and was sent again. ` +
		`This process now paces at ${pace(block.pace)} requests per 10 s (${pace(block.paceBefore)} before) and speeds up slowly over the next minutes. ` +
		`To avoid the first block, set the credential's Request Budget to ${block.suggestedBudget} (lower still if a system that does not slow down on a block uses the key).`
	);
}
