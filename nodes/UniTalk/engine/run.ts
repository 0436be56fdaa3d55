// One run of the node over its input items: parameters, requests and the exactly-once ledger.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { setErrorState } from '../transport/errorState';
import { toUniTalkError, unitalkDetails } from '../transport/failure';
import { accountZone } from '../transport/credential';
import { type Pacing, unitalkRequest, type UniTalkRequest } from '../transport/request';
import { effectFor } from './effect';
import { asNodeError } from './errors';
import { forRequest, Progress } from './progress';
import { fingerprint, Ledger } from './ledger';
import { Params } from './params';
import type { MultipartPart } from '../transport/multipart';
import type { Operation, Payload } from './types';

export class NodeRun {
	readonly progress: Progress;
	/** What pacing did in this run, told to the user as an execution hint when it mattered. */
	readonly pacing: Pacing = { requests: 0, waitedMs: 0 };

	private constructor(
		readonly ctx: IExecuteFunctions,
		readonly op: Operation,
		readonly params: Params[],
		readonly ledger: Ledger,
		private readonly runIndex: number,
		/** n8n's Continue On Fail: failed items become error items and the rest go on. */
		readonly continueOnFail: boolean,
	) {
		this.progress = new Progress(params.length, op.nothingDone);
	}

	static async start(
		ctx: IExecuteFunctions,
		op: Operation,
		continueOnFail: boolean,
	): Promise<NodeRun> {
		const zone = await zoneForSending(ctx);
		const labels = labelsOf(op.fields ?? []);
		const count = ctx.getInputData().length;
		const owner: { run?: NodeRun } = {}; // the params' reads go through the run they belong to
		const params = Array.from({ length: count }, (_, i) => {
			const reader = async (path: string, json: IDataObject) =>
				await owner.run?.read(path, json, i);
			return new Params(ctx, i, zone, labels, reader);
		});
		const runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);
		owner.run = new NodeRun(ctx, op, params, Ledger.of(ctx), runIndex, continueOnFail);
		return owner.run;
	}

	/** A read made while building a request: paced and counted with the run's requests. */
	async read(path: string, json: IDataObject, itemIndex: number): Promise<unknown> {
		const request = { pacing: this.pacing, path, json, sideEffect: false, itemIndex };
		return await unitalkRequest(this.ctx, request);
	}

	/** The transport request for one payload, in the body style the operation's endpoint takes. */
	request(payload: Payload, itemIndex: number, path = this.op.path ?? ''): UniTalkRequest {
		const { op } = this;
		const request: UniTalkRequest = {
			pacing: this.pacing,
			path,
			sideEffect: !effectFor(op.effect, this.params[itemIndex]).repeatable,
			confirms: op.confirms,
			timeoutMs: op.timeoutMs,
			slow: op.slow,
			shareMs: op.shareAnswerMs,
			itemIndex,
		};
		if ('multipart' in payload && Array.isArray(payload.multipart))
			request.multipart = payload.multipart as MultipartPart[];
		// /autodial/action takes its action in the body: declared once, as `apiAction`.
		else if (op.body === 'json')
			request.json = op.apiAction ? { action: op.apiAction, ...payload } : (payload as IDataObject);
		else if (op.body === 'form') request.form = payload as IDataObject;
		else request.query = payload as IDataObject;
		return request;
	}

	/**
	 * Sends a request once per execution. A side effect UniTalk accepted earlier in this execution
	 * (before n8n's Retry On Fail, or before a retried execution) is answered from the ledger;
	 * one whose outcome was unknown fails again as "may have been sent", without sending.
	 */
	async send(request: UniTalkRequest, items: number[], units = items.length): Promise<unknown> {
		if (!request.sideEffect) return await unitalkRequest(this.ctx, request);
		const print = fingerprint(request, items, this.runIndex);
		const earlier = this.ledger.get(print);
		if (earlier?.state === 'accepted') {
			this.progress.add('accepted', items, units);
			return earlier.response;
		}
		if (earlier?.state === 'unknown') {
			this.progress.add('unknown', items, units);
			const message = `${earlier.message} (in an earlier try of this execution)`;
			const error = toUniTalkError(
				this.ctx.getNode(),
				{ kind: 'unknown', message, httpCode: 0 },
				items[0],
			);
			// Not a new failure: the repeat run goes on with what was never sent, then reports this.
			throw setErrorState(error, { fromEarlierTry: true });
		}
		try {
			const response = await unitalkRequest(this.ctx, request);
			this.ledger.record(print, { state: 'accepted', response });
			this.progress.add('accepted', items, units);
			return response;
		} catch (error) {
			const details = unitalkDetails(error);
			if (details.kind === 'unknown') {
				this.ledger.record(print, { state: 'unknown', message: String(details.message) });
				this.progress.add('unknown', items, units);
			}
			throw forRequest(asNodeError(this.ctx, error, items[0]), items);
		}
	}
}

/** The account's zone for every time sent; a zone name that is none stops the run before sending. */
async function zoneForSending(ctx: IExecuteFunctions): Promise<string> {
	const { zone, problem } = await accountZone(ctx);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, {
			description:
				'Use an IANA name such as Europe/Kyiv, the zone your UniTalk project is set to. Nothing was sent.',
		});
	}
	return zone;
}

/** Display names by parameter name, so validation messages name what the user sees. */
function labelsOf(fields: INodeProperties[]): Map<string, string> {
	const labels = new Map<string, string>();
	for (const field of fields) labels.set(field.name, field.displayName);
	return labels;
}
