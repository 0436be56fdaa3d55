// Which calls start a workflow: the filters both triggers offer (the webhook's call events and
// the polling Call History Trigger), and the one rule that applies them.
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { CallRecord } from './callRecord';
import { normalizePhone, splitList } from './validation';

/** Saved before "Answered or Missed": a switch that was off when added, so on means missed only. */
const ONLY_MISSED: INodeProperties = {
	displayName: 'Only Missed Calls',
	name: 'onlyMissed',
	type: 'boolean',
	// Added to be used: a user who adds this filter means it (it was off when added).
	default: true,
	description: 'Whether to start only for incoming calls that ended unanswered (CALL_END)',
};

/** Missed or answered calls only, in one choice (two switches could contradict each other). */
const ANSWERED_OR_MISSED: INodeProperties = {
	displayName: 'Answered or Missed',
	name: 'answered',
	type: 'options',
	options: [
		{
			name: 'Only Missed Calls',
			value: 'missed',
			description: 'Incoming calls that ended unanswered (CALL_END)',
		},
		{
			name: 'Only Answered Calls',
			value: 'answered',
			description: 'Calls someone answered (CALL_END of an answered call, CALL_ANSWER)',
		},
		{ name: 'Any', value: 'any' },
	],
	// Added to be used, as Only Missed Calls was: missed calls are what most workflows start on.
	default: 'missed',
};

const DIRECTIONS_AND_LINES: INodeProperties[] = [
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

/**
 * The Filters collection, as a trigger of version `answeredSince` and later shows it (Answered or
 * Missed), and as saved workflows of earlier versions keep it (Only Missed Calls). Both keys are
 * honoured in every version (filteredOut): the version only decides what the panel offers.
 */
export function callFiltersCollections(
	answeredSince: number,
	show: IDisplayOptions['show'],
	extra: INodeProperties[] = [],
): INodeProperties[] {
	const collection = (
		versions: NonNullable<IDisplayOptions['show']>['@version'],
		first: INodeProperties,
	): INodeProperties => ({
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show: { ...show, '@version': versions } },
		options: [first, ...DIRECTIONS_AND_LINES, ...extra],
	});
	return [
		collection([{ _cnd: { lt: answeredSince } }], ONLY_MISSED),
		collection([{ _cnd: { gte: answeredSince } }], ANSWERED_OR_MISSED),
	];
}

/** The Filters' answered-or-missed choice, from either version's key. */
function answeredChoice(filters: IDataObject): 'missed' | 'answered' | undefined {
	if (filters.answered === 'missed' || filters.answered === 'answered') return filters.answered;
	if (filters.answered === undefined && filters.onlyMissed === true) return 'missed';
	return undefined;
}

/** Why the filters leave this call out, or undefined when it passes. */
export function filteredOut(
	filters: IDataObject,
	event: string | null,
	record: Pick<CallRecord, 'missed' | 'answered' | 'direction' | 'outerNumber'>,
): string | undefined {
	const choice = answeredChoice(filters);
	if (choice === 'missed' && !(event === 'CALL_END' && record.missed)) return 'not a missed call';
	// Answered is known at CALL_ANSWER and from CALL_END's state; CALL_NEW and CALL_REDIRECT cannot say.
	if (
		choice === 'answered' &&
		!(event === 'CALL_ANSWER' || (event === 'CALL_END' && record.answered))
	)
		return 'not an answered call';
	// UniTalk picks the lost calls (history/get's filter, the Call History Trigger): a lost call is a
	// missed one by its definition, so this only guards against a server that left the filter out.
	if (filters.lost === true && !record.missed) return 'not a lost call';
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
