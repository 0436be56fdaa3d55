// Exactly once: what UniTalk accepted in this execution is never sent again by this node.
import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { UniTalkRequest } from '../transport/request';

/**
 * One entry per request with a side effect: `accepted` keeps UniTalk's answer (so a repeat run
 * rebuilds the same output without sending), `unknown` keeps the message of an answer that never
 * came (so a repeat run reports "may have been sent" again instead of sending).
 */
export type LedgerEntry =
	| { state: 'accepted'; response: unknown }
	| { state: 'unknown'; message: string };

const CONTEXT_KEY = 'unitalkLedger';

/**
 * The ledger lives in the node's execution context (`getContext('node')`), which n8n keeps in the
 * execution's own data: n8n's Retry On Fail re-runs the node inside the same execution and finds
 * it, and n8n saves it with a failed execution. It is per execution on purpose: a new execution
 * (the next missed call) must send its SMS even when the text and number are the same as before.
 * n8n's `checkProcessedAndRecord` was the other candidate; it remembers values for a whole
 * workflow forever, so it would suppress those legitimate repeats (see README, Errors).
 */
export class Ledger {
	private constructor(private readonly entries: Record<string, LedgerEntry>) {}

	static of(ctx: IExecuteFunctions): Ledger {
		let context: IDataObject | undefined;
		try {
			context = ctx.getContext('node') as IDataObject;
		} catch {
			context = undefined; // contexts without one (an AI tool call) still get a per-run ledger
		}
		const store = (context?.[CONTEXT_KEY] as Record<string, LedgerEntry> | undefined) ?? {};
		if (context) context[CONTEXT_KEY] = store;
		return new Ledger(store);
	}

	get(fingerprint: string): LedgerEntry | undefined {
		return this.entries[fingerprint];
	}

	record(fingerprint: string, entry: LedgerEntry): void {
		this.entries[fingerprint] = entry;
	}
}

/**
 * Identifies one request of one run of the node: the same items sending the same payload to the
 * same method. Identical payloads from different items (two equal SMS) stay distinct; multipart
 * parts are hashed by content, since their encoding carries a random boundary.
 */
export function fingerprint(request: UniTalkRequest, items: number[], runIndex: number): string {
	const hash = createHash('sha256');
	hash.update(`${runIndex}\n${request.path}\n${items.join(',')}\n`);
	hash.update(JSON.stringify(request.json ?? request.form ?? request.query ?? null));
	for (const part of request.multipart ?? []) {
		hash.update(`\n${part.field}=${createHash('sha256').update(part.content).digest('hex')}`);
	}
	return hash.digest('hex');
}
