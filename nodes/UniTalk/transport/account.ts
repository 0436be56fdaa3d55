// One UniTalk account as the transport sees it: where it lives, its pace, and how to hide its key.
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { apiKeyOf, baseUrlOf } from './credential';
import { type KeyLimiter, limiterFor } from './limiter';
import { type Scrubbers, scrubbersFor } from './scrub';

export interface Account extends Scrubbers {
	baseUrl: string;
	/** The Authorization header: the key, plain or "Bearer", as the credential says. */
	authorization: string;
	limiter: KeyLimiter;
}

/**
 * One limiter per account, identified by a hash of the normalised key (never the key itself), so
 * two credentials holding the same key, or one base URL spelt two ways, still share one pace; the
 * lowest Request Budget among them applies. `credentialId` tells those credentials apart.
 */
export function accountOf(
	credentials: ICredentialDataDecryptedObject,
	credentialId?: string,
): Account {
	const key = apiKeyOf(credentials);
	const keyId = createHash('sha256').update(key).digest('hex');
	const limiter = limiterFor(keyId, credentials.requestBudget as number, credentialId);
	const authorization = credentials.authScheme === 'bearer' ? `Bearer ${key}` : key;
	return { baseUrl: baseUrlOf(credentials), authorization, limiter, ...scrubbersFor(key) };
}
