import type { IDataObject } from 'n8n-workflow';

import { compact } from '../engine/params';
import type { Operation } from '../engine/types';
import { dictionaryToRecords } from '../engine/execute';
import { InputError } from '../validation';
import { collection, dateTime, num, pick, str } from './fields';
import { phoneSummary, phoneUnits, unitsInData } from './units';

/** Blocked lists, operator statistics, Web Dialer, dictionaries and scheduled event handlers. */
const LISTS: Array<[string, string]> = [
	['Blocked Numbers', 'BLOCKED_PHONES'],
	['Blocked for Autodialers', 'BLOCKED_FOR_AUTODIAL_PHONES'],
];
const DICTIONARY_TYPES = [
	'IVR',
	'INNER_PHONE',
	'USER',
	'SITE',
	'IN_SCENARIO',
	'OUT_SCENARIO',
	'TTS_PROFILE',
	'STT_PROFILE',
	'PHONE_GROUP',
	'TRIGGER_ACTION',
	'VOICE_ROBOT',
	'MESSAGE_DISTRIBUTION',
	'CONTACT_FORMS',
	'VOICE_ANALYTICS_PROFILE',
	'AUDIO_ALL',
	'AUDIO_GENERAL',
	'AUDIO_IVR',
	'AUDIO_AUTODIAL',
	'AUDIO_MELODY',
	'AUDIO_API',
	'AUDIO_VOICE_ROBOT',
	'AUDIO_VOICE_QUEUE',
	'AUTODIAL_ALL',
	'AUTODIAL_AUTODIALER',
	'AUTODIAL_PREDICTIVE',
	'AUTODIAL_ROBOT',
];

// The reference gives no /lists body: {list, operation, items} as its prose describes (assumed).
const listChange = (
	value: 'add' | 'remove',
	name: string,
	operation: 'ADD' | 'REMOVE',
): Operation => ({
	resource: 'blockedList',
	value,
	name,
	action: `${name} numbers ${value === 'add' ? 'to' : 'from'} a blocked list`,
	description: `${name} numbers ${value === 'add' ? 'to' : 'from'} a blocked list (100 per request)`,
	path: '/lists',
	body: 'json',
	sideEffect: true,
	fields: [
		pick('list', 'List', LISTS),
		str('phones', 'Phone Numbers', { required: true, default: '={{ $json.phone }}' }),
	],
	batch: {
		maxPerRequest: 100,
		units: (p) => ({ group: p.str('list'), units: phoneUnits(p, 'phones', 'Phone Numbers') }),
		payload: (p, units) => ({ list: p.str('list'), operation, items: units.map((u) => u.key) }),
		rejected: (message, data, units) =>
			message === 'Wrong numbers' ? unitsInData(data, units) : undefined,
		summarize: (p, results) =>
			phoneSummary(results, { list: p.str('list') }, value === 'add' ? 'added' : 'removed'),
	},
});

export const blockedListOperations: Operation[] = [
	{
		resource: 'blockedList',
		value: 'get',
		name: 'Get',
		action: 'Get a blocked list',
		description: 'Numbers in a blocked list, one item each',
		path: '/lists',
		body: 'json',
		limitList: true,
		fields: [pick('list', 'List', LISTS)],
		build: (p) => ({ list: p.str('list'), operation: 'GET' }),
		output: (response, p) => {
			const data = ((response as IDataObject).data ?? response) as unknown[];
			return (Array.isArray(data) ? data : []).map((phone) => ({
				list: p.str('list'),
				phone: phone as string,
			}));
		},
	},
	listChange('add', 'Add', 'ADD'),
	listChange('remove', 'Remove', 'REMOVE'),
];

export const statisticsOperations: Operation[] = [
	{
		resource: 'statistics',
		value: 'operators',
		name: 'Operator Statistics',
		action: 'Get operator statistics',
		description: 'Calls, durations and availability per operator for a period',
		path: '/operator/statistic',
		body: 'json',
		fields: [
			dateTime('from', 'From', { required: true }),
			dateTime('to', 'To', { required: true }),
			collection('filters', 'Filters', 'Add filter', [
				str('callTypes', 'Call Types', { description: 'Call type codes, comma separated' }),
				str('innerPhones', 'Lines', { description: 'Internal lines, comma separated' }),
				num('minTimeSeconds', 'Min Talk Seconds'),
				num('minTimeAwaitingSeconds', 'Min Wait Seconds'),
				num('maxTimeAwaitingSeconds', 'Max Wait Seconds'),
			]),
		],
		build: (p) => {
			const f = p.collection('filters');
			const list = (key: string) => (f[key] ? p.list(`filters.${key}`) : undefined);
			const filter = compact({
				callTypes: list('callTypes'),
				innerPhones: list('innerPhones'),
				minTimeSeconds: f.minTimeSeconds as number,
				minTimeAwaitingSeconds: f.minTimeAwaitingSeconds as number,
				maxTimeAwaitingSeconds: f.maxTimeAwaitingSeconds as number,
			} as IDataObject);
			return compact({
				from: p.dateTime('from', 'From'),
				to: p.dateTime('to', 'To'),
				filter: Object.keys(filter).length ? filter : undefined,
			});
		},
	},
];

const userIds = str('userIds', 'User IDs', {
	required: true,
	placeholder: '1234, 1235',
	description: 'Users who see the notification',
});
const idsOf = (raw: string[]) =>
	raw.map((v) => {
		const id = Number(v);
		if (!Number.isInteger(id) || id <= 0)
			throw new InputError(`"${v}" in "User IDs" is not a user ID`, 'userIds');
		return id;
	});

export const webDialerOperations: Operation[] = [
	{
		resource: 'webDialer',
		value: 'sendNotification',
		name: 'Send Notification',
		action: 'Send a notification to the web dialer',
		description: 'Show contact and deal details in the UniTalk Web Dialer of users',
		path: '/widget/sendNotification',
		body: 'json',
		sideEffect: true,
		fields: [
			userIds,
			str('contactName', 'Contact Name'),
			str('contactLink', 'Contact Link'),
			str('entityName', 'Deal Name'),
			str('entityLink', 'Deal Link'),
			str('responsible', 'Responsible'),
		],
		build: (p) => {
			const data = compact({
				contactName: p.opt('contactName'),
				contactLink: p.opt('contactLink'),
				entityName: p.opt('entityName'),
				entityLink: p.opt('entityLink'),
				responsible: p.opt('responsible'),
			});
			if (!Object.keys(data).length)
				throw new InputError('Fill at least one of the notification fields', 'contactName');
			return { userIds: idsOf(p.list('userIds')), data };
		},
		output: (response) => ((response as IDataObject).data as IDataObject) ?? {},
	},
	{
		resource: 'webDialer',
		value: 'hideNotification',
		name: 'Hide Notification',
		action: 'Hide a web dialer notification',
		description: 'Hide a notification sent earlier',
		path: '/widget/hideNotification',
		body: 'json',
		fields: [
			userIds,
			str('notificationId', 'Notification ID', {
				required: true,
				default: '={{ $json.notificationId }}',
			}),
		],
		build: (p) => ({
			userIds: idsOf(p.list('userIds')),
			notificationId: p.id('notificationId', 'Notification ID'),
		}),
		output: (response, p) => ({
			notificationId: p.id('notificationId', 'Notification ID'),
			result: (response as IDataObject).status,
		}),
	},
];

export const dictionaryOperations: Operation[] = [
	{
		resource: 'dictionary',
		value: 'get',
		name: 'Get Entities',
		action: 'Get entities of a type',
		description:
			'IDs and names of voice menus, lines, users, scenarios, audios, autodialers and more',
		path: '/dictionary',
		body: 'query',
		limitList: true,
		fields: [pick('type', 'Type', DICTIONARY_TYPES)],
		build: (p) => ({ type: p.str('type') }),
		output: (response, p) =>
			dictionaryToRecords(response).map((r) => ({ type: p.str('type'), ...r })),
	},
];

// The reference's path is "/api/eventHandlers/…" relative to a base that already ends in /api;
// we use /eventHandlers/removeScheduledByPhones (the doubled /api reads as a documentation slip).
export const eventHandlerOperations: Operation[] = [
	{
		resource: 'eventHandler',
		value: 'removeScheduled',
		name: 'Remove Scheduled by Phones',
		action: 'Remove scheduled event handlers of numbers',
		description: 'Cancel scheduled event handlers for numbers (100 per request)',
		path: '/eventHandlers/removeScheduledByPhones',
		body: 'json',
		sideEffect: true,
		fields: [str('phones', 'Phone Numbers', { required: true, default: '={{ $json.phone }}' })],
		batch: {
			maxPerRequest: 100,
			units: (p) => ({ group: 'all', units: phoneUnits(p, 'phones', 'Phone Numbers') }),
			payload: (_p, units) => ({ phones: units.map((u) => u.key) }),
			rejected: (message, data, units) =>
				message === 'Invalid phones' ? unitsInData(data, units) : undefined,
			results: (response, units) =>
				units.map((unit) => ({
					unit,
					ok: true,
					data: { removedInRequest: (response as IDataObject).data },
				})),
			summarize: (_p, results) => ({
				...phoneSummary(results, {}, 'processed'),
				removedInRequest: results.find((r) => r.ok)?.data?.removedInRequest ?? 0,
			}),
		},
	},
];
