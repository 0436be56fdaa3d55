// Blocked lists: numbers UniTalk will not call or accept (read, add, remove; batched by 100).
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable, READS } from '../engine/effect';
import type { Operation } from '../engine/types';
import { pick, str, PHONE_FROM_INPUT } from './fields';
import { phoneSummary, phoneUnits, unitsInData } from './units';

const LISTS: Array<[string, string]> = [
	['Blocked Numbers', 'BLOCKED_PHONES'],
	['Blocked for Autodialers', 'BLOCKED_FOR_AUTODIAL_PHONES'],
];
// The reference gives no /lists body: {list, operation, items} as its prose describes (assumed).
const listChange = (
	value: 'add' | 'remove',
	name: string,
	operation: 'ADD' | 'REMOVE',
): Operation => ({
	value,
	name,
	action: `${name} numbers ${value === 'add' ? 'to' : 'from'} a blocked list`,
	description: `${name} numbers ${value === 'add' ? 'to' : 'from'} a blocked list (100 per request)`,
	path: '/lists',
	body: 'json',
	effect: notRepeatable(
		value === 'add'
			? 'A repeat that lands after someone unblocked a number would block it again.'
			: 'A repeat that lands after someone blocked a number again would unblock it.',
	),
	fields: [
		pick('list', 'List', LISTS),
		str('phones', 'Phone Numbers', { required: true, default: PHONE_FROM_INPUT }),
	],
	batch: {
		maxPerRequest: 100,
		units: async (p) => ({
			group: p.str('list'),
			units: await phoneUnits(p, 'phones', 'Phone Numbers'),
		}),
		payload: (p, units) => ({ list: p.str('list'), operation, items: units.map((u) => u.key) }),
		rejected: (message, data, units) =>
			message === 'Wrong numbers' ? unitsInData(data, units) : undefined,
		summarize: (p, results) =>
			phoneSummary(results, { list: p.str('list') }, value === 'add' ? 'added' : 'removed'),
	},
});

export const blockedListOperations: Operation[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a blocked list',
		description: 'Numbers in a blocked list, one item each',
		path: '/lists',
		body: 'json',
		effect: READS,
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
