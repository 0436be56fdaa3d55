// The answers UniTalk waits for on ROUTE and voice-queue requests: one rule each, used by the
// trigger's "Fixed Answer at Once" and by Call Routing's Answer Route / Answer Queue Priority.
import { InputError, normalizePhone } from './validation';

export interface RouteAnswer {
	[key: string]: string | number | null;
	operatorNumber: string | null;
	callerName: string | null;
	ivrId: number | null;
}

/**
 * A SIP line or phone number as digits, or '' when empty (the fallback or the scenario decides).
 * Anything else is refused rather than replaced: an expression typed while the field was in Fixed
 * mode, or a name from a lookup, would otherwise send every call to the fallback without a word.
 */
function operator(value: unknown, label: string, field: string): string {
	const s = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (s === '') return '';
	if (/^\+?[\d\s().-]{2,20}$/.test(s) && normalizePhone(s).length >= 2) return normalizePhone(s);
	const shown = JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
	throw new InputError(
		s.includes('{{')
			? `"${label}" is the text ${shown}, not a number: the field is in Fixed mode. Switch it to Expression (hover the field, choose "Expression") so n8n fills in the value`
			: `"${label}" is not a SIP line or phone number (${shown}). Give digits such as 2048, or leave it empty to use the Fallback Operator Number (or let the scenario decide)`,
		field,
	);
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
	const fallback = operator(
		input.fallbackOperatorNumber,
		'Fallback Operator Number',
		'fallbackOperatorNumber',
	);
	return {
		operatorNumber:
			operator(input.operatorNumber, 'Operator Number', 'operatorNumber') || fallback || null,
		callerName: callerName || null,
		ivrId: ivrId > 0 ? ivrId : null,
	};
}

/** UniTalk's queue priority: a whole 1 (lowest) to 10 (highest); anything else is the default 5. */
export function queueAnswer(priority: unknown): { setPriority: number } {
	const value = Math.round(Number(priority));
	return { setPriority: value >= 1 && value <= 10 ? value : 5 };
}
