// What the transport reads from the UniTalk API credential: the key, where the account lives.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const CREDENTIAL_NAME = 'uniTalkApi';

/** The zone a UniTalk account keeps its times in, when the credential does not say. */
export const DEFAULT_ACCOUNT_ZONE = 'Europe/Kyiv';
const DEFAULT_BASE_URL = 'https://api.unitalk.cloud/api';

/** The key as UniTalk sees it: pasted keys often carry a stray space or line break. */
export function apiKeyOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.apiKey ?? '').trim();
}

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
}

/**
 * The one reading of the zone UniTalk keeps the account's times in: the credential's "UniTalk Time
 * Zone" (its default when empty), or the workflow's zone where there is no credential (Answer Route
 * and a trigger without one). A name that is no time zone comes back as `problem`, with the default
 * zone: the node refuses to send with it, the trigger notes it and reads times in the default.
 */
export async function accountZone(ctx: {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	getTimezone(): string;
}): Promise<{ zone: string; problem?: string }> {
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	} catch {
		return { zone: ctx.getTimezone() };
	}
	const zone = credentialZone(credentials);
	if (isTimeZone(zone)) return { zone };
	return {
		zone: DEFAULT_ACCOUNT_ZONE,
		problem: `The credential's "UniTalk Time Zone" ("${zone}") is not a time zone name`,
	};
}

/** An IANA time zone name this Node.js knows (the credential's UniTalk Time Zone). */
export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** The credential's "UniTalk Time Zone" (the default when left empty); check it with isTimeZone. */
export function credentialZone(credentials: { timeZone?: unknown }): string {
	return String(credentials.timeZone || DEFAULT_ACCOUNT_ZONE).trim();
}
