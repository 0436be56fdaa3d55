// What an operation declaration may say: endpoint, body style, fields, build, output, batching.
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { MultipartPart } from '../transport/multipart';
import type { Params } from './params';

/** How an operation's parameters travel: UniTalk mixes JSON, form, query-only and multipart. */
export type BodyStyle = 'json' | 'form' | 'query' | 'multipart';

/** What `build` returns: the body (or query) for one request. */
export type Payload = IDataObject | { multipart: MultipartPart[] };

/**
 * One node operation, declared as data. The engine (engine/execute.ts) reads parameters, calls
 * `build`, sends through the transport, pages or batches, and turns answers into items.
 */
export interface Operation {
	/** Operation value in the node parameters. */
	value: string;
	/** Get / Get Many / Create / Update / Delete wording. */
	name: string;
	action: string;
	description: string;
	/** HTTP operations only: the endpoint. Local operations (`run`) declare no path and no body. */
	path?: string;
	/** For /autodial/action: the `action` the engine puts in every body (checked against the reference). */
	apiAction?: string;
	body?: BodyStyle;
	/** Sending it twice could do it twice (SMS, call, create…): never retried on ambiguous failures. */
	sideEffect?: boolean;
	timeoutMs?: number;
	/** How UniTalk's answer says a side effect was done, when not with `"status": "Success"`. */
	confirms?: (response: unknown) => boolean;
	fields?: INodeProperties[];
	/** Request body (or query) for one item. Throw InputError for bad input: nothing is sent. */
	build?: (p: Params) => Payload | Promise<Payload>;
	/** Records out of a successful answer (default: `data`, else the answer itself). */
	output?: (response: unknown, p: Params) => IDataObject | IDataObject[];
	/** Output of one record when "Simplify" is on (adds the Simplify switch). */
	simplify?: (record: IDataObject, p: Params) => IDataObject;
	/** Pages through a list with limit/offset (adds Return All + Limit). */
	paginate?: Pagination;
	/** Adds Return All + Limit applied to an unpaged list answer. */
	limitList?: boolean;
	/** Combines many input items into few requests. */
	batch?: Batch;
	/** For operations that are not one request per item (downloads, answers without HTTP). */
	run?: (
		p: Params,
	) => Promise<INodeExecutionData | INodeExecutionData[] | IDataObject | IDataObject[]>;
}

export interface Pagination {
	/** Largest page UniTalk allows for this method. */
	maxPageSize: number;
	/** Writes limit and offset into the payload. */
	page: (payload: IDataObject, offset: number, limit: number) => void;
	records: (response: unknown) => IDataObject[];
	/** Total count when UniTalk reports it, so the last page is never fetched in vain. */
	total?: (response: unknown) => number | undefined;
}

/** One thing an item contributes to a combined request: a number, a message, a TTS text… */
export interface Unit {
	item: number;
	/** What UniTalk echoes back in per-unit results and error data (usually the phone number). */
	key: string;
	value: unknown;
	/** Set when the unit failed our own validation: it is reported, never sent. */
	invalid?: string;
}

export interface UnitResult {
	unit: Unit;
	ok: boolean;
	/** UniTalk took the request but its answer does not say what became of this unit. */
	unknown?: boolean;
	data?: IDataObject;
	error?: string;
	/** UniTalk's message when it rejected this unit (e.g. "Wrong numbers"). */
	unitalkMessage?: string;
	/** The n8n error when the whole request failed (keeps UniTalk's message and data). */
	failure?: Error;
	/** Done as asked, yet unchanged, and why (e.g. already in the autodialer): no error. */
	unchanged?: string;
}

export interface Batch {
	/** Documented maximum of units per request. */
	maxPerRequest: number;
	/**
	 * Units of one item plus the group key: items only share a request when everything but
	 * their units is equal (same autodialer, same message type…).
	 */
	/** May be async: a list of a million numbers is read in slices, with breaks for the event loop. */
	units: (p: Params) => BatchUnits | Promise<BatchUnits>;
	/** Request payload for units of one group; `p` is the group's first item, `chunk` counts its requests. */
	payload: (p: Params, units: Unit[], chunk: number) => Payload | Promise<Payload>;
	/** Another path for some requests (e.g. a lone message goes to /message/send, not sendBulk). */
	pathFor?: (p: Params, units: Unit[]) => string;
	/** Per-unit outcome from a successful answer (default: every unit ok). */
	results?: (response: unknown, units: Unit[]) => UnitResult[];
	/** Units named in a documented error's data (e.g. "Wrong numbers"); the rest is sent again. */
	rejected?: (message: string, data: unknown, units: Unit[]) => Unit[] | undefined;
	/**
	 * An answer that says UniTalk changed nothing for these units, and an expected reason: an
	 * outcome for each unit (`unchanged`), not an error (Add Numbers run again: "Numbers not added").
	 */
	unchanged?: (p: Params, message: string) => string | undefined;
	/** Output item of one input item from its units' outcomes. */
	summarize: (p: Params, results: UnitResult[]) => IDataObject;
	/** Most units one group may hold in total (e.g. 1,000,000 numbers per autodialer). */
	maxPerGroup?: { limit: number; message: string };
	/** Keep each unit key at most once per request (e.g. sendBulk's messages map keyed by phone). */
	uniqueKeys?: boolean;
}

export interface BatchUnits {
	group: string;
	units: Unit[];
}
