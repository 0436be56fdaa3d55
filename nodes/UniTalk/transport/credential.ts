// What the transport reads from the UniTalk API credential: the key, where the account lives.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialZone, DEFAULT_ACCOUNT_ZONE, isTimeZone } from '../shared/validation';

export const CREDENTIAL_NAME = 'uniTalkApi';
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
