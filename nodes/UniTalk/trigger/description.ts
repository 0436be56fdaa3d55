// The UniTalk Trigger's parameters.
import type { INodeProperties } from 'n8n-workflow';

/** Parameters of the UniTalk Trigger. */
const show = (mode: string[]) => ({ displayOptions: { show: { mode } } });

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Receives',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Call Events',
				value: 'events',
				description:
					'New, redirected, answered and ended calls (UniTalk "Event handling" → Send webhook)',
			},
			{
				name: 'Route Call to Operator (ROUTE)',
				value: 'route',
				description: 'UniTalk asks which operator takes an incoming call; the workflow answers',
			},
			{
				name: 'Voice Queue Priority',
				value: 'queue',
				description: 'UniTalk asks which queue (1–10) a caller goes to; the workflow answers',
			},
			{
				name: 'Other Notifications',
				value: 'notifications',
				description: 'Autodialer, voice menu (IVR) and balance webhooks',
			},
		],
		default: 'events',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Call Answered (CALL_ANSWER)', value: 'CALL_ANSWER' },
			{ name: 'Call Ended (CALL_END)', value: 'CALL_END' },
			{ name: 'Call Redirected (CALL_REDIRECT)', value: 'CALL_REDIRECT' },
			{ name: 'New Call (CALL_NEW)', value: 'CALL_NEW' },
		],
		default: ['CALL_NEW', 'CALL_ANSWER', 'CALL_REDIRECT', 'CALL_END'],
		...show(['events']),
	},
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'options',
		options: [
			{
				name: 'From the Workflow',
				value: 'workflow',
				description:
					'UniTalk → Call Routing → Answer Route / Answer Queue Priority replies the moment it runs; nodes after it keep running',
			},
			{
				name: 'Fixed Answer at Once',
				value: 'fixed',
				description: 'Answer immediately with the values below; the workflow still runs',
			},
		],
		default: 'workflow',
		...show(['route', 'queue']),
	},
	{
		displayName: 'Operator Number',
		name: 'operatorNumber',
		type: 'string',
		default: '',
		description: 'SIP line or phone number to route to',
		displayOptions: { show: { mode: ['route'], answer: ['fixed'] } },
	},
	{
		displayName: 'Voice Menu ID',
		name: 'ivrId',
		type: 'number',
		default: 0,
		description: '0 = none',
		displayOptions: { show: { mode: ['route'], answer: ['fixed'] } },
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5,
		displayOptions: { show: { mode: ['queue'], answer: ['fixed'] } },
	},
	{
		displayName: 'Verify Sender By',
		name: 'verification',
		type: 'options',
		options: [
			{
				name: 'API Key in Authorization Header',
				value: 'apiKey',
				description:
					'UniTalk webhook header "Authorization" = the credential\'s API key (as in the Uspacy setup)',
			},
			{ name: 'Secret in a Header', value: 'header' },
			{
				name: 'Secret in the "Key" URL Parameter',
				value: 'query',
				description: 'Append ?key=SECRET to the URL (the ROUTE URL pattern)',
			},
			{ name: 'None (Not Recommended)', value: 'none' },
		],
		default: 'apiKey',
	},
	{
		displayName: 'Anyone who knows this URL can start the workflow. Choose a verification method.',
		name: 'noVerificationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verification: ['none'] } },
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'X-UniTalk-Secret',
		displayOptions: { show: { verification: ['header'] } },
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { verification: ['header', 'query'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		...show(['events']),
		options: [
			{
				displayName: 'Only Missed Calls',
				name: 'onlyMissed',
				type: 'boolean',
				default: false,
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
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Attach Recording',
				name: 'attachRecording',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the recording of an answered call on CALL_END as binary data (needs the credential; UniTalk may add recordings 10–15 minutes late)',
			},
			{
				displayName: 'Recording Field',
				name: 'binaryProperty',
				type: 'string',
				default: 'recording',
			},
			{
				displayName: 'Ignore Repeated Deliveries',
				name: 'ignoreRepeats',
				type: 'boolean',
				default: true,
				description:
					'Whether to start only once when UniTalk delivers the same event of the same call again within 10 minutes (repeats are answered 200 and start nothing). Remembered by this n8n process.',
				displayOptions: { show: { '/mode': ['events'] } },
			},
			{
				displayName: 'Include Raw Body',
				name: 'includeRaw',
				type: 'boolean',
				default: true,
				description: 'Whether to add the body UniTalk sent as "raw"',
			},
		],
	},
];
