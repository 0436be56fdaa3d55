// Send Once Per Key: an item whose key was used before (in any execution, in any n8n process) is
// skipped, not sent. Keys are kept in n8n's database through n8n's own deduplication helpers.
import type { ICheckProcessedOptions, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError } from '../shared/validation';
import { alwaysDoesTwice } from './effect';
import { asNodeError, type NodeError } from './errors';
import type { Params } from './params';
import type { NodeRun } from './run';

export const DEFAULT_KEYS_REMEMBERED = 10_000;

/**
 * The keys this run claimed, and the items it skips. A key is claimed before its item is sent, so
 * two executions with the same key do not both send it; once the run ends, the key of an item
 * UniTalk never acted on is given back (the next run sends it), and the key of an item UniTalk
 * accepted, or may have received, is kept.
 */
export interface OnceClaim {
	/** Items not to send, with their output (`skipped` and the reason), paired with the item. */
	skipped: Map<number, INodeExecutionData>;
	/** Items whose key could not be read: errors before anything is sent. */
	failures: Map<number, NodeError>;
	/** Gives back the keys of items UniTalk did not act on; keeps the others. */
	settle(): Promise<void>;
}

/** Claims the keys of `params` when Send Once Per Key is on; undefined when it is off. */
export async function claimOnce(run: NodeRun, params: Params[]): Promise<OnceClaim | undefined> {
	// An operation may declare its own key (Schedule a Callback: one per missed call).
	const declared = run.op.run ? undefined : run.op.once;
	if (
		run.op.run ||
		!alwaysDoesTwice(run.op.effect) ||
		!params.length ||
		!(declared ? declared.enabled(params[0]) : params[0].bool('sendOncePerKey'))
	)
		return undefined;
	const scope = declared
		? declared.scope
		: params[0].str('onceScope', 'node') === 'workflow'
			? 'workflow'
			: 'node';
	const options: ICheckProcessedOptions = {
		mode: 'entries',
		maxEntries: declared
			? DEFAULT_KEYS_REMEMBERED
			: params[0].num('onceKeysRemembered', DEFAULT_KEYS_REMEMBERED),
	};
	const keyOf = async (p: Params) => (declared ? await declared.key(p) : p.text('onceKey')).trim();
	const skipOf = async (p: Params, key: string, why: string) => {
		const item = skip(p, key, why, declared?.label);
		if (declared?.skipped) item.json = { ...(await declared.skipped(p)), ...item.json };
		return item;
	};
	const helpers = run.ctx.helpers;
	const claimedHere = run.ledger.claimedKeys;

	const keys = new Map<number, string>();
	const skipped = new Map<number, INodeExecutionData>();
	const failures = new Map<number, NodeError>();
	const firstItemOf = new Map<string, number>();
	for (const p of params) {
		try {
			const key = await keyOf(p);
			if (!key)
				throw new InputError(
					'"Key" is empty: Send Once Per Key needs a key per item, e.g. {{ $json.callId }}-missed-sms',
					'onceKey',
				);
			const earlier = firstItemOf.get(key);
			if (earlier !== undefined) {
				skipped.set(
					p.itemIndex,
					await skipOf(p, key, `item ${earlier} of this run has the same key`),
				);
				continue;
			}
			firstItemOf.set(key, p.itemIndex);
			keys.set(p.itemIndex, key);
		} catch (error) {
			failures.set(p.itemIndex, asNodeError(run.ctx, error, p.itemIndex));
		}
	}

	// Bad input stops the run before anything is claimed or sent (unless Continue On Fail).
	if (failures.size && !run.continueOnFail) return { skipped, failures, settle: async () => {} };

	// Keys this execution claimed in an earlier try (Retry On Fail) are its own: the ledger answers them.
	const fresh = [...keys.values()].filter((key) => !claimedHere.has(key));
	let used = new Set<string>();
	if (fresh.length) {
		try {
			const { processed } = await helpers.checkProcessedAndRecord(fresh, scope, options);
			used = new Set(processed.map(String));
		} catch (error) {
			throw new NodeOperationError(
				run.ctx.getNode(),
				`Send Once Per Key could not read n8n's record of used keys: ${(error as Error).message}`,
				{
					description:
						'Nothing was sent to UniTalk. Run again; if it persists, turn Send Once Per Key off.',
				},
			);
		}
	}
	for (const p of params) {
		const key = keys.get(p.itemIndex);
		if (key === undefined || !used.has(key)) continue;
		keys.delete(p.itemIndex);
		// n8n's helper keeps values only, so an accepted key and one whose answer never came read alike.
		const reason =
			'UniTalk accepted it, or may have received it, in an earlier run (or another run is sending it now)';
		skipped.set(p.itemIndex, await skipOf(p, key, reason));
	}
	for (const key of keys.values()) claimedHere.add(key);

	return {
		skipped,
		failures,
		async settle() {
			const giveBack = [...keys]
				.filter(([item]) => run.progress.stateOf(item) === undefined)
				.map(([, key]) => key);
			if (!giveBack.length) return;
			await helpers.removeProcessed(giveBack, scope, options);
			for (const key of giveBack) claimedHere.delete(key);
		},
	};
}

function skip(
	p: Params,
	key: string,
	why: string,
	label = 'Send Once Per Key',
): INodeExecutionData {
	const json: IDataObject = {
		skipped: true,
		key,
		reason: `${label}: not sent, the key "${key}" was used before: ${why}.`,
	};
	return { json, pairedItem: { item: p.itemIndex } };
}
