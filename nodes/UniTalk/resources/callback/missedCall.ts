// The missed call a callback is for: on the input item, or on the item of an earlier step that the
// input item comes from (n8n's paired items), so Schedule a Callback works right after the trigger
// and after any steps in between (Message → Send, a CRM lookup, an If) with nothing typed.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { text } from '../../shared/callRecord';

export interface FoundCall {
	/** The call's item: the UniTalk Trigger's or Call History Trigger's call fields. */
	call: IDataObject;
	/** Where it was found: "the input item" or the step's name. */
	foundIn: string;
	/** A name for the caller met on the way from the input item to the call (nearest first). */
	name?: string;
}

/** How far back the search goes: beyond this many steps a workflow is no longer "after the call". */
const MAX_STEPS_BACK = 25;

/** Fields that name the person in the items users put between the trigger and this step. */
const NAME_FIELDS = ['name', 'customerName', 'contactName', 'clientName', 'fullName'];

/**
 * A call record (shared/callRecord.ts) as the triggers and History output it: an ID and the
 * customer's number field. `customerNumber` may be null (a hidden number): still the call, so the
 * error can say the call has no number rather than that no call was found.
 */
export function isCallItem(json: IDataObject | undefined): json is IDataObject {
	if (!json || typeof json !== 'object') return false;
	return 'customerNumber' in json && (text(json.callId) !== null || text(json.dbId) !== null);
}

function nameOf(json: IDataObject | undefined): string | undefined {
	for (const field of NAME_FIELDS) {
		const value = json?.[field];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return undefined;
}

/**
 * The nearest missed call behind input item `itemIndex`: the item itself, else the paired item of
 * each earlier step, nearest step first. Paired items are n8n's own record of which input item made
 * which output item (every UniTalk operation keeps it), so a step in between need not carry the
 * call's fields. Undefined when no step before holds a call the item comes from.
 */
export function findMissedCall(ctx: IExecuteFunctions, itemIndex: number): FoundCall | undefined {
	const input = ctx.getInputData()[itemIndex]?.json;
	let name = nameOf(input);
	if (isCallItem(input)) return { call: input, foundIn: 'the input item', name };
	for (const step of stepsBack(ctx)) {
		const json = pairedJson(ctx, itemIndex, step);
		if (!json) continue;
		name = name ?? nameOf(json);
		if (isCallItem(json)) return { call: json, foundIn: `"${step}"`, name };
	}
	return undefined;
}

/** The steps before this one, nearest first (n8n lists parents depth-first, so depth by depth). */
function stepsBack(ctx: IExecuteFunctions): string[] {
	// Older n8n versions have no getParentNodes: the input item alone is then searched.
	if (typeof ctx.getParentNodes !== 'function') return [];
	const self = ctx.getNode().name;
	const seen = new Set<string>();
	const ordered: string[] = [];
	for (let depth = 1; depth <= MAX_STEPS_BACK; depth++) {
		let parents: Array<{ name: string; disabled?: boolean }>;
		try {
			parents = ctx.getParentNodes(self, { depth });
		} catch {
			break; // not in a workflow (an AI tool call): nothing behind to search
		}
		const before = seen.size;
		for (const parent of parents) {
			if (seen.has(parent.name)) continue;
			seen.add(parent.name);
			if (!parent.disabled) ordered.push(parent.name);
		}
		if (seen.size === before) break;
	}
	return ordered;
}

/** The item of `step` that input item `itemIndex` comes from, or undefined when none is known. */
function pairedJson(
	ctx: IExecuteFunctions,
	itemIndex: number,
	step: string,
): IDataObject | undefined {
	try {
		const proxy = ctx.getWorkflowDataProxy(itemIndex);
		const item = (proxy.$(step) as { item?: { json?: IDataObject } }).item;
		return item?.json;
	} catch {
		// Not run in this execution, on another branch, or paired items lost (a Code step that
		// builds new items): that step holds no call for this item.
		return undefined;
	}
}
