// The answers UniTalk waits for on ROUTE and voice-queue requests: one rule each, used by the
// trigger's "Fixed Answer at Once" and by Call Routing's Answer Route / Answer Queue Priority.
import { InputError, normalizePhone } from './validation';

export interface RouteAnswer {
	[key: string]: string | number | null;
	operatorNumber: string | null;
	callerName: string | null;
	ivrId: number | null;
}

/** A SIP line or phone number as digits, '' when empty, undefined when it is something else. */
function operator(value: unknown): string | undefined {
	const s = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (s === '') return '';
	return /^\+?[\d\s().-]{2,20}$/.test(s) && normalizePhone(s).length >= 2
		? normalizePhone(s)
		: undefined;
}

/**
 * Why a value typed as an operator is not one: an expression typed while the field was in Fixed mode,
 * or a name from a lookup. Either would otherwise send every call to the fallback without a word.
 */
export function notAnOperator(value: unknown, label: string): string {
	const s = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	const shown = JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
	return s.includes('{{')
		? `"${label}" is the text ${shown}, not a number: the field is in Fixed mode. Switch it to Expression (hover the field, choose "Expression") so n8n fills in the value`
		: `"${label}" is not a SIP line or phone number (${shown}). Give digits such as 2048, or leave it empty to use the Fallback Operator Number (or let the scenario decide)`;
}

/**
 * The operator (or the fallback, or none: the scenario decides), caller name and voice menu. A value
 * that is not a number is refused; with `onNotANumber` (Answer Route version 1) it is reported there
 * and treated as empty, as version 1 always did.
 */
export function routeAnswer(
	input: {
		operatorNumber: unknown;
		fallbackOperatorNumber?: unknown;
		callerName?: unknown;
		ivrId?: unknown;
	},
	onNotANumber?: (problem: string) => void,
): RouteAnswer {
	const ivrId = Number(input.ivrId ?? 0);
	if (!Number.isSafeInteger(ivrId) || ivrId < 0)
		throw new InputError('"Voice Menu ID" must be a whole number (0 = none)', 'ivrId');
	const callerName = typeof input.callerName === 'string' ? input.callerName.trim() : '';
	const number = (value: unknown, label: string, field: string): string => {
		const digits = operator(value);
		if (digits !== undefined) return digits;
		const problem = notAnOperator(value, label);
		if (!onNotANumber) throw new InputError(problem, field);
		onNotANumber(problem);
		return '';
	};
	const fallback = number(
		input.fallbackOperatorNumber,
		'Fallback Operator Number',
		'fallbackOperatorNumber',
	);
	return {
		operatorNumber:
			number(input.operatorNumber, 'Operator Number', 'operatorNumber') || fallback || null,
		callerName: callerName || null,
		ivrId: ivrId > 0 ? ivrId : null,
	};
}

/** UniTalk's queue priority: a whole 1 (lowest) to 10 (highest); anything else is the default 5. */
export function queueAnswer(priority: unknown): { setPriority: number } {
	const value = Math.round(Number(priority));
	return { setPriority: value >= 1 && value <= 10 ? value : 5 };
}
