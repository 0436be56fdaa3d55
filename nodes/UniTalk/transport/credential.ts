// What the transport reads from the UniTalk API credential: the key, where the account lives.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
