// The items a check emits, built within its time budget (Attach Recording downloads the files).
import type { INodeExecutionData } from 'n8n-workflow';

import { LATER } from '../shared/attachRecording';
import type { PollDeadline } from './budget';
import { notices as say } from './notices';
import type { Row } from './sources';
import { placedTime, type Read, type Window } from './window';

/**
 * Stage 6: the items of the fresh rows the filters keep, with a note where a date is off, oldest
 * first, for as long as the poll's budget lasts: rows left when it runs out are emitted by the
 * next polls (their recordings are not downloaded twice, nor skipped). A download cut by the
 * budget is tried again later, unless it had half the budget: that host is too slow for any poll.
 */
export async function buildItems(
	fresh: Read[],
	window: Window,
	zone: string,
	deadline: PollDeadline,
) {
	const items: INodeExecutionData[] = [];
	for (const [index, { row, source }] of fresh.entries()) {
		if (deadline.tooLateToStart()) return { items, left: fresh.slice(index) };
		const retryLater = deadline.leftMs() < deadline.budgetMs / 2;
		const item = await source.item(row.raw, {
			atMs: row.timeMs,
			cut: { at: deadline.at, sendBy: deadline.sendBy, retryLater },
		});
		if (item === LATER) return { items, left: fresh.slice(index) };
		if (!item) continue;
		const note = placementProblem(row, window, zone);
		if (note) item.json.problems = [...((item.json.problems as string[]) ?? []), note];
		items.push(item);
	}
	return { items, left: [] };
}

/** Why a fresh row's date does not place it (emitted once all the same), or undefined. */
function placementProblem(row: Row, window: Window, zone: string) {
	if (row.timeMs === undefined)
		return say.undated(row.dateText, say.window(window.fromMs, window.readToMs, zone));
	if (placedTime(row, window.fromMs, window.readToMs) === undefined)
		return say.misplaced(row.dateText, say.window(window.fromMs, window.readToMs, zone));
	return undefined;
}
