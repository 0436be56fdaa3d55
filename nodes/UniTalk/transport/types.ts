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
	/** Counts requests and the time spent waiting for the pacing queue (for the run's hints). */
	pacing?: Pacing;
	itemIndex?: number;
}

export interface Pacing {
	requests: number;
	waitedMs: number;
}
