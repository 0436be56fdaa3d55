// How long one poll may take. n8n 2.x's durable scheduler abandons a poll after its timeout
// (N8N_SCHEDULER_POLL_TIMEOUT, 45 s): its items are dropped and its state is not saved, so the next
// poll would redo the same work forever. It tells the poll its budget (`getPollBudgetMs()`, 36 s at
// the defaults; 5 minutes, unenforced, outside the durable scheduler). n8n 1.x has no timeout but
// starts the next poll on the interval (a minute at least) whether or not the last one ended.
import type { IPollFunctions } from 'n8n-workflow';

/** The most any poll spends, on every n8n line: well inside a minute and 2.x's budget. */
export const POLL_BUDGET_MS = 30_000;
/** No new item with a recording is started with less than this left (a fifth of a short budget). */
const MIN_DOWNLOAD_MS = 6_000;
/**
 * No download request is sent with less than this left (less in a short budget): one that is sent
 * has this long to finish (a busy n8n process can hold a fast answer for seconds), so it is not cut
 * and fetched again.
 */
const SEND_RESERVE_MS = 4_000;

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

	/** Too little left to start another item that downloads a file. */
	tooLateToStart(): boolean {
		return this.leftMs() < Math.min(MIN_DOWNLOAD_MS, this.budgetMs / 5);
	}

	/** No download request is sent after this; one sent before has the rest to finish. */
	get sendBy(): number {
		return this.at - Math.min(SEND_RESERVE_MS, this.budgetMs * 0.15);
	}

	get passed(): boolean {
		return this.leftMs() <= 0;
	}
}
