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
		presented = single(input.headers.authorization)
			?.replace(/^Bearer\s+/i, '')
			.trim();
	} else if (input.method === 'header') {
		// Header names are case-insensitive and never hold spaces: " X-Secret " is X-Secret.
		presented = single(input.headers[input.headerName.trim().toLowerCase()])?.trim();
	} else {
		presented = single(input.query.key);
	}
	if (presented === undefined || presented === '') return 401;
	return safeEqual(presented, input.expected) || sameUtf8Bytes(presented, input.expected)
		? 'ok'
		: 403;
}

/** One presented value as text; a list (`?key=a&key=b`) or an object (`?key[x]=1`) is none. */
function single(value: unknown): string | undefined {
	if (value === undefined) return undefined;
	return typeof value === 'string' ? value : '\u0000'; // something, never equal to a secret
}

/**
 * Node.js reads header values as Latin-1, one character per byte: a secret with Cyrillic letters
 * sent as UTF-8 arrives as its bytes. Those bytes are compared with the secret's UTF-8 bytes.
 */
function sameUtf8Bytes(presented: string, expected: string): boolean {
	// Latin-1 holds U+0000..U+00FF only; checked by char code (a regex for that range trips no-control-regex).
	for (let i = 0; i < presented.length; i++) if (presented.charCodeAt(i) > 0xff) return false;
	const left = Buffer.from(presented, 'latin1');
	const right = Buffer.from(expected, 'utf8');
	if (left.length !== right.length) return false;
	return timingSafeEqual(left, right);
}
