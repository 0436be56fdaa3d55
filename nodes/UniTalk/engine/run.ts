// One run of the node over its input items: parameters, the exactly-once ledger and progress.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toUniTalkError, unitalkDetails } from '../transport/failure';
import { accountZone } from '../transport/credential';
import { type Pacing, unitalkRequest, type UniTalkRequest } from '../transport/request';
import { asNodeError } from './errors';
import { fingerprint, Ledger } from './ledger';
import { Params } from './params';
import type { MultipartPart } from '../transport/multipart';
import type { Operation, Payload } from './types';

/** True for the error of a request an earlier try left with an unknown outcome: it is skipped, not sent. */
export function isFromEarlierTry(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.fromEarlierTry === true;
}

export type NodeError = NodeApiError | NodeOperationError;

export class NodeRun {
	readonly progress: Progress;
	/** What pacing did in this run, told to the user as an execution hint when it mattered. */
	readonly pacing: Pacing = { requests: 0, waitedMs: 0 };

	private constructor(
		readonly ctx: IExecuteFunctions,
		readonly op: Operation,
		readonly params: Params[],
		private readonly ledger: Ledger,
		private readonly runIndex: number,
	) {
		this.progress = new Progress(params.length);
	}

	static async start(ctx: IExecuteFunctions, op: Operation): Promise<NodeRun> {
		const zone = await zoneForSending(ctx);
		const labels = labelsOf(op.fields ?? []);
		const count = ctx.getInputData().length;
		const params = Array.from({ length: count }, (_, i) => new Params(ctx, i, zone, labels));
		const runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);
		return new NodeRun(ctx, op, params, Ledger.of(ctx), runIndex);
	}

	/** The transport request for one payload, in the body style the operation's endpoint takes. */
	request(payload: Payload, itemIndex: number, path = this.op.path ?? ''): UniTalkRequest {
		const { op } = this;
		const request: UniTalkRequest = {
			pacing: this.pacing,
			path,
			sideEffect: !!op.sideEffect,
			confirms: op.confirms,
			timeoutMs: op.timeoutMs,
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
	 * n8n execution hints: when pacing held requests back (so a long run is not a mystery), and when
	 * a list operation ran once per input item (the user may have wanted Execute Once).
	 */
	addHints(outputCount: number): void {
		const hints: NodeExecutionHint[] = [];
		if (this.pacing.waitedMs >= 2000) {
			const seconds = Math.round(this.pacing.waitedMs / 1000);
			hints.push({
				message: `UniTalk pacing: ${this.pacing.requests} requests, ${seconds} s spent waiting so the account stays under UniTalk's limit of 30 requests in 10 s (the credential's Request Budget sets the pace).`,
				location: 'outputPane',
			});
		}
		const listing = this.op.paginate || this.op.limitList;
		if (listing && this.params.length > 1) {
			hints.push({
				message: `This operation ran once for each of the ${this.params.length} input items (${outputCount} items in all). To run it once, turn on Settings → Execute Once.`,
				location: 'outputPane',
			});
		}
		if (hints.length) this.ctx.addExecutionHints?.(...hints);
	}

	get continueOnFail(): boolean {
		return this.ctx.continueOnFail();
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
			error.context.fromEarlierTry = true;
			throw error;
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

/**
 * A request that carried several items failed as a whole: the error names them all instead of the
 * first one (n8n would title a batch of 300 "[item 0]").
 */
function forRequest<T extends NodeError>(error: T, items: number[]): T {
	const distinct = [...new Set(items)].sort((a, b) => a - b);
	if (distinct.length < 2) return error;
	error.context.itemIndex = undefined;
	error.context.items = distinct;
	const carried = `This request carried ${itemRanges(distinct)}.`;
	error.description = error.description ? `${carried} ${error.description}` : carried;
	return error;
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

/**
 * What a run did before it stopped, by item: UniTalk accepted it, may have received it (answer
 * lost), or it was never sent. Every error that stops the node carries it.
 */
class Progress {
	private readonly states = new Map<number, 'accepted' | 'unknown'>();
	private acceptedUnits = 0;
	private unknownUnits = 0;

	constructor(private readonly itemCount: number) {}

	add(state: 'accepted' | 'unknown', items: number[], units: number): void {
		for (const item of items) if (this.states.get(item) !== 'unknown') this.states.set(item, state);
		if (state === 'accepted') this.acceptedUnits += units;
		else this.unknownUnits += units;
	}

	/** Adds the report to an error that stops the node (description and `context.progress`). */
	attach(error: NodeError): NodeError {
		if (error.context.progress) return error;
		const accepted = this.itemsIn('accepted');
		const unknown = this.itemsIn('unknown');
		const notSent = [...Array(this.itemCount).keys()].filter((item) => !this.states.has(item));
		error.context.progress = { accepted, unknown, notSent } as unknown as IDataObject;
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
					: 'Nothing was sent to UniTalk.';
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
