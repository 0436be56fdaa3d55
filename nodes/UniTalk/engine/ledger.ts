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
const CLAIMED_KEY = 'unitalkClaimedKeys';
const FIRST_TRY_KEY = 'unitalkFirstTryAt';

/** Send Once Per Key's keys this execution claimed (plain JSON: n8n saves the context with the execution). */
export class ClaimedKeys {
	constructor(private readonly keys: Record<string, true>) {}
	has(key: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.keys, key);
	}
	add(key: string): void {
		this.keys[key] = true;
	}
	delete(key: string): void {
		delete this.keys[key];
	}
}

/**
 * The ledger lives in the node's execution context (`getContext('node')`), which n8n keeps in the
 * execution's own data: n8n's Retry On Fail re-runs the node inside the same execution and finds
 * it, and n8n saves it with a failed execution. It is per execution on purpose: a new execution
 * (the next missed call) must send its SMS even when the text and number are the same as before.
 * n8n's `checkProcessedAndRecord` remembers values across executions, so it would suppress those
 * legitimate repeats; Send Once Per Key (engine/once.ts) uses it with a key the user names.
 */
export class Ledger {
	private constructor(
		private readonly entries: Record<string, LedgerEntry>,
		/** Keys of Send Once Per Key claimed in this execution: its own on a Retry On Fail. */
		readonly claimedKeys: ClaimedKeys,
	) {}

	static of(ctx: IExecuteFunctions): Ledger {
		let context: IDataObject | undefined;
		try {
			context = ctx.getContext('node') as IDataObject;
		} catch {
			context = undefined; // contexts without one (an AI tool call) still get a per-run ledger
		}
		const store = (context?.[CONTEXT_KEY] as Record<string, LedgerEntry> | undefined) ?? {};
		const claimed = (context?.[CLAIMED_KEY] as Record<string, true> | undefined) ?? {};
		if (context) {
			context[CONTEXT_KEY] = store;
			context[CLAIMED_KEY] = claimed;
		}
		return new Ledger(store, new ClaimedKeys(claimed));
	}

	/**
	 * When this run of the node was first tried, kept like the ledger: a time that goes into a
	 * request (a callback's "scheduled at") must be the same on Retry On Fail, or the repeat would
	 * be a new request the ledger does not know, and UniTalk would get it twice.
	 */
	static firstTryAt(ctx: IExecuteFunctions, runIndex: number): number {
		let context: IDataObject | undefined;
		try {
			context = ctx.getContext('node') as IDataObject;
		} catch {
			return Date.now(); // no context (an AI tool call): no retry to agree with either
		}
		const times = (context[FIRST_TRY_KEY] as Record<string, number> | undefined) ?? {};
		context[FIRST_TRY_KEY] = times;
		times[runIndex] ??= Date.now();
		return times[runIndex];
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
