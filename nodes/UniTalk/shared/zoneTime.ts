// Wall-clock time in an IANA zone ↔ instants. UniTalk writes times as "yyyy-MM-dd HH:mm:ss" on the
// account zone's wall clock, without an offset, so around a DST change one text can name two
// instants (the repeated hour) or none (the skipped hour): both are decided here, in one place.

const DAY_MS = 24 * 3600_000;

// One formatter per zone: building one costs far more than using it (polls format many dates).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock in parts (era included: years before 1 are told apart). */
export function formatterOf(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** The wall-clock fields of `ms` in `timeZone`, read as if they were UTC (ms, whole seconds). */
function wallAsUtc(ms: number, timeZone: string): number {
	const parts: Record<string, string> = {};
	for (const part of formatterOf(timeZone).formatToParts(new Date(ms)))
		parts[part.type] = part.value;
	const year =
		parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
	const date = new Date(0);
	date.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
	date.setUTCHours(Number(parts.hour) % 24, Number(parts.minute), Number(parts.second), 0);
	return date.getTime();
}

/** The zone's offset from UTC at the instant `ms`, in ms (east positive). */
export function offsetAt(ms: number, timeZone: string): number {
	const whole = Math.floor(ms / 1000) * 1000;
	return wallAsUtc(whole, timeZone) - whole;
}

/**
 * The instants a wall-clock time (its fields given as a UTC epoch, `wall`) names in `timeZone`.
 * `ms` is the one it is taken as: the only one; in the repeated hour when clocks go back, the
 * earlier, with `altMs` the later; in the skipped hour when clocks go forward (a time that never
 * showed), the instant as if the earlier offset went on, i.e. as far past the change as the time
 * is (03:30 in Kyiv on 29 March 2026 is 04:30 +03:00). That is JavaScript's and Temporal's
 * 'compatible' rule. The offsets a day either side give the candidates; each is kept only if the
 * offset at it gives back the same wall clock.
 */
export function instantsOfWallClock(
	wall: number,
	timeZone: string,
): { ms: number; altMs?: number } {
	const before = wall - offsetAt(wall - DAY_MS, timeZone);
	const after = wall - offsetAt(wall + DAY_MS, timeZone);
	const fits = (ms: number) => ms + offsetAt(ms, timeZone) === wall;
	const readings = [...new Set([before, after])].filter(fits).sort((a, b) => a - b);
	if (readings.length === 2) return { ms: readings[0], altMs: readings[1] };
	return { ms: readings[0] ?? before };
}

/**
 * The "yyyy-MM-dd HH:mm:ss" window to ask UniTalk for so that every instant of [fromMs, toMs] is
 * in it. UniTalk files calls by their wall-clock text (the reference gives no zone or offset; the
 * plausible store is the text itself), so across the hour that repeats when clocks go back, the
 * texts of fromMs and toMs can run backwards ("03:50" to "03:10") and an empty window would lose the
 * calls. The window is widened to the lowest and highest text shown in between; the rows it adds
 * carry a reading outside [fromMs, toMs] only (see the poll's `placed`).
 */
export function wallClockWindow(
	fromMs: number,
	toMs: number,
	timeZone: string,
): { dateFrom: string; dateTo: string } {
	let low = wallAsUtc(fromMs, timeZone);
	let high = wallAsUtc(toMs, timeZone);
	const fromOffset = offsetAt(fromMs, timeZone);
	const toOffset = offsetAt(toMs, timeZone);
	if (toOffset < fromOffset && toMs > fromMs) {
		// Clocks went back in between: find the change (to the second), where the text falls back.
		let lo = fromMs;
		let hi = toMs;
		while (hi - lo > 1000) {
			const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
			if (offsetAt(mid, timeZone) === fromOffset) lo = mid;
			else hi = mid;
		}
		const change = Math.floor(hi / 1000) * 1000;
		low = Math.min(low, change + offsetAt(change, timeZone));
		// dateTo is exclusive: the last second before the change must still be inside.
		high = Math.max(high, change + fromOffset);
	}
	const text = (wall: number) => new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
	return { dateFrom: text(low), dateTo: text(high) };
}
