// Which calls start a workflow: the filters both triggers offer (the webhook's call events and
// the polling Call History Trigger), and the one rule that applies them.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CallRecord } from './callRecord';
import { normalizePhone, splitList } from './validation';

/** The Filters collection's options. */
export const CALL_FILTER_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Only Missed Calls',
		name: 'onlyMissed',
		type: 'boolean',
		// Added to be used: a user who adds this filter means it (it was off when added).
		default: true,
		description: 'Whether to start only for incoming calls that ended unanswered (CALL_END)',
	},
	{
		displayName: 'Directions',
		name: 'directions',
		type: 'multiOptions',
		options: [
			{ name: 'Incoming', value: 'in' },
			{ name: 'Outgoing', value: 'out' },
			{ name: 'Internal', value: 'internal' },
		],
		default: [],
	},
	{
		displayName: 'Outer Numbers',
		name: 'outerNumbers',
		type: 'string',
		default: '',
		description: 'Only calls on these external lines, comma-separated',
	},
];

/** Why the filters leave this call out, or undefined when it passes. */
export function filteredOut(
	filters: IDataObject,
	event: string | null,
	record: Pick<CallRecord, 'missed' | 'direction' | 'outerNumber'>,
): string | undefined {
	if (filters.onlyMissed && !(event === 'CALL_END' && record.missed)) return 'not a missed call';
	const directions = (filters.directions as string[] | undefined) ?? [];
	if (directions.length && !directions.includes(String(record.direction)))
		return `direction ${String(record.direction)} is filtered out`;
	const outer = splitList(String(filters.outerNumbers ?? '')).map(sameOuterNumber);
	if (outer.length && !outer.includes(sameOuterNumber(record.outerNumber ?? '')))
		return `outer number ${String(record.outerNumber)} is filtered out`;
	return undefined;
}

/** Outer lines compared as digits when they are numbers (+380 44… = 38044…), else as names. */
function sameOuterNumber(value: string): string {
	return /^\+?[\d\s().-]+$/.test(value) ? normalizePhone(value) : value.trim().toLowerCase();
}
