// Batched operations: many items' units packed into the fewest requests, one result per item.
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { setErrorState } from '../transport/errorState';
import { unitalkDetails } from '../transport/failure';
import { InputError } from '../shared/validation';
import {
	asNodeError,
	errorJson,
	isFromEarlierTry,
	type NodeError,
	refuseIgnoredItem,
} from './errors';
import type { Params } from './params';
import { claimOnce } from './once';
import type { NodeRun } from './run';
import type { Unit, UnitResult } from './types';

interface Group {
	/** The group's first item: everything but the units is equal across the items of a group. */
	params: Params;
	units: Unit[];
	/** The group's own Batching option (items with different options never share a group). */
	sendValidRest: boolean;
}

/** Units handled between two breaks for the event loop (ROUTE answers share this process). */
const UNITS_PER_SLICE = 20_000;

/**
 * Packs the units of all input items (numbers, messages, TTS texts…) into the fewest requests the
 * API allows, then gives every input item its own output item with its units' outcomes.
 *
 * With Continue On Fail off, the first request UniTalk refuses stops the node: nothing more is
 * sent, nothing is re-sent, and the error says what earlier requests delivered. With it on, each
 * item gets its own result, and numbers UniTalk named as invalid are left out of a second try.
 */
export async function runBatched(run: NodeRun): Promise<INodeExecutionData[]> {
	const { params } = run;
	const failures = new Map<number, NodeError>();
	let groups = await groupUnits(run, failures);
	if (failures.size && !run.continueOnFail) throw failures.values().next().value;
	const once = await claimOnce(
		run,
		params.filter((p) => !failures.has(p.itemIndex)),
	);
	for (const [item, error] of once?.failures ?? []) failures.set(item, error);
	if (failures.size && !run.continueOnFail) throw failures.values().next().value;
	if (once?.skipped.size || once?.failures.size) groups = withoutItems(groups, once, failures);
	try {
		for (const group of groups) await checkGroupPayload(run, group);
		return await sendGroups(run, groups, failures, once?.skipped);
	} finally {
		await once?.settle();
	}
}

/** Groups without the units of items Send Once Per Key skips or could not read a key for. */
function withoutItems(
	groups: Group[],
	once: { skipped: Map<number, unknown> },
	failures: Map<number, NodeError>,
): Group[] {
	const left = (unit: Unit) => !once.skipped.has(unit.item) && !failures.has(unit.item);
	return groups
		.map((group) => ({ ...group, units: group.units.filter(left) }))
		.filter((group) => group.units.length > 0);
}

async function sendGroups(
	run: NodeRun,
	groups: Group[],
	failures: Map<number, NodeError>,
	skipped?: Map<number, INodeExecutionData>,
): Promise<INodeExecutionData[]> {
	const { params } = run;
	const batch = run.op.batch!;

	const results: UnitResult[] = [];
	for (const group of groups) {
		const sendable: Unit[] = [];
		for (const [i, unit] of group.units.entries()) {
			if (unit.invalid) results.push({ unit, ok: false, error: unit.invalid });
			else sendable.push(unit);
			// Counted over all units: counting the sendable ones slept once per invalid unit before the first.
			if (i % UNITS_PER_SLICE === UNITS_PER_SLICE - 1) await sleep(0);
		}
		let index = 0;
		for (const chunk of chunks(sendable, batch.maxPerRequest, !!batch.uniqueKeys)) {
			const sendValidRest = run.continueOnFail && group.sendValidRest;
			for (const result of await sendChunk(run, group.params, chunk, sendValidRest, index++))
				results.push(result);
			await sleep(0);
		}
	}

	const byItem = new Map<number, UnitResult[]>();
	for (let i = 0; i < results.length; i++) {
		const result = results[i];
		const own = byItem.get(result.unit.item);
		if (own) own.push(result);
		else byItem.set(result.unit.item, [result]);
		if (i % UNITS_PER_SLICE === UNITS_PER_SLICE - 1) await sleep(0);
	}
	const output: INodeExecutionData[] = [];
	let firstError: NodeError | undefined;
	for (const p of params) {
		const skip = skipped?.get(p.itemIndex);
		if (skip) {
			output.push(skip);
			continue;
		}
		const own = byItem.get(p.itemIndex) ?? [];
		let failure = failures.get(p.itemIndex);
		if (!failure && own.length > 0 && own.every((r) => !r.ok))
			failure = itemFailure(run, p.itemIndex, own);
		if (!failure) {
			output.push({ json: batch.summarize(p, own), pairedItem: { item: p.itemIndex } });
		} else if (run.continueOnFail) {
			const summary = own.length ? batch.summarize(p, own) : {};
			output.push({
				json: { ...errorJson(failure), ...summary },
				pairedItem: { item: p.itemIndex },
			});
		} else {
			firstError = firstError ?? failure;
		}
	}
	if (firstError) throw firstError;
	return output;
}

/** Items' units by group key; a group may hold a million numbers, so this yields as it goes. */
async function groupUnits(run: NodeRun, failures: Map<number, NodeError>): Promise<Group[]> {
	const batch = run.op.batch!;
	const groups = new Map<string, Group>();
	let handled = 0;
	for (const p of run.params) {
		try {
			refuseIgnoredItem(run.ctx, p.itemIndex);
			const { group, units } = await batch.units(p);
			const invalid = run.continueOnFail ? [] : units.filter((unit) => unit.invalid);
			if (invalid.length) {
				const shown = invalid.slice(0, 5).map((unit) => unit.invalid);
				throw new InputError(
					`${shown.join('; ')}${invalid.length > 5 ? ` (+${invalid.length - 5} more)` : ''}`,
					undefined,
					invalid.map((u) => u.key),
				);
			}
			// The Batching options are the item's own: they belong to its group key.
			const options = p.collection('batching');
			const sendValidRest = options.sendValidRest !== false;
			const key =
				options.combineItems !== false
					? `${group}\u0000rest=${sendValidRest}`
					: `${group}\u0000item=${p.itemIndex}`;
			let target = groups.get(key);
			if (!target) groups.set(key, (target = { params: p, units: [], sendValidRest }));
			for (const unit of units) {
				target.units.push(unit); // no spread: a list can hold 1,000,000 numbers
				if (++handled >= UNITS_PER_SLICE) {
					handled = 0;
					await sleep(0);
				}
			}
		} catch (error) {
			failures.set(p.itemIndex, asNodeError(run.ctx, error, p.itemIndex));
		}
		if (handled >= UNITS_PER_SLICE) {
			handled = 0;
			await sleep(0);
		}
	}
	for (const [key, group] of groups) {
		if (!batch.maxPerGroup || group.units.length <= batch.maxPerGroup.limit) continue;
		const error = new InputError(
			batch.maxPerGroup.message.replace('{count}', String(group.units.length)),
		);
		for (const item of new Set(group.units.map((u) => u.item)))
			failures.set(item, asNodeError(run.ctx, error, item));
		groups.delete(key);
	}
	return [...groups.values()];
}

/**
 * A request carries the group's first item's parameters for all its items, so before anything is
 * sent, every parameter its payload (and path) reads must be equal across the group's items. A
 * declaration whose group key misses one would send item 0's value for all: refused, not guessed.
 */
async function checkGroupPayload(run: NodeRun, group: Group): Promise<void> {
	const batch = run.op.batch!;
	const { params: probe, read } = group.params.tracked();
	const sample = group.units.slice(0, batch.maxPerRequest);
	batch.pathFor?.(probe, sample);
	await batch.payload(probe, sample, 0);
	if (!read.size) return;
	const first = group.params;
	const seen = new Set<number>([first.itemIndex]);
	const valueOf = (p: Params, name: string) => JSON.stringify(p.get(name, null)) ?? 'undefined';
	const expected = new Map([...read].map((name) => [name, valueOf(first, name)]));
	for (const unit of group.units) {
		if (seen.has(unit.item)) continue;
		seen.add(unit.item);
		const other = run.params[unit.item];
		for (const [name, value] of expected) {
			if (valueOf(other, name) === value) continue;
			throw new NodeOperationError(
				run.ctx.getNode(),
				`Items ${first.itemIndex} and ${unit.item} would share one request, but their "${first.label(name)}" differs`,
				{
					itemIndex: unit.item,
					description: `The request carries "${first.label(name)}" once, so item ${unit.item} would go out with item ${first.itemIndex}'s value. Nothing was sent. This is a defect of the operation's declaration (its group key): please report it; until then, turn off Batching → Combine Items.`,
				},
			);
		}
	}
}

/**
 * Splits units into requests of at most `max`. With unique keys a repeated key (the same phone in
 * sendBulk's messages map) goes to a later request; every unit is placed in amortised O(1).
 */
function chunks(units: Unit[], max: number, uniqueKeys: boolean): Unit[][] {
	const result: Unit[][] = [];
	if (!uniqueKeys) {
		for (let i = 0; i < units.length; i += max) result.push(units.slice(i, i + max));
		return result;
	}
	const keysOf: Array<Set<string>> = [];
	const lastChunkOf = new Map<string, number>();
	let firstOpen = 0;
	for (const unit of units) {
		while (result[firstOpen]?.length >= max) firstOpen++;
		let target = Math.max(firstOpen, (lastChunkOf.get(unit.key) ?? -1) + 1);
		while (result[target]?.length >= max || keysOf[target]?.has(unit.key)) target++;
		if (!result[target]) {
			result[target] = [];
			keysOf[target] = new Set();
		}
		result[target].push(unit);
		keysOf[target].add(unit.key);
		lastChunkOf.set(unit.key, target);
	}
	return result;
}

async function sendChunk(
	run: NodeRun,
	first: Params,
	units: Unit[],
	sendValidRest: boolean,
	chunk: number,
): Promise<UnitResult[]> {
	const batch = run.op.batch!;
	const items = [...new Set(units.map((unit) => unit.item))];
	try {
		const path = batch.pathFor ? batch.pathFor(first, units) : run.op.path;
		const request = run.request(await batch.payload(first, units, chunk), units[0].item, path);
		const response = await run.send(request, items, units.length);
		return batch.results
			? batch.results(response, units)
			: units.map((unit) => ({ unit, ok: true }));
	} catch (error) {
		const details = unitalkDetails(error);
		const unchanged = details.message ? batch.unchanged?.(first, details.message) : undefined;
		if (unchanged) return units.map((unit) => ({ unit, ok: true, unchanged }));
		const named =
			sendValidRest && details.message
				? batch.rejected?.(details.message, details.data, units)
				: undefined;
		if (named?.length && named.length <= units.length) {
			// UniTalk executed nothing: report the numbers it named and send the rest once more.
			const rejected = new Set(named);
			const error = `UniTalk: ${details.message}`;
			const results: UnitResult[] = named.map((unit) => ({
				unit,
				ok: false,
				error,
				unitalkMessage: details.message,
			}));
			const rest = units.filter((unit) => !rejected.has(unit));
			if (rest.length)
				for (const result of await sendChunk(run, first, rest, false, chunk)) results.push(result);
			return results;
		}
		const nodeError = asNodeError(run.ctx, error, units[0].item);
		if (!run.continueOnFail && !isFromEarlierTry(error)) throw nodeError;
		const unknown = unitalkDetails(error).kind === 'unknown';
		return units.map((unit) => ({
			unit,
			ok: false,
			unknown,
			error: nodeError.message,
			failure: nodeError,
		}));
	}
}

function itemFailure(run: NodeRun, itemIndex: number, results: UnitResult[]): NodeError {
	const shared = results[0].failure;
	if (shared && results.every((r) => r.failure === shared))
		return asNodeError(run.ctx, shared, itemIndex);
	const reasons = [...new Set(results.map((r) => r.error ?? 'failed'))].join('; ');
	const error = new NodeOperationError(
		run.ctx.getNode(),
		`Nothing of item ${itemIndex} was accepted: ${reasons}`,
		{
			itemIndex,
			description: `Rejected: ${results
				.map((r) => r.unit.key)
				.slice(0, 20)
				.join(', ')}`,
		},
	);
	const invalid = results.map((r) => r.unit.key);
	const messages = [...new Set(results.map((r) => r.unitalkMessage).filter(Boolean))];
	const unitalk = messages.length === 1 ? { message: messages[0], data: invalid } : undefined;
	return setErrorState(error, { invalid, ...(unitalk ? { unitalk } : {}) });
}
