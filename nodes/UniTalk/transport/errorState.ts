// What an error knows beyond its words, typed, read and written only here: why UniTalk failed, what
// the run had done when it stopped, which items it concerns. It travels in the n8n error's
// `context` (n8n keeps that with the execution), under the names below; nothing else touches them.
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorKind } from './errorCatalog';

/**
 * - unknown: a request that could do its thing twice may have been executed (lost answer, timeout,
 *   5xx, unrecognisable answer): never repeated, reported as "may have been sent".
 * - notSent: provably never reached UniTalk (connection refused, DNS): safe to repeat.
 * - readFailed / unreadable: a read that failed or whose answer is not UniTalk's.
 * - redirect: UniTalk's address answered with a redirect we do not follow.
 * - tooLarge: a download over its size cap, refused.
 */
export type FailureKind =
	| ErrorKind
	| 'unknown'
	| 'notSent'
	| 'readFailed'
	| 'unreadable'
	| 'redirect'
	| 'tooLarge';

export interface ErrorState {
	/** UniTalk's own message, why it failed, and its `data` (e.g. the numbers it refused). */
	unitalk?: { message?: string; kind?: FailureKind; data?: unknown };
	/** A request an earlier try of this execution left unknown: skipped now, reported once. */
	fromEarlierTry?: boolean;
	/** What the run had done when this error stopped it, by item. */
	progress?: { accepted: number[]; unknown: number[]; notSent: number[] };
	/** The items a failed request carried (then no single `itemIndex`). */
	items?: number[];
	/** The values our checks or UniTalk refused (phone numbers). */
	invalid?: unknown[];
}

type ErrorWithState = NodeApiError | NodeOperationError;

/** The state an error carries; empty for anything that is not one of ours. */
export function errorState(error: unknown): Readonly<ErrorState> {
	const context = (error as { context?: unknown } | undefined)?.context;
	return context && typeof context === 'object' ? (context as ErrorState) : {};
}

/** Adds to an error's state; `items` replaces its single item. */
export function setErrorState<T extends ErrorWithState>(error: T, state: ErrorState): T {
	const context = error.context as ErrorState & { itemIndex?: number };
	for (const [name, value] of Object.entries(state) as Array<[keyof ErrorState, unknown]>)
		(context as Record<string, unknown>)[name] = value;
	if (state.items) context.itemIndex = undefined;
	return error;
}
