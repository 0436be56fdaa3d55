// n8n execution hints after a run: what the user would otherwise wonder about.
import type { NodeExecutionHint } from 'n8n-workflow';

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
	if ((op.paginate || op.limitList) && params.length > 1) {
		hints.push({
			message: `This operation ran once for each of the ${params.length} input items (${outputCount} items in all). To run it once, turn on Settings → Execute Once.`,
			location: 'outputPane',
		});
	}
	if (hints.length) run.ctx.addExecutionHints?.(...hints);
}
