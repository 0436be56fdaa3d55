// The Call History Trigger's parameters.
import type { INodeProperties } from 'n8n-workflow';

import { callFiltersCollections } from '../shared/callFilters';
import { attachRecordingOptions } from '../shared/recordingOptions';
import { OUTCOMES } from './callbacks';

const forCallbacks = { displayOptions: { show: { event: ['callbackOutcomes'] } } };
const OUTCOME_NAMES: Record<(typeof OUTCOMES)[number], [string, string]> = {
	reached: [
		'Reached',
		'An autodialer call the client answered and talked at least Minimum Talk Time',
	],
	calledBack: [
		'Called Back',
		'The client called and was answered before the autodialer reached them',
	],
	notReached: ['Not Reached', "The autodialer's attempts ran out without reaching the client"],
	expired: ['Expired', 'Still open after Expire After: removed from the autodialer'],
	stillOpen: [
		'Still Open',
		'Still open after Report Still Open After (said once; the loop goes on)',
	],
};

/** Trigger On → Callback Outcomes (poll/callbackCheck.ts). */
const callbackProperties: INodeProperties[] = [
	{
		displayName: 'Callback Autodialer Name or ID',
		name: 'callbackAutodialerId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAutodialers' },
		default: '',
		required: true,
		description:
			'The autodialer Schedule a Callback adds numbers to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		...forCallbacks,
	},
	{
		displayName: 'Minimum Talk Time (S)',
		name: 'minTalkSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		description:
			'An answered callback counts as reached only when the talk lasted this long (a shorter one is dialled again while the autodialer allows)',
		...forCallbacks,
	},
	{
		displayName: 'Expire After (Hours)',
		name: 'expireAfterHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 48,
		description:
			'A callback still open this long after it was scheduled is removed from the autodialer (never dialled days later) and reported as expired',
		...forCallbacks,
	},
	{
		displayName: 'Report Still Open After (Hours)',
		name: 'stillOpenAfterHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 4,
		description:
			'A callback still open this long after it was scheduled is reported once as still open (0: never); its final outcome comes later',
		...forCallbacks,
	},
	{
		displayName: 'Only Callbacks Scheduled by N8n',
		name: 'onlyN8nCallbacks',
		type: 'boolean',
		default: true,
		description:
			'Whether to leave out numbers added to the autodialer some other way (Schedule a Callback marks its numbers: parameter 1 = "n8n-callback")',
		...forCallbacks,
	},
	{
		displayName: 'Outcomes',
		name: 'outcomes',
		type: 'multiOptions',
		options: OUTCOMES.map((value) => ({
			name: OUTCOME_NAMES[value][0],
			value,
			description: OUTCOME_NAMES[value][1],
		})),
		default: [...OUTCOMES],
		description: 'The outcomes that start the workflow (the others are noted, not emitted)',
		...forCallbacks,
	},
];

/** Version 2: Filters → Answered or Missed (Only Missed, Only Answered, Any) for Only Missed Calls. */
export const ANSWERED_FILTER_SINCE = 2;

/** UniTalk's own "lost" mark, asked of history/get (sources.ts): a missed call not called back. */
const LOST_FILTER: INodeProperties = {
	displayName: 'Only Lost Calls (Missed, Not Called Back)',
	name: 'lost',
	type: 'boolean',
	default: true,
	description:
		"Whether to start only for missed calls nobody has called back by the check (UniTalk's lost calls: UniTalk picks them)",
	displayOptions: { show: { '/event': ['finishedCalls'] } },
};

export const pollProperties: INodeProperties[] = [
	{
		displayName:
			"Checks UniTalk (its call history, or the chosen autodialers' calls) on the schedule above (Poll Times) and starts once for every call that ended since the last check: no public URL and nothing to set up in UniTalk. For instant starts and ROUTE answers use the UniTalk Trigger.",
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Finished Calls',
				value: 'finishedCalls',
				description: "Every call of the project's call history, as the UniTalk Trigger's CALL_END",
			},
			{
				name: 'Recording Ready',
				value: 'recordingReady',
				description:
					'Each answered call once, when its recording first appears in the call history (UniTalk adds it 10–15 minutes after the call ends, longer for long calls)',
			},
			{
				name: 'Autodialer Call Results',
				value: 'autodialerCalls',
				description: 'Every call the chosen autodialers made, with its result',
			},
			{
				name: 'Callback Outcomes',
				value: 'callbackOutcomes',
				description:
					'Once per scheduled callback when its loop closes: client reached, called back, not reached, or expired (and once if still open after a while)',
			},
		],
		default: 'finishedCalls',
	},
	...callbackProperties,
	{
		displayName: 'Autodialer Names or IDs',
		name: 'autodialerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAutodialers' },
		default: [],
		required: true,
		description:
			'The autodialers whose calls start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['autodialerCalls'] } },
	},
	{
		displayName: 'Wait for Recording (Hours)',
		name: 'recordingWaitHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 12 },
		default: 3,
		description:
			"How long after a call's start its recording is waited for. Each check reads this much of the call history (1,000 calls a request); an answered call whose recording has not come by then is not emitted, and the next items' notice counts it.",
		displayOptions: { show: { event: ['recordingReady'] } },
	},
	{
		displayName: 'Look Back (Minutes)',
		name: 'lookBackMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description:
			'How far back each check reads again, for calls UniTalk writes to its history late: a call appears when it ends, dated when it started. At least 30 minutes are read; a call that appears later than half the window widens it (said on the items).',
		displayOptions: { hide: { event: ['recordingReady', 'callbackOutcomes'] } },
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'dateTime',
		default: '',
		displayOptions: { hide: { event: ['callbackOutcomes'] } },
		description:
			'On the first activation, also start for calls from this time on (a catch-up). Empty: only calls that end after activation.',
	},
	...callFiltersCollections(ANSWERED_FILTER_SINCE, { event: ['finishedCalls', 'recordingReady'] }, [
		LOST_FILTER,
	]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { hide: { event: ['callbackOutcomes'] } },
		options: [
			...attachRecordingOptions({ show: { '/event': ['finishedCalls', 'recordingReady'] } }),
			{
				displayName: 'Include Raw Body',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the history row as UniTalk sent it as "raw" (every field then appears twice)',
			},
		],
	},
];
