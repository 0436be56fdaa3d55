import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { unitalkDetails } from '../transport/failure';
import { unitalkRequest } from '../transport/request';
import { InputError } from '../validation';
import { asNodeError, errorJson } from './errors';
import { toRequest } from './execute';
import { Params } from './params';
import type { Batch, Operation, Unit, UnitResult } from './types';

interface Group {
	first: Params;
	units: Unit[];
}

/**
 * Packs the units of all input items (numbers, messages, TTS texts…) into the fewest requests the
 * API allows, then gives every input item its own output item with its units' outcomes.
 */
export async function runBatched(ctx: IExecuteFunctions, op: Operation): Promise<INodeExecutionData[]> {
	const batch = op.batch!;
	const count = ctx.getInputData().length;
	const params = Array.from({ length: count }, (_, i) => new Params(ctx, i));
	const combine = params.length > 0 && params[0].collection('batching').combineItems !== false;
	const retryRest = params.length > 0 && params[0].collection('batching').sendValidRest !== false;

	const failures = new Map<number, ReturnType<typeof asNodeError>>();
	const groups = new Map<string, Group>();
	for (const p of params) {
		try {
			const { group, units } = batch.units(p);
			const key = combine ? group : `${group}\u0000${p.itemIndex}`;
			const target = groups.get(key) ?? { first: p, units: [] };
			for (const unit of units) target.units.push(unit); // no spread: a list can hold 1,000,000 numbers
			groups.set(key, target);
		} catch (error) {
			failures.set(p.itemIndex, asNodeError(ctx, error, p.itemIndex));
		}
	}
	for (const [key, group] of groups) {
		if (!batch.maxPerGroup || group.units.length <= batch.maxPerGroup.limit) continue;
		const error = new InputError(batch.maxPerGroup.message.replace('{count}', String(group.units.length)));
		for (const item of new Set(group.units.map((u) => u.item))) failures.set(item, asNodeError(ctx, error, item));
		groups.delete(key);
	}
	if (failures.size && !ctx.continueOnFail()) throw failures.values().next().value;

	const results: UnitResult[] = [];
	for (const { first, units } of groups.values()) {
		const sendable = units.filter((unit) => !unit.invalid);
		for (const unit of units) if (unit.invalid) results.push({ unit, ok: false, error: unit.invalid });
		let index = 0;
		for (const chunk of chunks(sendable, batch.maxPerRequest, !!batch.uniqueKeys)) {
			for (const result of await sendChunk(ctx, op, first, chunk, retryRest, index++)) results.push(result);
		}
	}

	const byItem = new Map<number, UnitResult[]>();
	for (const result of results) byItem.set(result.unit.item, [...(byItem.get(result.unit.item) ?? []), result]);
	const output: INodeExecutionData[] = [];
	let firstError: ReturnType<typeof asNodeError> | undefined;
	for (const p of params) {
		const own = byItem.get(p.itemIndex) ?? [];
		let failure = failures.get(p.itemIndex);
		if (!failure && own.length > 0 && own.every((r) => !r.ok)) {
			failure = itemFailure(ctx, p.itemIndex, own);
		}
		if (failure) {
			if (!ctx.continueOnFail()) {
				firstError = firstError ?? failure;
				continue;
			}
			output.push({ json: { ...errorJson(failure), ...(own.length ? batch.summarize(p, own) : {}) }, pairedItem: { item: p.itemIndex } });
			continue;
		}
		output.push({ json: batch.summarize(p, own), pairedItem: { item: p.itemIndex } });
	}
	if (firstError) throw firstError;
	return output;
}

/** Splits units into requests of at most `max`; with unique keys a repeated key waits for a later request. */
function chunks(units: Unit[], max: number, uniqueKeys: boolean): Unit[][] {
	if (!uniqueKeys) {
		const result: Unit[][] = [];
		for (let i = 0; i < units.length; i += max) result.push(units.slice(i, i + max));
		return result;
	}
	const result: Array<{ units: Unit[]; keys: Set<string> }> = [];
	for (const unit of units) {
		let target = result.find((c) => c.units.length < max && !c.keys.has(unit.key));
		if (!target) result.push((target = { units: [], keys: new Set() }));
		target.units.push(unit);
		target.keys.add(unit.key);
	}
	return result.map((c) => c.units);
}

async function sendChunk(
	ctx: IExecuteFunctions,
	op: Operation,
	first: Params,
	units: Unit[],
	retryRest: boolean,
	chunk: number,
): Promise<UnitResult[]> {
	const batch: Batch = op.batch!;
	try {
		const target = batch.pathFor ? { ...op, path: batch.pathFor(first, units) } : op;
		const response = await unitalkRequest(ctx, toRequest(target, await batch.payload(first, units, chunk), units[0].item));
		return batch.results ? batch.results(response, units) : units.map((unit) => ({ unit, ok: true }));
	} catch (error) {
		const details = unitalkDetails(error);
		const rejected = retryRest && details.message ? batch.rejected?.(details.message, details.data, units) : undefined;
		if (rejected?.length && rejected.length <= units.length) {
			// UniTalk executed nothing; report the rejected units and send the rest once more.
			const rejectedResults = rejected.map((unit) => ({ unit, ok: false, error: `UniTalk: ${details.message}`, unitalkMessage: details.message }));
			const rest = units.filter((unit) => !rejected.includes(unit));
			return rest.length ? [...rejectedResults, ...(await sendChunk(ctx, op, first, rest, false, chunk))] : rejectedResults;
		}
		const nodeError = asNodeError(ctx, error, units[0].item);
		if (!ctx.continueOnFail()) throw nodeError;
		return units.map((unit) => ({ unit, ok: false, error: nodeError.message, failure: nodeError }));
	}
}

function itemFailure(ctx: IExecuteFunctions, itemIndex: number, results: UnitResult[]): ReturnType<typeof asNodeError> {
	const shared = results[0].failure;
	if (shared && results.every((r) => r.failure === shared)) return asNodeError(ctx, shared, itemIndex);
	const reasons = [...new Set(results.map((r) => r.error ?? 'failed'))].join('; ');
	const error = new NodeOperationError(ctx.getNode(), `Nothing of item ${itemIndex + 1} was accepted: ${reasons}`, {
		itemIndex,
		description: `Rejected: ${results.map((r) => r.unit.key).slice(0, 20).join(', ')}`,
	});
	error.context.invalid = results.map((r) => r.unit.key);
	const messages = [...new Set(results.map((r) => r.unitalkMessage).filter(Boolean))];
	if (messages.length === 1) error.context.unitalk = { message: messages[0], data: results.map((r) => r.unit.key) };
	return error;
}
