// What an operation declaration may say: endpoint, body style, fields, build, output, batching.
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { MultipartPart } from '../transport/multipart';
import type { DeclaredEffect, Effect } from './effect';
import type { Params } from './params';

/** How an operation's parameters travel: UniTalk mixes JSON, form, query-only and multipart. */
export type BodyStyle = 'json' | 'form' | 'query' | 'multipart';

/** What `build` returns: the body (or query) for one request. */
export type Payload = IDataObject | { multipart: MultipartPart[] };

/**
 * One node operation, declared as data, of one of four kinds the compiler tells apart (a field of
 * another kind is a type error). The engine (engine/execute.ts) reads parameters, sends through the
 * transport and turns answers into items:
 * - `RequestOperation`: one request per item, optionally paged or limited;
 * - `BatchedOperation` (`batch`): many items packed into the fewest requests;
 * - `FanOutOperation` (`fanOut`): many requests per item (e.g. one per listed ID);
 * - `LocalOperation` (`run`): no request through the engine (a download, an answer to a trigger).
 */
export type Operation = RequestOperation | BatchedOperation | FanOutOperation | LocalOperation;

interface Declared {
	/** Operation value in the node parameters. */
	value: string;
	/** Get / Get Many / Create / Update / Delete wording. */
	name: string;
	action: string;
	description: string;
	fields?: INodeProperties[];
	/** What an error that stopped the node before anything was done says of it, for an operation that
	 * never calls UniTalk's API (default: "Nothing was sent to UniTalk."). */
	nothingDone?: string;
	/**
	 * Defaults of some fields when the node is an AI Agent tool (version 3 on), by field name: an
	 * agent cannot use what a step finds in its input (e.g. `$fromAI` for the phone).
	 */
	toolDefaults?: Record<string, string | boolean>;
}

/** An operation that talks to one UniTalk endpoint through the engine. */
interface Endpoint extends Declared {
	path: string;
	/** For /autodial/action: the `action` the engine puts in every body (checked against the reference). */
	apiAction?: string;
	body: BodyStyle;
	/**
	 * What sending it twice would do (engine/effect.ts), required: `READS`, `repeatable(why)`, or
	 * `notRepeatable(why)` for anything that could happen twice (an SMS, a call, a create), which is
	 * then never sent again once it may have reached UniTalk. May depend on one option of the item.
	 */
	effect: DeclaredEffect;
	timeoutMs?: number;
	/**
	 * UniTalk answers minutes later by design (Voice Analytics): the requests go in the key's slow
	 * lane, and the items run side by side within that lane's size.
	 */
	slow?: boolean;
	/**
	 * Items and executions asking the same thing (method and body) share one request, and its answer
	 * for this long: each request would start (and bill) the same work again.
	 */
	shareAnswerMs?: number;
	/** How UniTalk's answer says a side effect was done, when not with `"status": "Success"`. */
	confirms?: (response: unknown) => boolean;
	/**
	 * Send Once Per Key with a key the operation knows (e.g. callback:<autodialer>:<missed call>),
	 * switched by one of its own fields: the generic Send Once Per Key fields are then not offered.
	 */
	once?: DeclaredOnce;
}

export interface DeclaredOnce {
	/** Whether the run uses it (read from the first item, like Send Once Per Key). */
	enabled: (p: Params) => boolean;
	/** The item's key; throw InputError when it cannot be known (nothing is sent). */
	key: (p: Params) => string | Promise<string>;
	/** Keys are shared by every UniTalk node of the workflow, or kept per node. */
	scope: 'node' | 'workflow';
	/** The switch's name, which a skipped item's reason starts with. */
	label: string;
	/** More fields of a skipped item's output (what it would have done). */
	skipped?: (p: Params) => IDataObject | Promise<IDataObject>;
}

/** Fields no other kind may declare, so one declaration is always exactly one kind. */
interface NotRequest {
	build?: never;
	output?: never;
	simplify?: never;
	paginate?: never;
	limitList?: never;
}

export interface RequestOperation extends Endpoint {
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
	batch?: never;
	fanOut?: never;
	run?: never;
}

export interface BatchedOperation extends Endpoint, NotRequest {
	/** Combines many input items into few requests. */
	batch: Batch;
	fanOut?: never;
	run?: never;
}

export interface FanOutOperation extends Endpoint, NotRequest {
	/** Many requests per item, each paced, counted, ledgered and reported like any other. */
	fanOut: FanOut;
	batch?: never;
	run?: never;
}

export interface LocalOperation extends Declared, NotRequest {
	/** The item's output, computed without a request through the engine (downloads pace themselves). */
	run: (
		p: Params,
	) => Promise<INodeExecutionData | INodeExecutionData[] | IDataObject | IDataObject[]>;
	path?: never;
	body?: never;
	apiAction?: never;
	/** Stated for the reader and the operations list; the engine sends nothing for a local operation. */
	effect: Effect;
	timeoutMs?: never;
	confirms?: never;
	slow?: never;
	shareAnswerMs?: never;
	once?: never;
	batch?: never;
	fanOut?: never;
}

export interface FanOut {
	/** The payloads of one item's requests, all built before anything is sent. Throw InputError for bad input. */
	payloads: (p: Params) => Payload[] | Promise<Payload[]>;
	/** Records out of one answer; `index` is the request's place in `payloads` (default: `data`). */
	output?: (response: unknown, p: Params, index: number) => IDataObject | IDataObject[];
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
	 * their units is equal (same autodialer, same message type…). The engine adds the item's
	 * Batching options to the key. May be async: a million numbers are read in slices.
	 */
	units: (p: Params) => BatchUnits | Promise<BatchUnits>;
	/**
	 * Request payload for units of one group; `p` is the group's first item, `chunk` counts its
	 * requests. Every parameter it (or `pathFor`) reads must be equal across the group: the engine
	 * checks that before anything is sent and refuses the run when the group key missed one.
	 */
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
