// Phone numbers as batch units, and the per-item summary of their outcomes.
import type { IDataObject } from 'n8n-workflow';

import type { Params } from '../engine/params';
import type { Unit, UnitResult } from '../engine/types';
import { InputError, isPhone, normalizePhone, toList } from '../shared/validation';

/**
 * The phone numbers of one item as batch units. Invalid numbers are reported on the item and
 * not sent; an item with no valid number at all is an input error (nothing is sent for it).
 */
export function phoneUnits(
	p: Params,
	field: string,
	label: string,
	value: (phone: string) => unknown = (phone) => phone,
): Unit[] {
	const raw = toList(p.get<unknown>(field, ''), label);
	if (!raw.length) throw new InputError(`"${label}" is empty`, field);
	const units = raw.map((entry) => {
		const phone = normalizePhone(entry);
		return isPhone(entry)
			? { item: p.itemIndex, key: phone, value: value(phone) }
			: {
					item: p.itemIndex,
					key: entry,
					value: entry,
					invalid: `"${entry}" in "${label}" is not a phone number in international format (10–15 digits)`,
				};
	});
	if (units.every((u) => u.invalid)) {
		throw new InputError(
			`No valid phone number in "${label}": ${raw.slice(0, 5).join(', ')}`,
			field,
			raw,
		);
	}
	return units;
}

/** Units named in UniTalk's error data (a list of numbers, or of {phone, …}). */
export function unitsInData(data: unknown, units: Unit[]): Unit[] {
	if (!Array.isArray(data)) return [];
	const named = new Set(
		data.map((entry) =>
			normalizePhone(typeof entry === 'object' && entry ? (entry as IDataObject).phone : entry),
		),
	);
	return units.filter((unit) => named.has(normalizePhone(unit.key)));
}

/** Output of an item whose units are phone numbers: what went through and what was refused, and why. */
export function phoneSummary(
	results: UnitResult[],
	extra: IDataObject = {},
	acceptedLabel = 'accepted',
): IDataObject {
	const accepted = results.filter((r) => r.ok).map((r) => r.unit.key);
	const rejected = results
		.filter((r) => !r.ok && !r.unknown)
		.map((r) => ({ phone: r.unit.key, error: r.error ?? 'failed' }));
	const uncertain = results.filter((r) => r.unknown).map((r) => r.unit.key);
	const summary: IDataObject = { ...extra };
	if (results.length === 1) summary.phone = results[0].unit.key;
	summary[acceptedLabel] = accepted;
	summary.rejected = rejected;
	if (uncertain.length) summary.mayHaveBeenSent = uncertain;
	return summary;
}
