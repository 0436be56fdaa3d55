// Sender verification: API key or secret, in a header or as ?key=, compared in constant time.
import { timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How the trigger knows a request comes from UniTalk (configured on UniTalk's side by hand). */
export type Verification = 'apiKey' | 'apiKeyQuery' | 'header' | 'query' | 'none';

export interface VerifyInput {
	method: Verification;
	headers: IDataObject;
	query: IDataObject;
	/** The credential's API key (apiKey, apiKeyQuery) or the trigger's secret (header, query). */
	expected: string;
	headerName: string;
}

/** Compares in constant time so the secret cannot be guessed byte by byte from response times. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	if (left.length !== right.length) {
		timingSafeEqual(left, left);
		return false;
	}
	return timingSafeEqual(left, right);
}

/** 'ok', or the HTTP status to answer: 401 when nothing was presented, 403 when it is wrong. */
export function verify(input: VerifyInput): 'ok' | 401 | 403 {
	if (input.method === 'none') return 'ok';
	if (!input.expected) return 403;
	let presented: string | undefined;
	if (input.method === 'apiKey') {
		const header = input.headers.authorization;
		presented =
			header === undefined
				? undefined
				: String(header)
						.replace(/^Bearer\s+/i, '')
						.trim();
	} else if (input.method === 'header') {
		const header = input.headers[input.headerName.toLowerCase()];
		presented = header === undefined ? undefined : String(header).trim();
	} else {
		presented = input.query.key === undefined ? undefined : String(input.query.key);
	}
	if (presented === undefined || presented === '') return 401;
	return safeEqual(presented, input.expected) ? 'ok' : 403;
}
