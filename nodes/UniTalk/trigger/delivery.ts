// One webhook delivery as the mode handlers see it, and how the trigger answers UniTalk.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { kindOf } from './parse';

export interface Delivery {
	body: IDataObject;
	/** Fields the trigger adds to every item: the computed `kind`, and `problems` when the body was repaired. */
	computed: IDataObject;
	/** `{ raw: body }` when Include Raw Body is on (off unless added), else nothing. */
	rawCopy: IDataObject;
	options: IDataObject;
}

export function delivery(ctx: IWebhookFunctions, body: IDataObject, problems: string[]): Delivery {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const computed: IDataObject = { kind: kindOf(body) };
	if (problems.length) computed.problems = problems;
	const rawCopy = options.includeRaw === true ? { raw: body } : {};
	return { body, computed, rawCopy, options };
}

export const RECEIVED: IDataObject = { status: 'Success', message: 'Received' };

/**
 * Answers UniTalk now and starts the workflow with `workflowData` (if any). Every immediate answer is
 * written here: n8n 2.x's onReceived mode would send the literal 'firstEntryJson' otherwise.
 */
export function reply(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
	workflowData?: IWebhookResponseData['workflowData'],
): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true, workflowData };
}
