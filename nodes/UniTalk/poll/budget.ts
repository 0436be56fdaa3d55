// How long one poll may take. n8n 2.x's durable scheduler abandons a poll after its timeout
// (N8N_SCHEDULER_POLL_TIMEOUT, 45 s): its items are dropped and its state is not saved, so the next
// poll would redo the same work forever. It tells the poll its budget (`getPollBudgetMs()`, 36 s at
// the defaults; 5 minutes, unenforced, outside the durable scheduler). n8n 1.x has no timeout but
// starts the next poll on the interval (a minute at least) whether or not the last one ended.
import type { IPollFunctions } from 'n8n-workflow';

/** The most any poll spends, on every n8n line: well inside a minute and 2.x's budget. */
export const POLL_BUDGET_MS = 30_000;
/** No new download starts with less than this left (it could not finish). */
export const MIN_DOWNLOAD_MS = 2_000;

/** The poll's budget: ours, or less when n8n gives less (not in n8n 1.x's typings: detected). */
export function pollBudgetMs(ctx: IPollFunctions): number {
	const given = (ctx as { getPollBudgetMs?: unknown }).getPollBudgetMs;
	const n8nMs = typeof given === 'function' ? Number(given.call(ctx)) : NaN;
	return Number.isFinite(n8nMs) && n8nMs > 0 ? Math.min(POLL_BUDGET_MS, n8nMs) : POLL_BUDGET_MS;
}

/** When a poll must have finished its work, and how much of it is left. */
export class PollDeadline {
	readonly at: number;

	constructor(readonly budgetMs: number) {
		this.at = Date.now() + budgetMs;
	}

	leftMs(): number {
		return this.at - Date.now();
	}

	get passed(): boolean {
		return this.leftMs() <= 0;
	}
}
