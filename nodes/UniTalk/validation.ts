/**
 * Checks made before anything is sent. UniTalk strips every non-digit from a phone number; an
 * international number has 7–15 digits and never starts with 0.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly field?: string,
		readonly invalid?: unknown[],
	) {
		super(message);
	}
}

export function normalizePhone(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

export function isPhone(value: unknown): boolean {
	return /^[1-9]\d{6,14}$/.test(normalizePhone(value));
}

/** A phone number or throws naming the field. */
export function requirePhone(value: unknown, field: string): string {
	if (!isPhone(value)) {
		throw new InputError(
			`"${String(value ?? '')}" in "${field}" is not a phone number in international format (7–15 digits, e.g. 380971234567)`,
			field,
			[value],
		);
	}
	return normalizePhone(value);
}

/** Accepts an array, or a string with numbers separated by commas, semicolons or new lines. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.flatMap(toList);
	if (typeof value === 'object') return [];
	return String(value)
		.split(/[,;\n]+/)
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
		throw new InputError(`"${field}" must be between ${min} and ${max} (got ${String(value)})`, field);
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
export function ttsPayload(text: string, kind: 'text' | 'ssml', field: string): { text?: string; ssml?: string } {
	if (kind === 'ssml') {
		const ssml = text.trim();
		if (!/^<speak>[\s\S]*<\/speak>$/.test(ssml)) throw new InputError(`"${field}" must start with <speak> and end with </speak>`, field);
		return { ssml: requireLength(ssml, 5000, field, 1) };
	}
	return { text: requireLength(text, 4960, field, 1) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * n8n DateTime, ISO string or "yyyy-MM-dd HH:mm:ss" → UniTalk's "yyyy-MM-dd HH:mm:ss" in the
 * workflow's time zone. Times without an offset are taken as already in that zone.
 */
export function toUniTalkDateTime(value: unknown, timeZone: string, field: string): string {
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		value = (value as { toISO: () => string }).toISO();
	}
	if (value instanceof Date) value = value.toISOString();
	const text = String(value ?? '').trim();
	const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(text);
	if (local) return `${local[1]} ${local[2] ?? '00'}:${local[3] ?? '00'}:${local[4] ?? '00'}`;
	const instant = Date.parse(text);
	if (!text || Number.isNaN(instant)) {
		throw new InputError(`"${field}" is not a date (use an ISO date like 2024-01-31T09:00:00 or n8n's DateTime)`, field);
	}
	return formatInZone(new Date(instant), timeZone);
}

export function toUniTalkDate(value: unknown, timeZone: string, field: string): string {
	return toUniTalkDateTime(value, timeZone, field).slice(0, 10);
}

function formatInZone(date: Date, timeZone: string): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(date)
			.map((part) => [part.type, part.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${pad(Number(parts.hour))}:${parts.minute}:${parts.second}`;
}

/** "2024-01-31 09:00:00" in `timeZone` → ISO-8601 with offset (for normalized output). */
export function toIsoFromUniTalk(value: unknown, timeZone: string): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(String(value ?? ''));
	if (!match) return null;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	const offsetMs = Date.parse(formatInZone(new Date(asUtc), timeZone).replace(' ', 'T') + 'Z') - asUtc;
	const offsetMin = Math.round(offsetMs / 60000);
	const sign = offsetMin >= 0 ? '+' : '-';
	const abs = Math.abs(offsetMin);
	return `${match[0].replace(' ', 'T')}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
