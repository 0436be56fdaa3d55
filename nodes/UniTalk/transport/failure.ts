// Why a UniTalk call failed, and the n8n error that explains it.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorState, type FailureKind, setErrorState } from './errorState';

/** Why a UniTalk call did not succeed, before it becomes an n8n error. */
export interface Failure {
	/** Why, as errorState.ts lists the kinds (`unknown`: it may have been sent). */
	kind: FailureKind;
	message: string;
	httpCode: number;
	/** UniTalk's `data` (e.g. the invalid numbers of "Wrong numbers"). */
	data?: unknown;
	explanation?: string;
	/** Our words for the error's title (the catalogue's), with UniTalk's message after it. */
	title?: string;
}

/** The words for an outcome nobody can know: used in every such error and in docs/errors.md. */
export const MAY_HAVE_BEEN_SENT =
	'UniTalk may have received and executed this request (it may have been sent).';

const HINTS: Partial<Record<Failure['kind'], string>> = {
	auth: 'UniTalk rejected the API key. Copy it again from the "API" page of your UniTalk account and check the credential\'s "Send Key As" setting.',
	rateLimited:
		"UniTalk temporarily blocked this key for too many requests (30 in 10 s). Another system may be using the same key: lower the credential's Request Budget.",
	banned:
		'UniTalk has blocked this account (more than 100 requests in 10 s). Contact UniTalk support to unblock it; no further requests were retried.',
	unknown: `${MAY_HAVE_BEEN_SENT} It was not repeated, so nothing goes out twice: check in UniTalk (message status, autodialer, call history) before sending it again.`,
	notSent:
		"Nothing reached UniTalk, so nothing was sent. Check the credential's Base URL and the network, then run again.",
	readFailed: 'UniTalk could not answer this read. Nothing was changed; run again later.',
	unreadable:
		'The answer was not one UniTalk gives (a proxy or a wrong Base URL?). Nothing was changed.',
	tooLarge:
		'Raise "Max Recording Size (MB)" in the options if such large recordings are expected. Nothing was kept.',
	redirect:
		"UniTalk's address answered with a redirect, which is not followed for API methods (the API key must stay on UniTalk's host). Nothing was executed. Check the credential's Base URL.",
};

/** UniTalk error → NodeApiError whose message is UniTalk's and whose description explains it. */
export function toUniTalkError(
	node: INode,
	failure: Failure,
	itemIndex?: number,
	attempts = 1,
): NodeApiError {
	const explanation = failure.explanation ?? HINTS[failure.kind] ?? 'UniTalk refused the request.';
	const parts = [explanation];
	const dataText = describeData(failure.data);
	if (dataText) parts.push(dataText);
	if (attempts > 1) parts.push(`Gave up after ${attempts} attempts.`);
	// Only a real HTTP error code is shown: UniTalk answers documented errors with HTTP 200.
	const httpCode = failure.httpCode >= 300 ? String(failure.httpCode) : undefined;
	const response = { message: failure.message, data: (failure.data ?? null) as JsonObject };
	const error = new NodeApiError(node, response as unknown as JsonObject, {
		message: failure.title
			? `UniTalk: ${failure.title} ("${failure.message}")`
			: `UniTalk: ${failure.message}`,
		description: parts.join(' '),
		httpCode,
		itemIndex,
	});
	if (!httpCode) error.httpCode = null;
	return setErrorState(error, {
		unitalk: { message: failure.message, kind: failure.kind, data: failure.data ?? null },
	});
}

/** The UniTalk details an error carries: its message, why, and UniTalk's data. */
export function unitalkDetails(
	error: unknown,
): NonNullable<ReturnType<typeof errorState>['unitalk']> {
	return errorState(error).unitalk ?? {};
}

function describeData(data: unknown): string {
	if (data === undefined || data === null) return '';
	const list = Array.isArray(data) ? data : undefined;
	if (list && list.length > 0) {
		const shown = list
			.slice(0, 10)
			.map((entry) => (typeof entry === 'object' ? JSON.stringify(entry) : String(entry)));
		return `Details: ${shown.join(', ')}${list.length > 10 ? ` (+${list.length - 10} more)` : ''}.`;
	}
	if (typeof data === 'object' && Object.keys(data as object).length > 0) {
		return `Details: ${JSON.stringify(data).slice(0, 500)}.`;
	}
	return typeof data === 'object' ? '' : `Details: ${String(data)}.`;
}
