// Hides the API key in text a server sent back: the whole key in a successful JSON answer, and any
// piece of it 8 characters or longer in everything else (error texts, non-JSON bodies, headers).
// It runs before any text is shortened: cutting first could leave a fragment too short to find.

const MASK = '[API key]';
/** A fragment this long is worth hiding; shorter runs occur by chance (dates, phone numbers). */
const MIN_FRAGMENT = 8;
/** Aligned probes: every run of 8+ shared characters fully covers one 4-character probe. */
const PROBE = MIN_FRAGMENT / 2;

export type Scrub = (text: string) => string;

/** How an account's key is hidden: by fragments where text may be cut, by the whole key in data. */
export interface Scrubbers {
	/** The key and any 8+ character piece of it: error messages, non-JSON bodies, headers. */
	scrub: Scrub;
	/**
	 * Only the whole key (its `Bearer` form contains it): a successful JSON answer is data, and
	 * fragment matching there cut phone numbers (with a 32-digit key, about 1 history page in 300
	 * lost digits of a number, `380917755616` → `38[API key]16`).
	 */
	scrubWholeKey: Scrub;
}

export function scrubbersFor(key: string): Scrubbers {
	return {
		scrub: scrubberFor(key),
		scrubWholeKey: key.length >= 4 ? (text) => text.split(key).join(MASK) : (text) => text,
	};
}

export function scrubberFor(key: string): Scrub {
	if (key.length < MIN_FRAGMENT)
		return key.length >= 4 ? (text) => text.split(key).join(MASK) : (text) => text;
	const probes = new Map<string, number[]>();
	for (let i = 0; i + PROBE <= key.length; i++) {
		const gram = key.slice(i, i + PROBE);
		probes.set(gram, [...(probes.get(gram) ?? []), i]);
	}
	return (text) => {
		if (text.length < MIN_FRAGMENT) return text;
		const hidden: Array<[number, number]> = [];
		for (let p = 0; p + PROBE <= text.length; p += PROBE) {
			for (const at of probes.get(text.slice(p, p + PROBE)) ?? []) {
				// Grow the shared run both ways from the probe: text[start, end) === key[…]
				let start = p;
				let k = at;
				while (start > 0 && k > 0 && text[start - 1] === key[k - 1]) {
					start--;
					k--;
				}
				let end = p + PROBE;
				let e = at + PROBE;
				while (end < text.length && e < key.length && text[end] === key[e]) {
					end++;
					e++;
				}
				if (end - start >= MIN_FRAGMENT) hidden.push([start, end]);
			}
		}
		if (!hidden.length) return text;
		hidden.sort((a, b) => a[0] - b[0]);
		let out = '';
		let at = 0;
		for (const [start, end] of hidden) {
			if (end <= at) continue;
			out += text.slice(at, Math.max(at, start)) + (start >= at ? MASK : '');
			at = end;
		}
		return out + text.slice(at);
	};
}

/** Every string (and object key) of a parsed answer, scrubbed; other values as they are. */
export function scrubDeep(value: unknown, scrub: Scrub): unknown {
	if (typeof value === 'string') return scrub(value);
	if (Array.isArray(value)) return value.map((entry) => scrubDeep(entry, scrub));
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const result: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) result[scrub(key)] = scrubDeep(entry, scrub);
		return result;
	}
	return value;
}
