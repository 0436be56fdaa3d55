// Repeated deliveries: UniTalk may post the same call event again (e.g. when our answer was slow).

/** How long a delivered event is remembered. */
const REPEAT_WINDOW_MS = 10 * 60_000;
/** Bound on remembered events, so a flood cannot grow memory without limit. */
const MAX_REMEMBERED = 50_000;

const seen = new Map<string, number>();

/**
 * True when this exact event (same trigger, event and call) was delivered within the window; the
 * first delivery is recorded. Kept in this n8n process: in queue mode every webhook process keeps
 * its own memory (README, queue mode).
 */
export function isRepeat(key: string, now = Date.now()): boolean {
	for (const [known, at] of seen) {
		if (now - at < REPEAT_WINDOW_MS && seen.size <= MAX_REMEMBERED) break; // oldest first: the rest is newer
		seen.delete(known);
	}
	const at = seen.get(key);
	if (at !== undefined && now - at < REPEAT_WINDOW_MS) return true;
	seen.set(key, now);
	return false;
}
