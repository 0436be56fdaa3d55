// What this n8n process remembers about a trigger between polls, for the two cases n8n's saved
// state cannot cover: a poll still running when the next starts (n8n 1.x and 2.x's in-memory
// engine start polls on the interval, whether or not the last one ended), and a state n8n did not
// save (n8n 2.x saves a poll's state only when it emits, unless durable cursors are on: a first
// activation or a reset of unreadable state would otherwise start again from "now" at every poll).
import { createHash } from 'crypto';
import type { IPollFunctions } from 'n8n-workflow';

import type { PollState } from './state';

/** A poll older than this is taken as gone (an n8n that dropped it), not as still running. */
const STALE_MS = 10 * 60_000;
/** A state n8n did not save is used for this long at most (a later start begins anew). */
const KEEP_MS = 24 * 60 * 60_000;

const running = new Map<string, number>();
const unsaved = new Map<string, { state: string; keptAt: number }>();

/** The trigger in this workflow with these settings (a changed setting is a new trigger). */
export function triggerKey(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	const settings = createHash('sha256')
		.update(JSON.stringify([node.parameters, node.credentials ?? null]))
		.digest('hex')
		.slice(0, 16);
	return `${ctx.getWorkflow().id ?? ''}:${node.id}:${settings}`;
}

/** Marks the trigger's poll as running; false when one still runs in this process. */
export function startPoll(key: string): boolean {
	const since = running.get(key);
	if (since !== undefined && Date.now() - since < STALE_MS) return false;
	running.set(key, Date.now());
	return true;
}

export function endPoll(key: string): void {
	running.delete(key);
}

/** The state this process moved the trigger to while n8n kept none, if recent. */
export function unsavedState(key: string): PollState | undefined {
	const kept = unsaved.get(key);
	if (!kept || Date.now() - kept.keptAt > KEEP_MS) return undefined;
	return JSON.parse(kept.state) as PollState;
}

/** Remembers `state` until n8n is known to have saved one (a poll that emits, a readable state). */
export function keepUnsaved(key: string, state: PollState): void {
	// Triggers deactivated before n8n saved their state leave entries behind: drop the expired ones.
	for (const [other, { keptAt }] of unsaved)
		if (Date.now() - keptAt > KEEP_MS) unsaved.delete(other);
	unsaved.set(key, { state: JSON.stringify(state), keptAt: Date.now() });
}

export function forgetUnsaved(key: string): void {
	unsaved.delete(key);
}
