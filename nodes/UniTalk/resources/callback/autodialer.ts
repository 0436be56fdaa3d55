// Create or Update a Callback Autodialer: one autodialer set up for calling back missed calls, with
// the defaults an operations team picks (working hours, three attempts, skip clients who called back).
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { notRepeatable } from '../../engine/effect';
import type { Params } from '../../engine/params';
import type { Operation } from '../../engine/types';
import { formatInZone, InputError, requireLength, toList } from '../../shared/validation';
import {
	autodialer,
	bool,
	collection,
	dateTime,
	fromAccount,
	num,
	pick,
	pickMany,
	str,
	when,
} from '../fields';
import { autodialerId, PATH } from '../autodial/campaigns';
import { DAYS } from '../autodial/settings';

const DAY_NAMES = DAYS.map(([name]) => name);

/** The states a callback is repeated in when it did not reach anyone, as the UI names them. */
const NOT_REACHED = ['NOANSWER', 'BUSY', 'ANSW_OP_NA'] as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const fields: INodeProperties[] = [
	pick('target', 'Autodialer', [
		['Create a New One', 'create'],
		['Update an Existing One', 'update'],
	]),
	{
		...autodialer,
		displayName: 'Autodialer to Update',
		...when({ target: ['update'] }),
	},
	str('name', 'Name', {
		default: 'n8n callbacks',
		required: true,
		description: 'Unique in the project, at most 45 characters',
	}),
	pick('operatorsBy', 'Operators', [
		['A Group of Operators', 'group'],
		['SIP Lines', 'sipLines'],
	]),
	fromAccount('groupId', 'Group Name or ID', 'getGroups', {
		required: true,
		description:
			'Callbacks go to the free operators of this group. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		...when({ operatorsBy: ['group'] }),
	}),
	str('sipLines', 'SIP Lines', {
		required: true,
		placeholder: '1000, 1001',
		description: 'Internal lines of the operators who call back, separated by commas',
		...when({ operatorsBy: ['sipLines'] }),
	}),
	pickMany('days', 'Working Days', DAYS, {
		default: ['0', '1', '2', '3', '4'],
		description: 'Days clients are called back on',
	}),
	str('timeFrom', 'From', {
		default: '09:00',
		placeholder: 'HH:mm',
		description: "Start of calling on working days, on the clock of the account's time zone",
	}),
	str('timeTo', 'To', { default: '18:00', placeholder: 'HH:mm', description: 'End of calling' }),
	{
		displayName: 'Other Hours on Some Days',
		name: 'dayHours',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Day' },
		placeholder: 'Add Day',
		default: {},
		description:
			'A day listed here is called on with its own hours, whether or not it is among the Working Days (e.g. Saturday 10:00–14:00)',
		options: [
			{
				displayName: 'Day',
				name: 'day',
				values: [
					pick('day', 'Day', DAYS),
					str('from', 'From', { default: '10:00', placeholder: 'HH:mm' }),
					str('to', 'To', { default: '14:00', placeholder: 'HH:mm' }),
				],
			},
		],
	},
	num('attempts', 'Attempts', {
		default: 3,
		typeOptions: { minValue: 1, maxValue: 11 },
		description:
			'Calls in all (the first and its repeats, 1–11) when the client did not answer, was busy, or answered but no operator took the call',
	}),
	num('intervalMinutes', 'Minutes Between Attempts', {
		default: 30,
		typeOptions: { minValue: 5, maxValue: 1500 },
		description: 'At least this long between two calls to the same client (5–1500)',
	}),
	num('minTalkSeconds', 'Minimum Talk Time (S)', {
		default: 10,
		typeOptions: { minValue: 0 },
		description:
			'A shorter conversation counts as not reached and is called once more; 0 counts every answered call',
	}),
	pick(
		'clientCalledMode',
		'Skip Clients Who Called Back',
		[
			['When Their Call Was Answered', 'ANSWERED_CALLS'],
			['Always', 'ALL_CALLS'],
			['Never', 'NEVER'],
		],
		{ description: 'A client who calls us before the callback is not called' },
	),
	bool('priorityQueue', 'Repeats First', 'Whether repeat calls go before new numbers', {
		default: true,
	}),
	collection('options', 'Options', 'Add option', [
		dateTime('startDate', 'Start Date', { description: 'Leave empty: today' }),
		dateTime('endDate', 'End Date', { description: 'Leave empty: a year from the start' }),
		num('attemptsNoAnswer', 'Attempts When Not Answered', {
			default: 3,
			typeOptions: { minValue: 1, maxValue: 11 },
			description: 'Instead of "Attempts" for a client who did not answer',
		}),
		num('attemptsBusy', 'Attempts When Busy', {
			default: 3,
			typeOptions: { minValue: 1, maxValue: 11 },
			description: 'Instead of "Attempts" for a busy client',
		}),
		num('attemptsOperatorNoAnswer', 'Attempts When No Operator Answered', {
			default: 3,
			typeOptions: { minValue: 1, maxValue: 11 },
			description: 'Instead of "Attempts" when the client answered but no operator took the call',
		}),
		bool(
			'earlyStart',
			'Repeat Before New Numbers Are Done',
			'Whether repeats start as soon as they are due, not after every new number was called',
			{ default: true },
		),
		pick('crmMode', 'Send to CRM', [
			['None', 'DONT_SEND'],
			['Answered by Client', 'SEND_ANSWERED'],
			['Answered by Client and Operator', 'SEND_SUCCESS'],
			['All Calls', 'ALL_CALLS'],
		]),
		fromAccount('moh', 'Waiting Melody Name or ID', 'getMelodyAudios'),
		bool('displayName', 'Show Name to Operator', "Whether operators see the client's name", {
			default: true,
		}),
		bool(
			'displayNote',
			'Show Note to Operator',
			'Whether operators see the note (when the client called, which call)',
			{ default: true },
		),
		str('callerIdPrefix', 'Caller ID Prefix', {
			description: 'Shown in the SIP client before the number (max 20 characters)',
		}),
	]),
];

/** An "HH:mm" time or an error naming the field. */
function time(value: unknown, field: string, key: string): string {
	const text = String(value ?? '').trim();
	if (!HHMM.test(text))
		throw new InputError(`"${field}" must be a time like 09:00 (got "${text}")`, key);
	return text;
}

/** A whole number within UniTalk's range, or an error naming the field. */
function whole(value: number, min: number, max: number, field: string, key: string): number {
	if (!Number.isInteger(value) || value < min || value > max)
		throw new InputError(
			`"${field}" must be a whole number from ${min} to ${max} (got ${String(value)})`,
			key,
		);
	return value;
}

/** timeFrom/timeTo, Monday first, null on a day off: the Working Days, then the other hours. */
export function workingHours(p: Params): {
	timeFrom: Array<string | null>;
	timeTo: Array<string | null>;
} {
	const days = p.get<string[]>('days', []);
	const timeFrom: Array<string | null> = Array(7).fill(null);
	const timeTo: Array<string | null> = Array(7).fill(null);
	if (days.length) {
		const from = time(p.get('timeFrom'), 'From', 'timeFrom');
		const to = time(p.get('timeTo'), 'To', 'timeTo');
		if (from >= to)
			throw new InputError(`"From" (${from}) must be earlier than "To" (${to})`, 'timeFrom');
		for (const day of days) {
			timeFrom[Number(day)] = from;
			timeTo[Number(day)] = to;
		}
	}
	const other = (p.collection('dayHours').day as IDataObject[] | undefined) ?? [];
	for (const entry of other) {
		const day = Number(entry.day);
		const label = `Other Hours on Some Days → ${DAY_NAMES[day]}`;
		const from = time(entry.from, `${label} → From`, 'dayHours');
		const to = time(entry.to, `${label} → To`, 'dayHours');
		if (from >= to)
			throw new InputError(
				`"${label}": From (${from}) must be earlier than To (${to})`,
				'dayHours',
			);
		timeFrom[day] = from;
		timeTo[day] = to;
	}
	if (timeFrom.every((t) => t === null))
		throw new InputError('Choose at least one day in "Working Days"', 'days');
	return { timeFrom, timeTo };
}

/** repeatCallsSettings: "Attempts" counts the first call, UniTalk's `attempts` only the repeats. */
function repeatSettings(p: Params): IDataObject {
	const options = p.collection('options');
	const interval = whole(
		p.num('intervalMinutes', 30),
		5,
		1500,
		'Minutes Between Attempts',
		'intervalMinutes',
	);
	const inAll = whole(p.num('attempts', 3), 1, 11, 'Attempts', 'attempts');
	const overrides: Record<(typeof NOT_REACHED)[number], [string, string]> = {
		NOANSWER: ['attemptsNoAnswer', 'Attempts When Not Answered'],
		BUSY: ['attemptsBusy', 'Attempts When Busy'],
		ANSW_OP_NA: ['attemptsOperatorNoAnswer', 'Attempts When No Operator Answered'],
	};
	const statesSettings: IDataObject = {};
	for (const state of NOT_REACHED) {
		const [key, label] = overrides[state];
		const attempts =
			options[key] === undefined ? inAll : whole(Number(options[key]), 1, 11, label, key);
		statesSettings[state] = { attempts: attempts - 1, intervalMinutes: interval };
	}
	// A conversation shorter than this is called once more (UniTalk: "call again if the
	// conversation lasted less than this"); 0 turns that off.
	const minTalk = whole(
		p.num('minTalkSeconds', 10),
		0,
		3600,
		'Minimum Talk Time (S)',
		'minTalkSeconds',
	);
	if (minTalk > 0)
		statesSettings.ANSWER = { attempts: 1, intervalMinutes: interval, secondsThreshold: minTalk };
	return {
		earlyStart: options.earlyStart !== false,
		highPriority: p.bool('priorityQueue', true),
		statesSettings,
	};
}

/** "2024-01-31" in the account's zone, a year later for the end. */
function period(p: Params): { startDate: string; endDate: string } {
	const options = p.collection('options');
	const today = formatInZone(new Date(), p.timezone).slice(0, 10);
	const startDate = options.startDate ? p.date('options.startDate', 'Start Date') : today;
	const endDate = options.endDate
		? p.date('options.endDate', 'End Date')
		: `${Number(startDate.slice(0, 4)) + 1}${startDate.slice(4)}`.replace(/-02-29$/, '-02-28');
	if (startDate > endDate)
		throw new InputError(`"Start Date" (${startDate}) is after "End Date" (${endDate})`, 'options');
	return { startDate, endDate };
}

function operators(p: Params): IDataObject {
	if (p.str('operatorsBy', 'group') === 'sipLines') {
		const lines = toList(p.get('sipLines', ''), 'SIP Lines').map((line) => line.trim());
		if (!lines.length)
			throw new InputError('"SIP Lines" is empty: list the operators\' lines', 'sipLines');
		return { pseudoGroupOperators: lines };
	}
	const group = p.get<unknown>('groupId', '');
	if (group === '' || group === null || group === undefined)
		throw new InputError(
			'"Group" is empty: choose the group of operators who call back',
			'groupId',
		);
	return { groupId: p.id('groupId', 'Group') };
}

/** The task every callback autodialer gets, as the callback contract has it. */
function callbackTask(p: Params): IDataObject {
	const options = p.collection('options');
	const task: IDataObject = {
		name: requireLength(p.str('name'), 45, 'Name', 1),
		autodialerType: 'GUARANTEED_DIAL',
		autodialerMode: 'FREE',
		...period(p),
		...workingHours(p),
		...operators(p),
		repeatCallsSettings: repeatSettings(p),
		clientCalledMode: p.str('clientCalledMode', 'ANSWERED_CALLS'),
		crmMode: String(options.crmMode ?? 'DONT_SEND'),
		displayName: options.displayName !== false,
		displayNote: options.displayNote !== false,
		removeAfterFinish: false,
	};
	if (options.moh) task.moh = Number(options.moh);
	if (options.callerIdPrefix) {
		task.callerIdPrefix = requireLength(String(options.callerIdPrefix), 20, 'Caller ID Prefix');
	}
	return task;
}

/** Fields of GET_WITH_DATA that are reports, not settings: never sent back in UPDATE. */
const READ_ONLY = [
	'statistics',
	'withdrawalStatistics',
	'taskStatusInfo',
	'finishedDate',
	'status',
];

async function build(p: Params): Promise<IDataObject> {
	const task = callbackTask(p);
	if (p.str('target', 'create') !== 'update') return { task };
	// UPDATE replaces the whole task: what this step does not set (trigger actions, an outgoing
	// scenario…) is read first and kept. A type cannot change on UPDATE, so it is not sent.
	const id = autodialerId(p);
	const current = (await p.read(PATH, { action: 'GET_WITH_DATA' })) as IDataObject;
	const existing = ((current.tasks as IDataObject[]) ?? []).find((t) => Number(t.id) === id);
	if (!existing)
		throw new InputError(`Autodialer ${id} was not found in the project`, 'autodialerId');
	const kept: IDataObject = { ...existing };
	for (const field of [...READ_ONLY, 'autodialerType']) delete kept[field];
	// A group and SIP lines exclude each other: the one chosen here replaces the other.
	delete kept.groupId;
	delete kept.pseudoGroupOperators;
	const settings: IDataObject = { ...task };
	delete settings.autodialerType;
	// The declared action is ADD; the body's own `action` takes its place (run.ts spreads the
	// payload after it), and UniTalk's errors are explained for UPDATE (transport/answer.ts).
	return { action: 'UPDATE', task: { ...kept, ...settings, id } };
}

function summary(p: Params, id: number, response: IDataObject): IDataObject {
	const task = callbackTask(p);
	const repeat = task.repeatCallsSettings as IDataObject;
	const states = repeat.statesSettings as Record<string, IDataObject>;
	const hours = task.timeFrom as Array<string | null>;
	const to = task.timeTo as Array<string | null>;
	return {
		autodialerId: id,
		created: p.str('target', 'create') !== 'update',
		status: response.status ?? null,
		name: task.name,
		operators: task.groupId ? { groupId: task.groupId } : { sipLines: task.pseudoGroupOperators },
		workingHours: Object.fromEntries(
			DAY_NAMES.map((day, d) => [day, hours[d] ? `${hours[d]}–${to[d]}` : 'off']),
		),
		attempts: Object.fromEntries(
			NOT_REACHED.map((state) => [state, Number(states[state].attempts) + 1]),
		),
		intervalMinutes: p.num('intervalMinutes', 30),
		minTalkSeconds: states.ANSWER?.secondsThreshold ?? 0,
		clientCalledMode: task.clientCalledMode,
		repeatsFirst: repeat.highPriority,
		startDate: task.startDate,
		endDate: task.endDate,
	};
}

export const autodialerOperation: Operation = {
	value: 'upsertAutodialer',
	name: 'Create or Update Autodialer',
	action: 'Create or update a callback autodialer',
	description:
		'Set up the autodialer that calls back missed calls: operators, working hours, attempts and interval, minimum talk time, skip clients who called back. Its ID goes in "Schedule".',
	path: PATH,
	apiAction: 'ADD', // UPDATE when updating: see `build`
	body: 'json',
	effect: notRepeatable(
		'Creates a new autodialer each time, or writes the whole autodialer (undoing a change made meanwhile).',
	),
	fields,
	build,
	output: (response, p) => {
		const body = response as IDataObject;
		const updating = p.str('target', 'create') === 'update';
		return summary(p, updating ? autodialerId(p) : Number(body.data), body);
	},
};
