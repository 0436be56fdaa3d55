// What a run did, in the user's words: per item accepted, may have been sent, or not sent; and the
// items a failed request carried. Every error that stops the node carries this report.
import { NodeApiError } from 'n8n-workflow';

import { errorState, setErrorState } from '../transport/errorState';
import { unitalkDetails } from '../transport/failure';
import type { NodeError } from './errors';

/**
 * What a run did before it stopped, by item: UniTalk accepted it, may have received it (answer
 * lost), or it was never sent. Every error that stops the node carries it.
 */
export class Progress {
	private readonly states = new Map<number, 'accepted' | 'unknown'>();
	private acceptedUnits = 0;
	private unknownUnits = 0;

	constructor(
		private readonly itemCount: number,
		private readonly nothingDone = 'Nothing was sent to UniTalk.',
	) {}

	add(state: 'accepted' | 'unknown', items: number[], units: number): void {
		for (const item of items) if (this.states.get(item) !== 'unknown') this.states.set(item, state);
		if (state === 'accepted') this.acceptedUnits += units;
		else this.unknownUnits += units;
	}

	/** What became of one item so far: UniTalk accepted it, may have received it, or nothing yet. */
	stateOf(item: number): 'accepted' | 'unknown' | undefined {
		return this.states.get(item);
	}

	/** Adds the report to an error that stops the node (description and `context.progress`). */
	attach(error: NodeError): NodeError {
		if (errorState(error).progress) return error;
		const accepted = this.itemsIn('accepted');
		const unknown = this.itemsIn('unknown');
		const notSent = [...Array(this.itemCount).keys()].filter((item) => !this.states.has(item));
		setErrorState(error, { progress: { accepted, unknown, notSent } });
		const parts: string[] = [];
		if (accepted.length)
			parts.push(`UniTalk accepted ${this.acceptedUnits} (${itemRanges(accepted)})`);
		if (unknown.length)
			parts.push(`may have been sent: ${this.unknownUnits} (${itemRanges(unknown)})`);
		if (notSent.length) parts.push(`not sent: ${itemRanges(notSent)}`);
		// A refusal was sent but carried out nothing; bad input and refused connections sent nothing.
		const refused = error instanceof NodeApiError && unitalkDetails(error).kind !== 'notSent';
		const report =
			accepted.length || unknown.length
				? `Before this error: ${parts.join('; ')}. ${RERUN}`
				: refused
					? 'UniTalk carried out nothing of this run.'
					: this.nothingDone;
		error.description = [error.description, report].filter(Boolean).join(' ');
		return error;
	}

	private itemsIn(state: 'accepted' | 'unknown'): number[] {
		return [...this.states]
			.filter(([, s]) => s === state)
			.map(([item]) => item)
			.sort((a, b) => a - b);
	}
}

const RERUN =
	'Retry On Fail and retrying this execution send only what was not sent: what UniTalk accepted, or may have received, is never sent again.';

/** "item 0", "items 0–99, 120" in n8n's own item numbering (from 0). */
function itemRanges(items: number[]): string {
	const ranges: string[] = [];
	for (let i = 0; i < items.length; i++) {
		let end = i;
		while (end + 1 < items.length && items[end + 1] === items[end] + 1) end++;
		ranges.push(end > i ? `${items[i]}–${items[end]}` : String(items[i]));
		i = end;
	}
	return `${items.length === 1 ? 'item' : 'items'} ${ranges.slice(0, 8).join(', ')}${ranges.length > 8 ? ', …' : ''}`;
}

/**
 * A request that carried several items failed as a whole: the error names them all instead of the
 * first one (n8n would title a batch of 300 "[item 0]").
 */
export function forRequest<T extends NodeError>(error: T, items: number[]): T {
	const distinct = [...new Set(items)].sort((a, b) => a - b);
	if (distinct.length < 2) return error;
	setErrorState(error, { items: distinct });
	const carried = `This request carried ${itemRanges(distinct)}.`;
	error.description = error.description ? `${carried} ${error.description}` : carried;
	return error;
}
