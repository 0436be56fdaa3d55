// Runs one declared operation over all input items (one request per item, paging, limits).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { SLOW_LANE_SIZE } from '../transport/limiter';
import { unitalkRequest } from '../transport/request';
import { runBatched } from './batch';
import { mayDoTwice } from './effect';
import {
	asNodeError,
	errorJson,
	isFromEarlierTry,
	type NodeError,
	refuseIgnoredItem,
} from './errors';
import { addHints } from './hints';
import { claimOnce } from './once';
import { NodeRun } from './run';
import type { Params } from './params';
import type { Operation, Payload } from './types';

/** Reads run concurrently (the limiter still paces them); anything with side effects runs in order. */
const READ_CONCURRENCY = 4;

/**
 * Runs one declared operation over all input items. With `continueOnFail` (n8n's setting, read by
 * the node's execute()), a failed item becomes an error item paired with it and the rest go on.
 */
export async function executeOperation(
	ctx: IExecuteFunctions,
	op: Operation,
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const run = await NodeRun.start(ctx, op, continueOnFail);
	try {
		const output = op.batch ? await runBatched(run) : await runEachItem(run);
		addHints(run, output.length);
		return output;
	} catch (error) {
		// Whatever stops the node says what went out before it stopped.
		throw run.progress.attach(asNodeError(ctx, error, 0));
	}
}

async function runEachItem(run: NodeRun): Promise<INodeExecutionData[]> {
	const { ctx, op, params } = run;
	const count = params.length;

	// Build every payload first: with Continue On Fail off, bad input stops the node before anything is sent.
	const payloads: Array<Payload | Payload[] | undefined> = [];
	const failures = new Map<number, NodeError>();
	for (const p of params) {
		try {
			refuseIgnoredItem(ctx, p.itemIndex);
			if ((op.paginate || op.limitList) && !p.bool('returnAll')) p.limit();
			if (op.fanOut) payloads.push(await op.fanOut.payloads(p));
			else payloads.push(op.build ? await op.build(p) : undefined);
		} catch (error) {
			payloads.push(undefined);
			failures.set(p.itemIndex, asNodeError(ctx, error, p.itemIndex));
		}
	}
	if (failures.size && !run.continueOnFail) throw failures.values().next().value;
	const once = await claimOnce(
		run,
		params.filter((p) => !failures.has(p.itemIndex)),
	);
	for (const [item, error] of once?.failures ?? []) failures.set(item, error);
	if (failures.size && !run.continueOnFail) throw failures.values().next().value;

	const outputs: INodeExecutionData[][] = new Array(count);
	let stop: NodeError | undefined;
	let skipped: NodeError | undefined; // left unknown by an earlier try: reported once the rest went out
	let next = 0;
	const worker = async () => {
		while (next < count && !stop) {
			const i = next++;
			const failed = failures.get(i);
			const notSending = once?.skipped.get(i);
			if (notSending) {
				outputs[i] = [notSending];
				continue;
			}
			try {
				if (failed) throw failed;
				outputs[i] = await runItem(run, params[i], payloads[i]);
			} catch (error) {
				const nodeError = asNodeError(ctx, error, i);
				if (run.continueOnFail)
					outputs[i] = [{ json: errorJson(nodeError), pairedItem: { item: i } }];
				else if (isFromEarlierTry(error)) skipped = skipped ?? nodeError;
				else stop = stop ?? nodeError;
			}
		}
	};
	// A slow operation's items wait minutes each: side by side, within the slow lane's places (the
	// ledger and the shared answers keep each one once); anything else with side effects in order.
	const workers = op.slow
		? Math.min(SLOW_LANE_SIZE, count)
		: mayDoTwice(op.effect)
			? 1
			: Math.min(READ_CONCURRENCY, count);
	try {
		await Promise.all(Array.from({ length: workers }, worker));
	} finally {
		await once?.settle();
	}
	if (stop ?? skipped) throw stop ?? skipped;
	return outputs.flat();
}

async function runItem(
	run: NodeRun,
	p: Params,
	payload?: Payload | Payload[],
): Promise<INodeExecutionData[]> {
	const { op } = run;
	const paired = { item: p.itemIndex };
	if (op.run) {
		const result = await op.run(p);
		return (Array.isArray(result) ? result : [result]).map((entry) =>
			'json' in entry && typeof entry.json === 'object'
				? { ...(entry as INodeExecutionData), pairedItem: paired }
				: { json: entry as IDataObject, pairedItem: paired },
		);
	}
	let records = op.fanOut
		? await fetchEach(run, p, payload as Payload[])
		: op.paginate
			? await fetchPages(run, p, payload as IDataObject)
			: await fetchOnce(run, p, payload as Payload | undefined);
	if (op.limitList && !p.bool('returnAll')) records = records.slice(0, p.limit());
	const simplify = op.simplify && p.bool('simplify', true) ? op.simplify : undefined;
	return records.map((record) => ({
		json: simplify ? simplify(record, p) : record,
		pairedItem: paired,
	}));
}

async function fetchOnce(run: NodeRun, p: Params, payload?: Payload): Promise<IDataObject[]> {
	const response = await run.send(run.request(payload ?? {}, p.itemIndex), [p.itemIndex]);
	return asRecords(run.op.output ? run.op.output(response, p) : defaultOutput(response));
}

/** A fan-out item's requests, one after the other: each is paced and, with a side effect, ledgered. */
async function fetchEach(run: NodeRun, p: Params, payloads: Payload[]): Promise<IDataObject[]> {
	const { output } = run.op.fanOut!;
	const records: IDataObject[] = [];
	for (const [index, payload] of payloads.entries()) {
		const response = await run.send(run.request(payload, p.itemIndex), [p.itemIndex]);
		records.push(...asRecords(output ? output(response, p, index) : defaultOutput(response)));
	}
	return records;
}

/** Return All pages until the API has no more; a Limit asks for exactly what is missing. */
async function fetchPages(run: NodeRun, p: Params, base: IDataObject): Promise<IDataObject[]> {
	const paging = run.op.paginate!;
	const wanted = p.bool('returnAll') ? Infinity : p.limit();
	const records: IDataObject[] = [];
	for (let offset = 0; records.length < wanted; ) {
		const limit = Math.min(paging.maxPageSize, wanted - records.length);
		const payload: IDataObject = JSON.parse(JSON.stringify(base)) as IDataObject;
		paging.page(payload, offset, limit);
		const response = await unitalkRequest(run.ctx, run.request(payload, p.itemIndex));
		const page = paging.records(response);
		for (const record of page) records.push(record);
		offset += page.length;
		const total = paging.total?.(response);
		if (page.length < limit || (total !== undefined && offset >= total)) break;
	}
	return records;
}

/** UniTalk answers either a bare value/array or {status, message, data}. */
export function defaultOutput(response: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	if (response && typeof response === 'object') {
		const body = response as IDataObject;
		if (
			'status' in body &&
			body.data !== undefined &&
			body.data !== null &&
			typeof body.data === 'object'
		) {
			return body.data as IDataObject | IDataObject[];
		}
		return body;
	}
	return { result: response as string };
}

function asRecords(value: IDataObject | IDataObject[]): IDataObject[] {
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry) => (entry && typeof entry === 'object' ? entry : { value: entry }));
}
