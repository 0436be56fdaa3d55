// A failed check of the Call History Trigger: why (for n8n 2.x's poll back-off), and that the calls
// since the last complete check wait, none skipped.
import type { IPollFunctions } from 'n8n-workflow';

import { unitalkDetails } from '../transport/failure';
import { notices as say } from './notices';
import { isTime, type PollState } from './state';

/** How long UniTalk's temporary block of a key lasts at least (its reference: "temporary blocking"). */
const BLOCK_WAIT_MS = 60_000;

/**
 * n8n 2.x's poll back-off reads why a poll failed from the error's `failure` (plain data): a key
 * UniTalk blocked for a while is "rate-limited" (it waits at least the block), a rejected key or a
 * banned account needs the user ("credential-invalid"), no answer is "temporarily-unavailable".
 * n8n 1.x ignores the field and polls again at the next interval.
 */
export function withFailureCause(error: unknown): unknown {
	const kind = unitalkDetails(error).kind;
	const failure =
		kind === 'rateLimited'
			? { cause: 'rate-limited', retryAfterMs: BLOCK_WAIT_MS }
			: kind === 'auth' || kind === 'banned'
				? { cause: 'credential-invalid' }
				: kind === 'notSent' || kind === 'readFailed' || kind === 'busy'
					? { cause: 'temporarily-unavailable' }
					: undefined;
	if (failure && error && typeof error === 'object')
		(error as { failure?: object }).failure = failure;
	return error;
}

/**
 * A failed check moves nothing on, so every call since the last complete one waits behind it: the
 * error says so (n8n shows only the error; the calls are not lost, just not emitted yet).
 */
export function withWaitingCalls(ctx: IPollFunctions, error: unknown): unknown {
	if (!error || typeof error !== 'object' || ctx.getMode() === 'manual') return error;
	const state = ctx.getWorkflowStaticData('node') as PollState;
	if (!isTime(state.watermark)) return error;
	const waiting = say.waitingCalls(state.watermark);
	const described = error as { description?: unknown };
	described.description =
		typeof described.description === 'string' && described.description
			? `${described.description} ${waiting}`
			: waiting;
	return error;
}
