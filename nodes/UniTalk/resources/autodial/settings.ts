// Autodialer settings shared by Create and Update: fields and their mapping to UniTalk's `task`.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Params } from '../../engine/params';
import { InputError, requireLength, requireRange } from '../../shared/validation';
import { bool, dateTime, fromAccount, num, pick, pickMany, str, when } from '../fields';

/** UniTalk's weekdays as timeFrom/timeTo index them (Monday first), for every hours field. */
export const DAYS: Array<[string, string]> = [
	['Monday', '0'],
	['Tuesday', '1'],
	['Wednesday', '2'],
	['Thursday', '3'],
	['Friday', '4'],
	['Saturday', '5'],
	['Sunday', '6'],
];
const DYNAMIC_VALUES = [
	'NA',
	'NO',
	'LI',
	'P1',
	'P2',
	'P3',
	'P4',
	'P5',
	'P6',
	'P7',
	'P8',
	'P9',
	'P10',
];

export const scheduleFields: INodeProperties[] = [
	dateTime('startDate', 'Start Date', {
		required: true,
		description: 'First day of calling (inclusive)',
	}),
	dateTime('endDate', 'End Date', {
		required: true,
		description: 'Last day of calling (inclusive)',
	}),
	pickMany('days', 'Calling Days', DAYS, { default: ['0', '1', '2', '3', '4'] }),
	str('timeFrom', 'Daily From', { default: '09:00', placeholder: 'HH:mm' }),
	str('timeTo', 'Daily To', { default: '19:00', placeholder: 'HH:mm' }),
	pick('crmMode', 'Send to CRM', [
		['None', 'DONT_SEND'],
		['Answered by Subscriber', 'SEND_ANSWERED'],
		['Answered by Subscriber and Operator', 'SEND_SUCCESS'],
		['All Calls', 'ALL_CALLS'],
	]),
	pick('clientCalledMode', 'Skip Numbers That Called Us', [
		['Never', 'NEVER'],
		['Only if the Call Was Answered', 'ANSWERED_CALLS'],
		['Always', 'ALL_CALLS'],
	]),
];

const routing = { autodialerType: ['GUARANTEED_DIAL'] };
export const typeFields: INodeProperties[] = [
	{
		displayName: 'Audio Parts',
		name: 'audioParts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Audio Part' },
		default: {},
		description:
			'Played in order when the client answers (up to 20 parts). Leave empty to use an incoming scenario.',
		...when({ autodialerType: ['AUTODIAL'] }),
		options: [
			{
				displayName: 'Part',
				name: 'part',
				values: [
					pick('kind', 'Kind', [
						['Audio', 'audio'],
						['Silence', 'silence'],
						['Speech Synthesis of a Number Field', 'synthesis'],
					]),
					fromAccount(
						'audioId',
						'Audio Name or ID',
						'getAutodialAudios',
						when({ kind: ['audio'] }),
					),
					num('silenceMillis', 'Silence (Ms)', { default: 500, ...when({ kind: ['silence'] }) }),
					pick('dynamicValue', 'Field to Speak', DYNAMIC_VALUES, when({ kind: ['synthesis'] })),
					fromAccount(
						'settingsId',
						'Synthesis Profile Name or ID',
						'getTtsProfiles',
						when({ kind: ['synthesis'] }),
					),
				],
			},
		],
	},
	fromAccount(
		'scenarioId',
		'Incoming Scenario Name or ID',
		'getInScenarios',
		when({ autodialerType: ['AUTODIAL'] }),
	),
	fromAccount('voiceSecretaryId', 'Voice Robot Name or ID', 'getVoiceRobots', {
		required: true,
		...when({ autodialerType: ['VOICE_ROBOT'] }),
	}),
	fromAccount('moh', 'Waiting Melody Name or ID', 'getMelodyAudios', when(routing)),
	fromAccount('groupId', 'Operator Group Name or ID', 'getGroups', {
		description:
			'Calls go to this group of internal lines (or list SIP lines below). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
	str('pseudoGroupOperators', 'Operator SIP Lines', {
		placeholder: '1000, 1001',
		description: 'Used when no group is chosen',
	}),
	num('threadCount', 'Simultaneous Calls', {
		default: 1,
		typeOptions: { minValue: 1 },
		...when({ autodialerMode: ['FIXED'] }),
	}),
];

export const advancedSettings: INodeProperties[] = [
	num('callDelay', 'Pause Between Calls (S)', { description: 'FIXED mode with one thread only' }),
	bool(
		'callDelayOnlyAnswered',
		'Pause Only After Answered Calls',
		'Whether the pause applies only after calls answered by an operator',
	),
	str('callerIdPrefix', 'Caller ID Prefix', {
		description: 'Shown in the SIP client before the number (max 20 characters)',
	}),
	num('coldBaseStartCallsMultiplier', 'Cold Base Multiplier', {
		default: 1,
		typeOptions: { minValue: 0.1, maxValue: 1.5, numberPrecision: 1 },
	}),
	num('delay', 'Delay After Audio (S)', {
		description: 'AUTODIAL: pause between the audio and the scenario',
	}),
	bool(
		'displayName',
		'Show Name in SIP Client',
		'Whether operators see the name given to the number',
	),
	bool(
		'displayNote',
		'Show Note in SIP Client',
		'Whether operators see the note given to the number',
	),
	num('markAsBusySeconds', 'Mark Line Busy After Call (S)', {
		typeOptions: { minValue: 0, maxValue: 3600 },
	}),
	num('markAsBusyMinSecondsTalk', 'Min Talk for Busy Mark (S)', {
		typeOptions: { minValue: 0, maxValue: 3600 },
	}),
	fromAccount('outScenarioId', 'Outgoing Scenario Name or ID', 'getOutScenarios'),
	num('pauseOperatorNoAnswerLimit', 'Pause Operator After Missed Calls', { default: 5 }),
	bool(
		'removeAfterFinish',
		'Delete When Finished',
		'Whether to delete the autodialer once it completes',
	),
	{
		displayName: 'Repeat Call Settings (JSON)',
		name: 'repeatCallsSettings',
		type: 'json',
		default: '',
		description:
			"UniTalk's repeatCallsSettings object: earlyStart, highPriority and statesSettings per state",
	},
	bool(
		'reservedSipsBusyOnlyForAutodials',
		'Keep Lines for Autodialer Only',
		'Whether inner lines stay unavailable for incoming scenarios',
	),
	num('smartSpeed', 'Smart Speed', {
		typeOptions: { minValue: -10, maxValue: 10 },
		description: 'SMART mode: -10 (slower) to 10 (faster)',
	}),
	fromAccount('ttsSettingsId', 'Synthesis Profile Name or ID', 'getTtsProfiles'),
	{
		displayName: 'Trigger Actions (JSON)',
		name: 'triggerActions',
		type: 'json',
		default: '',
		description: 'Event → handler IDs, e.g. {"AUTODIAL_NOANSWER": [2]} (max 5 per event)',
	},
	bool(
		'useTaskAudioIfAudioError',
		'Use Autodialer Audio on Audio Error',
		'Whether a failing per-number audio falls back to the autodialer audio instead of ending the call',
	),
];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** UniTalk's timeFrom/timeTo arrays (Monday first, null = day off) from days + daily hours. */
export function weekSchedule(
	days: string[],
	from: string,
	to: string,
): { timeFrom: Array<string | null>; timeTo: Array<string | null> } {
	if (!HHMM.test(from) || !HHMM.test(to))
		throw new InputError('"Daily From" and "Daily To" must be times like 09:00', 'timeFrom');
	if (from >= to) throw new InputError('"Daily From" must be earlier than "Daily To"', 'timeFrom');
	if (!days.length) throw new InputError('Choose at least one day in "Calling Days"', 'days');
	const on = (d: number, value: string) => (days.includes(String(d)) ? value : null);
	return {
		timeFrom: [0, 1, 2, 3, 4, 5, 6].map((d) => on(d, from)),
		timeTo: [0, 1, 2, 3, 4, 5, 6].map((d) => on(d, to)),
	};
}

export function compositeAudio(p: Params): IDataObject | undefined {
	const parts = (p.collection('audioParts').part as IDataObject[] | undefined) ?? [];
	if (!parts.length) return undefined;
	if (parts.length > 20)
		throw new InputError(
			`"Audio Parts" has ${parts.length} parts; UniTalk allows 20`,
			'audioParts',
		);
	const multiAudios = parts.map((part) => {
		if (part.kind === 'silence')
			return { silenceMillis: requireRange(Number(part.silenceMillis), 1, 10000, 'Silence (Ms)') };
		if (part.kind === 'synthesis')
			return {
				synthesisFromDynamicValue: {
					dynamicValue: part.dynamicValue,
					settingsId: part.settingsId || null,
				},
			};
		if (!part.audioId) throw new InputError('An audio part needs an audio', 'audioParts');
		return { id: Number(part.audioId) };
	});
	return { multiAudios };
}

/** Rules UniTalk applies per type and mode, checked before sending. */
export function checkTypeRules(task: IDataObject): void {
	requireLength(String(task.name ?? ''), 45, 'Name', 1);
	const type = task.autodialerType;
	const needsOperators =
		type === 'GUARANTEED_DIAL' || task.autodialerMode === 'FREE' || task.autodialerMode === 'SMART';
	if (
		needsOperators &&
		!task.groupId &&
		!(task.pseudoGroupOperators as string[] | undefined)?.length
	) {
		throw new InputError(
			`A ${String(type)} autodialer in ${String(task.autodialerMode)} mode needs "Operator Group" or "Operator SIP Lines"`,
			'groupId',
		);
	}
	if (type === 'AUTODIAL' && !task.compositeAudio && !task.scenarioId) {
		throw new InputError(
			'An AUTODIAL autodialer needs "Audio Parts" or an "Incoming Scenario"',
			'audioParts',
		);
	}
	if (type === 'VOICE_ROBOT' && !task.voiceSecretaryId)
		throw new InputError('A VOICE_ROBOT autodialer needs a "Voice Robot"', 'voiceSecretaryId');
	if (task.autodialerMode === 'FIXED' && !(Number(task.threadCount) >= 1)) {
		throw new InputError('FIXED mode needs "Simultaneous Calls" of at least 1', 'threadCount');
	}
	if (task.startDate && task.endDate && String(task.startDate) > String(task.endDate)) {
		throw new InputError('"Start Date" is after "End Date"', 'startDate');
	}
	if (task.callerIdPrefix && String(task.callerIdPrefix).length > 20)
		throw new InputError('"Caller ID Prefix" allows at most 20 characters', 'callerIdPrefix');
}
