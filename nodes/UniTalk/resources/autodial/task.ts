// Create and Update of /autodial/action (ADD / UPDATE with a `task`).
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { notRepeatable } from '../../engine/effect';
import { compact, type Params } from '../../engine/params';
import type { Operation } from '../../engine/types';
import { InputError, parseJsonField, requirePhone, toList } from '../../shared/validation';
import { autodialer, bool, phoneList, pick, str } from '../fields';
import { autodialerId, PATH } from './campaigns';
import {
	advancedSettings,
	checkTypeRules,
	compositeAudio,
	scheduleFields,
	typeFields,
	weekSchedule,
} from './settings';

const TYPES: Array<[string, string]> = [
	['Autodialer', 'AUTODIAL'],
	['Guaranteed Autodialer', 'GUARANTEED_DIAL'],
	['Voice Robot', 'VOICE_ROBOT'],
];
const MODES: Array<[string, string]> = [
	['A Fixed Number of Calls at Once', 'FIXED'],
	['By Free Operators', 'FREE'],
	['Smart Selection', 'SMART'],
];
const NUMERIC_IDS = [
	'groupId',
	'scenarioId',
	'voiceSecretaryId',
	'moh',
	'outScenarioId',
	'ttsSettingsId',
];

function settingsOf(values: IDataObject): IDataObject {
	const settings: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === '' || value === undefined || value === null) continue;
		if (key === 'repeatCallsSettings' || key === 'triggerActions')
			settings[key] = parseJsonField(value, key) as IDataObject;
		else if (key === 'pseudoGroupOperators') settings[key] = toList(value);
		else if (NUMERIC_IDS.includes(key)) settings[key] = Number(value);
		else settings[key] = value;
	}
	return settings;
}

const createFields: INodeProperties[] = [
	str('name', 'Name', {
		required: true,
		description: 'Unique in the project, at most 45 characters',
	}),
	pick('autodialerType', 'Type', TYPES),
	pick('autodialerMode', 'Mode', MODES),
	...scheduleFields,
	...typeFields,
	phoneList('numbers', 'Numbers to Call', {
		description: 'Optional first numbers; add more later with "Add Numbers"',
	}),
	bool('highPriority', 'High Priority', 'Whether these numbers are called first'),
	{
		displayName: 'Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add setting',
		default: {},
		options: advancedSettings,
	},
];

function buildCreate(p: Params): IDataObject {
	const schedule = weekSchedule(p.get<string[]>('days', []), p.str('timeFrom'), p.str('timeTo'));
	const task: IDataObject = compact({
		name: p.str('name'),
		autodialerType: p.str('autodialerType'),
		autodialerMode: p.str('autodialerMode'),
		startDate: p.date('startDate', 'Start Date'),
		endDate: p.date('endDate', 'End Date'),
		...schedule,
		crmMode: p.str('crmMode'),
		clientCalledMode: p.str('clientCalledMode'),
		...settingsOf({
			groupId: p.get('groupId', ''),
			pseudoGroupOperators: p.get('pseudoGroupOperators', ''),
			scenarioId: p.get('scenarioId', ''),
			voiceSecretaryId: p.get('voiceSecretaryId', ''),
			moh: p.get('moh', ''),
			threadCount: p.get('threadCount', ''),
		}),
		compositeAudio: p.str('autodialerType') === 'AUTODIAL' ? compositeAudio(p) : undefined,
		...settingsOf(p.collection('settings')),
	});
	checkTypeRules(task);
	const numbers = p.list('numbers').map((n) => requirePhone(n, 'Numbers to Call'));
	if (numbers.length > 100_000)
		throw new InputError(
			'"Numbers to Call" holds more than 100,000 numbers; add the rest with "Add Numbers"',
			'numbers',
		);
	if (numbers.length) Object.assign(task, { numbers, highPriority: p.bool('highPriority') });
	return { task };
}

const updateOptions: INodeProperties[] = [
	str('name', 'Name'),
	pick('autodialerMode', 'Mode', MODES),
	...scheduleFields.map((f) => ({ ...f, required: false })),
	...typeFields
		.filter((f) => f.name !== 'audioParts')
		.map((f) => ({ ...f, displayOptions: undefined, required: false })),
	...advancedSettings,
];

/** Fields GET_WITH_DATA reports about a task that are not part of its settings. */
const READ_ONLY = ['statistics', 'withdrawalStatistics', 'taskStatusInfo', 'finishedDate'];

/** UPDATE replaces the whole task, so the current settings are read first and the changes merged in. */
async function buildUpdate(p: Params): Promise<IDataObject> {
	const id = autodialerId(p);
	const changes = p.collection('updateFields');
	if (!Object.keys(changes).length)
		throw new InputError('Add at least one field under "Update Fields"', 'updateFields');
	const current = (await p.read(PATH, { action: 'GET_WITH_DATA' })) as IDataObject;
	const existing = ((current.tasks as IDataObject[]) ?? []).find((t) => Number(t.id) === id);
	if (!existing)
		throw new InputError(`Autodialer ${id} was not found in the project`, 'autodialerId');
	const task: IDataObject = { ...existing };
	for (const field of READ_ONLY) delete task[field];
	const { days, timeFrom, timeTo, startDate, endDate, ...rest } = changes;
	Object.assign(task, settingsOf(rest));
	if (startDate) task.startDate = p.date('updateFields.startDate', 'Start Date');
	if (endDate) task.endDate = p.date('updateFields.endDate', 'End Date');
	if (days !== undefined || timeFrom !== undefined || timeTo !== undefined) {
		const firstOn = (list: unknown) => ((list as Array<string | null>) ?? []).find((v) => v) ?? '';
		const currentDays = ((task.timeFrom as Array<string | null>) ?? [])
			.map((v, d) => (v ? String(d) : ''))
			.filter(Boolean);
		Object.assign(
			task,
			weekSchedule(
				(days as string[]) ?? currentDays,
				String(timeFrom ?? firstOn(task.timeFrom)),
				String(timeTo ?? firstOn(task.timeTo)),
			),
		);
	}
	task.id = id;
	checkTypeRules(task);
	return { task };
}

export const taskOperations: Operation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an autodialer',
		description:
			'Create an autodialer (autodialer, guaranteed or voice robot; fixed, free or smart mode)',
		path: PATH,
		apiAction: 'ADD',
		body: 'json',
		effect: notRepeatable('Creates a new autodialer each time.'),
		fields: createFields,
		build: buildCreate,
		output: (response) => ({
			id: (response as IDataObject).data,
			status: (response as IDataObject).status,
		}),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update an autodialer',
		description: 'Change settings of an autodialer; fields left out keep their current value',
		path: PATH,
		apiAction: 'UPDATE',
		body: 'json',
		effect: notRepeatable(
			'Writes the whole autodialer: a repeat that lands after someone else changed it would undo their change.',
		),
		fields: [
			autodialer,
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add field',
				default: {},
				options: updateOptions,
			},
		],
		build: buildUpdate,
		output: (response, p) => ({ id: autodialerId(p), status: (response as IDataObject).status }),
	},
];
