// Repeated deliveries: UniTalk may post the same call event again (e.g. when our answer was slow).
// A repeat is the same delivery again, not another event of the same name: its normalised content
// (event, call, operators, state, times…) must equal the last delivery of that call and event.
import { createHash } from 'crypto';

/** How long a delivered event is remembered. */
const REPEAT_WINDOW_MS = 10 * 60_000;
/** Bound on remembered events, so a flood cannot grow memory without limit. */
const MAX_REMEMBERED = 50_000;

const last = new Map<string, { content: string; at: number }>();

/**
 * True when `content` equals the last delivery of the same `slot` (trigger, call and event) within
 * the window; every delivery becomes the slot's last. A call redirected to 2000, then 2001, then
 * 2000 again gives three events, none a repeat, and the same body posted three times starts once.
 * Only the last content per slot is kept: a resend that arrives after a newer event of the same
 * name starts again, because merging distinct events would lose them. Kept in this n8n process:
 * in queue mode every webhook process keeps its own memory (docs/queue-mode.md).
 */
export function isRepeat(slot: string, content: unknown, now = Date.now()): boolean {
	for (const [known, entry] of last) {
		if (now - entry.at < REPEAT_WINDOW_MS && last.size <= MAX_REMEMBERED) break; // oldest first
		last.delete(known);
	}
	const digest = createHash('sha256').update(JSON.stringify(content)).digest('base64');
	const previous = last.get(slot);
	last.delete(slot); // re-inserted last, so the map stays in delivery order
	last.set(slot, { content: digest, at: now });
	return (
		previous !== undefined && previous.content === digest && now - previous.at < REPEAT_WINDOW_MS
	);
}
