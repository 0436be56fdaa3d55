// The UniTalk Trigger's parameters and the set-up each mode needs on UniTalk's side.
import type { INodeProperties } from 'n8n-workflow';

import { callFiltersCollections } from '../shared/callFilters';
import { attachRecordingOptions } from '../shared/recordingOptions';

/** Version 3: Filters → Answered or Missed (Only Missed, Only Answered, Any) for Only Missed Calls. */
export const ANSWERED_FILTER_SINCE = 3;

const show = (mode: string[]) => ({ displayOptions: { show: { mode } } });

/** Modes in which UniTalk waits for the workflow's answer (ROUTE, voice queue). */
export const ANSWER_MODES = ['route', 'queue'];

/** What each mode shows in the n8n node panel and the nodes panel ("On …" entries). */
export const MODE_LABELS: Record<string, string> = {
	events: 'Call Events',
	route: 'ROUTE Request (Choose the Operator)',
	queue: 'Voice Queue Request',
	notifications: 'Other Notifications',
};

const verificationOptions = {
	apiKey: {
		name: 'API Key in Authorization Header',
		value: 'apiKey',
		description:
			'The webhook action in UniTalk sends header "Authorization" = the credential\'s API key (as in the Uspacy setup)',
	},
	header: { name: 'Secret in a Header', value: 'header' },
	query: {
		name: 'Secret in the "Key" URL Parameter',
		value: 'query',
		description: 'Paste the Production URL into UniTalk followed by ?key=YOUR_SECRET',
	},
	apiKeyQuery: {
		name: 'API Key in the "Key" URL Parameter',
		value: 'apiKeyQuery',
		description:
			'Paste the Production URL followed by ?key=YOUR_API_KEY (the Uspacy setup does this; a secret of your own keeps the key out of URLs)',
	},
	none: { name: 'None (Not Recommended)', value: 'none' },
};

/**
 * The same parameter under both *Verify Sender By* (call events and notifications; ROUTE and
 * queue), shown when the one in view is set to one of `methods`.
 */
const underVerification = (methods: string[], property: INodeProperties): INodeProperties[] =>
	['verification', 'routeVerification'].map((parameter) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, [parameter]: methods } },
	}));

// "Trigger On" is the label n8n's nodes panel looks for: each option becomes an "On …" entry there.
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: MODE_LABELS.events,
				value: 'events',
				action: 'On call events (new, answered, redirected, ended)',
				description: 'New, answered, redirected and ended calls, sent by UniTalk Event handling',
			},
			{
				name: MODE_LABELS.route,
				value: 'route',
				action: 'On ROUTE request (choose the operator for an incoming call)',
				description: 'UniTalk asks which operator takes an incoming call; the workflow answers',
			},
			{
				name: MODE_LABELS.queue,
				value: 'queue',
				action: "On voice queue request (set the caller's priority)",
				description: 'UniTalk asks which priority (1–10) a caller gets in the voice queue',
			},
			{
				name: MODE_LABELS.notifications,
				value: 'notifications',
				action: 'On autodialer, voice menu or balance notification',
				description: 'Autodialer, voice menu (IVR) and balance webhooks',
			},
		],
		default: 'events',
	},
	{
		displayName:
			'In UniTalk: <b>Integrations → Event handling</b>, add a handler for the events below with the action <b>Send webhook</b>. URL: the Production URL above (the Test URL while the trigger listens: <b>Execute step</b>); header <b>Authorization</b>: your API key. UniTalk does not wait for the workflow.',
		name: 'eventsSetup',
		type: 'notice',
		default: '',
		...show(['events']),
	},
	{
		displayName:
			"In UniTalk: <b>Incoming scenarios</b> → your scenario → block <b>To the responsible manager</b> → Search responsible: <b>Request to Your API</b>. Answer in this workflow with <b>UniTalk → Call Routing → Answer Route</b>: UniTalk gets its answer the moment it runs. If the workflow fails or ends without it, UniTalk goes on to the scenario's next block, so put <b>To the department</b> after this one.",
		name: 'routeSetup',
		type: 'notice',
		default: '',
		...show(['route']),
	},
	{
		displayName:
			"In UniTalk: <b>Incoming scenarios</b> → block <b>Voice queue</b> → <b>Webhook for management</b>. Answer in this workflow with <b>UniTalk → Call Routing → Answer Queue Priority</b> (1–10). Without an answer the caller keeps UniTalk's default priority 5.",
		name: 'queueSetup',
		type: 'notice',
		default: '',
		...show(['queue']),
	},
	{
		displayName:
			'In UniTalk: paste the Production URL where a notification webhook is asked for (autodialer settings, voice menu, balance notifications). UniTalk does not wait for the workflow.',
		name: 'notificationsSetup',
		type: 'notice',
		default: '',
		...show(['notifications']),
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
		type: 'string',
		default: '',
		placeholder: '487',
		description: 'Voice menu to play first (its ID in UniTalk); leave empty for none',
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
			verificationOptions.apiKey,
			verificationOptions.header,
			verificationOptions.query,
			verificationOptions.none,
		],
		default: 'apiKey',
		displayOptions: { show: { mode: ['events', 'notifications'] } },
	},
	// ROUTE and voice queue requests come from a URL typed into an incoming scenario, with no
	// headers to set: a separate parameter so these modes default to the ?key= URL parameter.
	{
		displayName: 'Verify Sender By',
		name: 'routeVerification',
		type: 'options',
		options: [
			verificationOptions.query,
			verificationOptions.apiKeyQuery,
			verificationOptions.header,
			verificationOptions.none,
		],
		default: 'query',
		...show(ANSWER_MODES),
	},
	{
		displayName:
			'URL to paste in UniTalk: the <b>Production URL</b> above followed by <b>?key=</b> and the Secret below, e.g. https://your-n8n/webhook/…/unitalk<b>?key=YOUR_SECRET</b>.',
		name: 'secretUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ANSWER_MODES, routeVerification: ['query'] } },
	},
	{
		displayName:
			"URL to paste in UniTalk: the <b>Production URL</b> above followed by <b>?key=</b> and the credential's API key, e.g. https://your-n8n/webhook/…/unitalk<b>?key=YOUR_API_KEY</b>.",
		name: 'apiKeyUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ANSWER_MODES, routeVerification: ['apiKeyQuery'] } },
	},
	...underVerification(['none'], {
		displayName: 'Anyone who knows this URL can start the workflow. Choose a verification method.',
		name: 'noVerificationNotice',
		type: 'notice',
		default: '',
	}),
	...underVerification(['header'], {
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'X-UniTalk-Secret',
		description: 'The header UniTalk sends the Secret in',
	}),
	...underVerification(['header', 'query'], {
		displayName:
			"Fill in the <b>Secret</b> first: until it is set, n8n keeps the trigger's <b>Execute step</b> (<b>Test this trigger</b>) and <b>Execute workflow</b> buttons greyed out.",
		name: 'secretFirstNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { secret: [''] } },
	}),
	...underVerification(['header', 'query'], {
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'A long random text of your own; UniTalk must send the same (in the header, or as ?key= in the URL). Requests without it are answered 401, with a wrong one 403, and start nothing.',
	}),
	...callFiltersCollections(ANSWERED_FILTER_SINCE, { mode: ['events'] }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...attachRecordingOptions({ show: { '/mode': ['events'] } }),
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
				default: false,
				description:
					'Whether to add the body UniTalk sent as "raw" (every field then appears twice: normalised and as sent)',
			},
		],
	},
];
