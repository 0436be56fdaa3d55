// The shape of one request the transport sends for the engine, a dropdown or the trigger.
import type { IDataObject } from 'n8n-workflow';

import type { MultipartPart } from './multipart';

/** One UniTalk call. Every UniTalk method is a POST; the body style depends on the endpoint. */
export interface UniTalkRequest {
	path: string;
	json?: IDataObject;
	form?: IDataObject;
	query?: IDataObject;
	multipart?: MultipartPart[];
	/** True when a repeat could do the thing twice (send an SMS, place a call, create…). */
	sideEffect: boolean;
	/** For side effects: how the answer says it was done (default: `"status": "Success"`). */
	confirms?: (body: unknown) => boolean;
	timeoutMs?: number;
	/**
	 * Answered minutes later by design (Voice Analytics): sent in the key's slow lane, so it never
	 * takes a place other requests need; UniTalk's cap on analyses is waited out, not given up.
	 */
	slow?: boolean;
	/** Asks for the same thing (method and body) share one request, and its answer this long. */
	shareMs?: number;
	/** Counts requests and the time spent waiting for the pacing queue (for the run's hints). */
	pacing?: Pacing;
	itemIndex?: number;
}

export interface Pacing {
	requests: number;
	waitedMs: number;
	/** The first block UniTalk answered during the run, as the execution hint tells it. */
	block?: BlockNote;
}

/** A temporary block of the key, as this process saw it. */
export interface BlockNote {
	/** When the block answer arrived (ms since 1970). */
	at: number;
	/** Requests this process had sent with the key in the 10 s before the refused one. */
	sent: number;
	/** Within this process's own budget: others send with the key too. */
	shared: boolean;
	/** 1 for a first block, 2 and more for blocks that repeat within minutes. */
	repeat: number;
	/** How long every request of the key waits before one probes. */
	waitMs: number;
	/** This process's pace (requests per 10 s) before the block and now. */
	paceBefore: number;
	pace: number;
	/** The Request Budget that would have kept this process's part under UniTalk's 30. */
	suggestedBudget: number;
}
