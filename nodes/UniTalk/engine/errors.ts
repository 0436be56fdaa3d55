// Errors of one item: n8n errors that name the item, and error items for Continue On Fail.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorState, setErrorState } from '../transport/errorState';
import { unitalkDetails } from '../transport/failure';
import { ignoredEventOf, ignoredItemError } from '../shared/ignoredEvent';
import { InputError } from '../shared/validation';

export type NodeError = NodeApiError | NodeOperationError;

/** True for the error of a request an earlier try left with an unknown outcome: it is skipped, not sent. */
export function isFromEarlierTry(error: unknown): boolean {
	return errorState(error).fromEarlierTry === true;
}

/** Any failure of one item as an n8n error that names the item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// An error of a request that carried several items (context.items) names no single one.
		if (error.context.itemIndex === undefined && !errorState(error).items)
			error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	const invalid = error instanceof InputError ? error.invalid : undefined;
	const nodeError = new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description:
			error instanceof InputError
				? `Fix item ${itemIndex} and run again: the node checks every item before it sends anything. To send the valid items and get an error item for this one, turn on Continue On Fail (Settings → On Error).`
				: undefined,
	});
	return invalid ? setErrorState(nodeError, { invalid }) : nodeError;
}

/** The json of an error item under Continue On Fail: message, explanation and UniTalk's data. */
export function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const details = unitalkDetails(error);
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (details.message) json.unitalkMessage = details.message;
	if (details.data !== undefined && details.data !== null) json.data = details.data as IDataObject;
	const { invalid } = errorState(error);
	if (invalid) json.invalid = invalid as IDataObject[];
	return json;
}

/**
 * Refuses the UniTalk Trigger's Ignored placeholder before anything is built or sent: fed to a step,
 * it would fail later on a missing field with no word of where it came from.
 */
export function refuseIgnoredItem(ctx: IExecuteFunctions, itemIndex: number): void {
	const json = ctx.getInputData()[itemIndex]?.json;
	const found = json ? ignoredEventOf(json) : undefined;
	if (!found) return;
	const { message, description } = ignoredItemError(itemIndex, found);
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}
