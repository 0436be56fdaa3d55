// Phone numbers as batch units, and the per-item summary of their outcomes.
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Params } from '../engine/params';
import type { Unit, UnitResult } from '../engine/types';
import {
	emptyPhoneMessage,
	InputError,
	isPhone,
	normalizePhone,
	toList,
} from '../shared/validation';

/** Numbers checked between two breaks for the event loop (ROUTE answers share this process). */
const SLICE = 20_000;

/**
 * The phone numbers of one item as batch units. Invalid numbers are reported on the item and
 * not sent; an item with no valid number at all is an input error (nothing is sent for it).
 */
export async function phoneUnits(
	p: Params,
	field: string,
	label: string,
	value: (phone: string) => unknown = (phone) => phone,
): Promise<Unit[]> {
	const given = p.get<unknown>(field, '');
	// A list from an expression is read entry by entry, with breaks: it may hold a million numbers.
	const raw: string[] = [];
	const entries = Array.isArray(given) ? given : [given];
	for (let i = 0; i < entries.length; i++) {
		for (const entry of toList(entries[i], label)) raw.push(entry);
		if (i % SLICE === SLICE - 1) await sleep(0);
	}
	if (!raw.length) throw new InputError(emptyPhoneMessage(label, p.item?.json), field);
	const units: Unit[] = [];
	let valid = 0;
	for (let i = 0; i < raw.length; i++) {
		const entry = raw[i];
		if (isPhone(entry)) {
			const phone = normalizePhone(entry);
			units.push({ item: p.itemIndex, key: phone, value: value(phone) });
			valid++;
		} else {
			units.push({
				item: p.itemIndex,
				key: entry,
				value: entry,
				invalid: `"${entry}" in "${label}" is not a phone number in international format (10–15 digits)`,
			});
		}
		if (i % SLICE === SLICE - 1) await sleep(0); // a million numbers: keep the event loop free
	}
	if (!valid) {
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
	const accepted: string[] = [];
	const rejected: IDataObject[] = [];
	const uncertain: string[] = [];
	const unchanged: IDataObject[] = [];
	for (const r of results) {
		if (r.unchanged) unchanged.push({ phone: r.unit.key, reason: r.unchanged });
		else if (r.ok) accepted.push(r.unit.key);
		else if (r.unknown) uncertain.push(r.unit.key);
		else rejected.push({ phone: r.unit.key, error: r.error ?? 'failed' });
	}
	const summary: IDataObject = { ...extra };
	if (results.length === 1) summary.phone = results[0].unit.key;
	summary[acceptedLabel] = accepted;
	summary.rejected = rejected;
	if (unchanged.length) summary.unchanged = unchanged;
	if (uncertain.length) summary.mayHaveBeenSent = uncertain;
	return summary;
}
