// Internal (SIP) lines and groups of lines.
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable, READS } from '../engine/effect';
import type { Operation } from '../engine/types';
import { str } from './fields';

export const lineOperations: Operation[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many internal lines and their status',
		description: 'Internal (SIP) lines with status online, busy or offline',
		path: '/phones/inner',
		body: 'json',
		effect: READS,
		limitList: true,
		build: () => ({}),
		output: (response) => {
			const body = (
				(response as IDataObject).status ? (response as IDataObject).data : response
			) as IDataObject;
			return Object.entries(body ?? {}).map(([number, status]) => ({
				number,
				status: status as string,
			}));
		},
	},
	{
		value: 'removeFromGroup',
		name: 'Remove Number From Group',
		action: 'Remove a number from a group',
		description: 'Take a number out of a group (department) of lines',
		path: '/groups/action',
		body: 'json',
		effect: notRepeatable(
			'A repeat that lands after the line was added back would remove it again.',
		),
		fields: [
			{
				displayName: 'Group Name or ID',
				name: 'groupId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: '',
				required: true,
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			str('number', 'Number', { required: true }),
		],
		build: (p) => ({
			action: 'REMOVE_NUMBER',
			groupId: p.id('groupId', 'Group'),
			number: p.str('number'),
		}),
		output: (response, p) => ({
			groupId: p.id('groupId', 'Group'),
			number: p.str('number'),
			result: (response as IDataObject).status,
		}),
	},
];
