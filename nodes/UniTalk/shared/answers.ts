// The answers UniTalk waits for on ROUTE and voice-queue requests: one rule each, used by the
// trigger's "Fixed Answer at Once" and by Call Routing's Answer Route / Answer Queue Priority.
import { InputError, normalizePhone } from './validation';

export interface RouteAnswer {
	[key: string]: string | number | null;
	operatorNumber: string | null;
	callerName: string | null;
	ivrId: number | null;
}

/** A SIP line or phone number as digits; anything else (text, an empty value) is no number. */
function operator(value: unknown): string {
	const s = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return /^\+?[\d\s()-]{2,20}$/.test(s) ? normalizePhone(s) : '';
}

/** The operator (or the fallback, or none: the scenario decides), caller name and voice menu. */
export function routeAnswer(input: {
	operatorNumber: unknown;
	fallbackOperatorNumber?: unknown;
	callerName?: unknown;
	ivrId?: unknown;
}): RouteAnswer {
	const ivrId = Number(input.ivrId ?? 0);
	if (!Number.isSafeInteger(ivrId) || ivrId < 0)
		throw new InputError('"Voice Menu ID" must be a whole number (0 = none)', 'ivrId');
	const callerName = typeof input.callerName === 'string' ? input.callerName.trim() : '';
	return {
		operatorNumber:
			operator(input.operatorNumber) || operator(input.fallbackOperatorNumber) || null,
		callerName: callerName || null,
		ivrId: ivrId > 0 ? ivrId : null,
	};
}

/** UniTalk's queue priority: a whole 1 (lowest) to 10 (highest); anything else is the default 5. */
export function queueAnswer(priority: unknown): { setPriority: number } {
	const value = Math.round(Number(priority));
	return { setPriority: value >= 1 && value <= 10 ? value : 5 };
}
