// A wait that ends early when a signal aborts, on every supported n8n line. n8n-workflow 1.x has
// `sleepWithAbort` and 2.x does not (its `sleep` takes the signal instead), and the scanner forbids
// timers of our own; so the wait is n8n's plain `sleep`, in short steps that look at the signal.
import { sleep } from 'n8n-workflow';

/** How long an abort may go unnoticed, and how long a finished wait's last timer lingers. */
export const WAIT_STEP_MS = 100;

/** Waits `ms`, or less if `signal` aborts first; never rejects. Returns whether it was aborted. */
export async function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
	const end = Date.now() + ms;
	for (;;) {
		if (signal.aborted) return true;
		const left = end - Date.now();
		if (left <= 0) return false;
		await sleep(Math.min(left, WAIT_STEP_MS));
	}
}
