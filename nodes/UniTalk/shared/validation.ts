// Checks made before anything is sent, naming the field: phone numbers (10–15 digits; letters and
// extensions are refused, not stripped), text, IDs, whole numbers, real dates and times, lengths,
// and UniTalk's date format in the account's time zone.
import { InputError } from '../transport/inputError';
import { formatterOf, instantsOfWallClock, offsetAt } from './zoneTime';

export { InputError };
export { credentialZone, DEFAULT_ACCOUNT_ZONE, isTimeZone } from '../transport/credential';

export function normalizePhone(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

/**
 * A phone number as people write it: digits with spaces, dots, dashes or brackets, and an optional
 * leading "+". Letters and extensions ("ext 12") are refused rather than stripped: UniTalk would
 * silently glue the extension onto the number and call someone else.
 */
const PHONE_SHAPE = /^\+?[\d(][\d\s().-]*$/;

export function isPhone(value: unknown): boolean {
	if (typeof value !== 'string' && typeof value !== 'number') return false;
	const text = String(value).trim();
	return PHONE_SHAPE.test(text) && /^[1-9]\d{9,14}$/.test(normalizePhone(text));
}

/** A phone number or throws naming the field. */
export function requirePhone(value: unknown, field: string): string {
	if (!isPhone(value)) {
		throw new InputError(
			`${shown(value)} in "${field}" is not a phone number in international format (10–15 digits, e.g. 380971234567; spaces, brackets, dashes and a leading + are fine, letters and extensions are not)`,
			field,
			[value],
		);
	}
	return normalizePhone(value);
}

/**
 * Why a phone field is empty, and what to put there: the input's fields that hold a phone number
 * (top level), e.g. after a UniTalk Trigger `customerNumber`, after a sheet a "Mobile" column.
 */
export function emptyPhoneMessage(label: string, input: unknown): string {
	const fields =
		input && typeof input === 'object' && !Array.isArray(input)
			? Object.entries(input).filter(([, value]) => isPhone(value))
			: [];
	// A field that is there but empty (a sheet row without a number) is named as such, not as missing.
	const present = ['customerNumber', 'phone'].filter(
		(name) => input && typeof input === 'object' && name in input,
	);
	const start = present.length
		? `"${label}" is empty: the input item's ${present.map((name) => `"${name}"`).join(' and ')} ${present.length > 1 ? 'are' : 'is'} empty`
		: `"${label}" is empty: the input item has no "customerNumber" or "phone" field`;
	if (!fields.length)
		return `${start}, and none of its fields holds a phone number. Put the number in "${label}", or drag the input field that holds it there.`;
	const named = fields.slice(0, 3).map(([name, value]) => `${name} (${String(value)})`);
	return `${start}. Fields of the input that look like phone numbers: ${named.join(', ')}; use one, e.g. {{ $json.${fields[0][0]} }}`;
}

/** How a value is quoted in messages: objects as JSON, everything shortened. */
export function shown(value: unknown): string {
	const text =
		typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? '');
	return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** Text parameters take text (or a number); an object or array is a mistake in an expression. */
export function requireText(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new InputError(
		`"${field}" must be text, but the expression gave ${Array.isArray(value) ? 'a list' : 'an object'} (${shown(value)}); pick one field of it, e.g. {{ $json.text }}`,
		field,
	);
}

/** A UniTalk ID: decimal digits only, small enough to survive JSON (no 0x10, 1e3 or 20 digits). */
export function requireId(value: unknown, field: string): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const id = Number(text);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id <= 0) {
		throw new InputError(
			`"${field}" needs a numeric UniTalk ID (digits only, got ${shown(value)})`,
			field,
		);
	}
	return id;
}

/** A whole number of at least `min` (Limit, counts). */
export function requireWholeNumber(value: unknown, field: string, min = 1): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
		throw new InputError(
			`"${field}" must be a whole number of at least ${min} (got ${shown(value)})`,
			field,
		);
	}
	return number;
}

/** Accepts an array, or a string with numbers separated by commas, semicolons or new lines. */
export function toList(value: unknown, field = 'List'): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) {
		// A plain loop: a list may hold a million numbers (no recursion per entry, no flatMap copies)
		const list: string[] = [];
		for (const entry of value) {
			if (typeof entry === 'string' || typeof entry === 'number') {
				const text = String(entry).trim();
				if (text)
					list.push(...(text.includes(',') || /[;\n]/.test(text) ? splitList(text) : [text]));
			} else for (const nested of toList(entry, field)) list.push(nested);
		}
		return list;
	}
	if (typeof value === 'object') {
		throw new InputError(
			`"${field}" must be text or a list, but the expression gave an object (${shown(value)}); pick the field that holds the value, e.g. {{ $json.phone }}`,
			field,
		);
	}
	return splitList(String(value));
}

/**
 * The one list rule: entries separated by commas, semicolons or line breaks, trimmed. Spaces are
 * not separators, because people write phone numbers with them (+380 97 123 45 67).
 */
export function splitList(text: string): string[] {
	return text
		.split(/[,;\r\n]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

export function requireLength(value: string, max: number, field: string, min = 0): string {
	if (value.length < min || value.length > max) {
		throw new InputError(
			min > 0 && value.length < min
				? `"${field}" is required`
				: `"${field}" is ${value.length} characters long; UniTalk allows at most ${max}`,
			field,
		);
	}
	return value;
}

export function requireRange(value: number, min: number, max: number, field: string): number {
	if (!Number.isFinite(value) || value < min || value > max) {
		throw new InputError(
			`"${field}" must be between ${min} and ${max} (got ${String(value)})`,
			field,
		);
	}
	return value;
}

/** Parses a JSON parameter (string or already an object), naming the field when it is not JSON. */
export function parseJsonField(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	let parsed: unknown = INVALID;
	try {
		parsed = JSON.parse(value);
	} catch {
		// reported below, outside the catch
	}
	if (parsed === INVALID) throw new InputError(`"${field}" is not valid JSON`, field);
	return parsed;
}
const INVALID = Symbol('invalid');

/** TTS text (≤ 4960) or SSML (≤ 5000, wrapped in <speak>), as the API requires. */
export function ttsPayload(
	text: string,
	kind: 'text' | 'ssml',
	field: string,
): { text?: string; ssml?: string } {
	if (kind === 'ssml') {
		const ssml = text.trim();
		if (!/^<speak>[\s\S]*<\/speak>$/.test(ssml))
			throw new InputError(`"${field}" must start with <speak> and end with </speak>`, field);
		return { ssml: requireLength(ssml, 5000, field, 1) };
	}
	return { text: requireLength(text, 4960, field, 1) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * n8n DateTime, ISO string or "yyyy-MM-dd HH:mm:ss" → UniTalk's "yyyy-MM-dd HH:mm:ss" in the
 * account's time zone. Times without an offset are taken as already in that zone. Only real
 * calendar dates and times pass: 2024-02-30, 25:61:99 or year 0 are refused, never sent.
 */
export function toUniTalkDateTime(value: unknown, timeZone: string, field: string): string {
	if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		value = (value as { toISO: () => string }).toISO();
	}
	if (value instanceof Date) value = value.toISOString();
	const text = String(value ?? '').trim();
	const parts =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
			text,
		);
	if (!parts || !isRealDateTime(parts.slice(1, 7).map((part) => Number(part ?? 0)))) {
		throw new InputError(
			`"${field}" is not a real date and time (got ${shown(text)}; use e.g. 2024-01-31T09:00:00 or n8n's DateTime)`,
			field,
		);
	}
	const [, y, mo, d, h = '00', mi = '00', s = '00', , offset] = parts;
	if (!offset) return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
	return formatInZone(new Date(Date.parse(text)), timeZone);
}

function isRealDateTime([year, month, day, hour, minute, second]: number[]): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		year >= 1 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60
	);
}

export function toUniTalkDate(value: unknown, timeZone: string, field: string): string {
	return toUniTalkDateTime(value, timeZone, field).slice(0, 10);
}

/** `date` as UniTalk writes times: "2024-01-31 09:00:00" on the wall clock of `timeZone`. */
export function formatInZone(date: Date, timeZone: string): string {
	const parts = Object.fromEntries(
		formatterOf(timeZone)
			.formatToParts(date)
			.map((part) => [part.type, part.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${pad(Number(parts.hour))}:${parts.minute}:${parts.second}`;
}

/**
 * "2024-01-31 09:00:00" in `timeZone` → ISO-8601 with offset (for normalized output); a time that
 * already carries an offset keeps it. Only real calendar dates and times: anything else is null.
 * A time of the hour that repeats when clocks go back is the reading nearest `nearMs` when given
 * (the poll's window, a webhook's arrival), else the earlier; one of the skipped hour is read with
 * the offset before the change (see `instantsOfWallClock`).
 */
export function toIsoFromUniTalk(value: unknown, timeZone: string, nearMs?: number): string | null {
	const read = readUniTalkTime(value, timeZone);
	if (!read) return null;
	if (read.offset !== undefined) return `${read.wallClock}${read.offset}`;
	const ms =
		read.altMs !== undefined &&
		nearMs !== undefined &&
		Math.abs(read.altMs - nearMs) < Math.abs(read.ms - nearMs)
			? read.altMs
			: read.ms;
	const offsetMin = Math.round(offsetAt(ms, timeZone) / 60000);
	const sign = offsetMin >= 0 ? '+' : '-';
	const abs = Math.abs(offsetMin);
	// The wall clock of the instant taken: a skipped-hour time is shown as the time it became.
	const wallClock = formatInZone(new Date(ms), timeZone).replace(' ', 'T');
	return `${wallClock}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant(s) UniTalk's "2024-01-31 09:00:00" in `timeZone` names: `ms`, and `altMs` when the
 * text lies in the hour that repeats when clocks go back (see `instantsOfWallClock`). Undefined
 * when it is not a real date and time.
 */
export function instantsOfUniTalkTime(
	value: unknown,
	timeZone: string,
): { ms: number; altMs?: number } | undefined {
	const read = readUniTalkTime(value, timeZone);
	if (!read) return undefined;
	return read.offset !== undefined
		? { ms: Date.parse(`${read.wallClock}${read.offset}`) }
		: { ms: read.ms, ...(read.altMs !== undefined && { altMs: read.altMs }) };
}

function readUniTalkTime(value: unknown, timeZone: string) {
	const match =
		/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(
			typeof value === 'string' ? value.trim() : '',
		);
	if (!match || !isRealDateTime(match.slice(1, 7).map(Number))) return undefined;
	const wallClock = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
	if (match[7]) return { wallClock, offset: match[7] === 'Z' ? '+00:00' : match[7], ms: NaN };
	const [, y, mo, d, h, mi, s] = match.slice(0, 7).map(Number);
	const wall = new Date(0);
	wall.setUTCFullYear(y, mo - 1, d);
	wall.setUTCHours(h, mi, s, 0);
	return { wallClock, offset: undefined, ...instantsOfWallClock(wall.getTime(), timeZone) };
}

/**
 * The default of every phone field: the UniTalk Trigger's `customerNumber`, else a `phone` column
 * (a sheet, a CRM record), so the field works after either without typing.
 */
export const PHONE_FROM_INPUT = '={{ $json.customerNumber ?? $json.phone }}';
