/** Shared shapes of the UniTalk stand-in (a test server written from the API reference). */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface StandInRequest {
	path: string;
	query: Record<string, string>;
	body: Json;
	/** Raw parts of a multipart body (audio upload). */
	files: Record<string, { fileName: string; mimeType: string; size: number }>;
	contentType: string;
	headers: Record<string, string | string[] | undefined>;
}

export interface Reply {
	status: number;
	body: Json;
	contentType?: string;
	/** Extra response headers (e.g. Location for a redirect fault). */
	headers?: Record<string, string>;
	/**
	 * A hostile file host: `hang` never answers; otherwise `bytes` of body after the headers, one
	 * byte every `everyMs` (a trickle) or as fast as the client reads.
	 */
	stream?: { hang?: boolean; bytes?: number; everyMs?: number };
}

export const ok = (extra: Json = {}): Reply => ({
	status: 200,
	body: { status: 'Success', ...extra },
});
/** Documented errors arrive as HTTP 200 with "status": "Error" (the shape Postman shows). */
export const fail = (message: string, data?: Json): Reply => ({
	status: 200,
	body: data === undefined ? { status: 'Error', message } : { status: 'Error', message, data },
});
export const raw = (body: Json): Reply => ({ status: 200, body });

export type Handler = (req: StandInRequest) => Reply | Promise<Reply>;

/** UniTalk removes third-party characters; a number in international format has 10–15 digits. */
export function cleanPhone(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}
export function isValidPhone(value: unknown): boolean {
	const digits = cleanPhone(value);
	// +999 is an unassigned country code: a number our own check passes but UniTalk refuses.
	return /^[1-9]\d{9,14}$/.test(digits) && !digits.startsWith('999');
}
export function isDateTime(value: unknown): boolean {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value);
}
