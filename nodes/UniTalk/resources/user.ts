// Users and their work statuses.
import type { IDataObject } from 'n8n-workflow';

import { READS, repeatable } from '../engine/effect';
import type { Operation } from '../engine/types';
import { dateTime, pick, str } from './fields';

export const userOperations: Operation[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many users',
		description: 'Users of the project with role, line and work status',
		path: '/users/list',
		body: 'json',
		effect: READS,
		limitList: true,
		build: () => ({}),
	},
	{
		value: 'getStatuses',
		name: 'Get Statuses',
		action: 'Get work statuses of users',
		description: 'Current work status of every user',
		path: '/users/getStatus',
		body: 'json',
		effect: READS,
		limitList: true,
		build: () => ({}),
	},
	{
		value: 'getWorkHistory',
		name: 'Get Work History',
		action: 'Get work history of users',
		description: 'Seconds each user spent working, paused or not working on a day',
		path: '/users/workHistory',
		body: 'query',
		effect: READS,
		fields: [
			dateTime('date', 'Date', { required: true, default: '={{ $today.minus({ days: 1 }) }}' }),
		],
		build: (p) => ({ date: p.date('date', 'Date') }),
		output: (response, p) => {
			const users = ((response as IDataObject).users ?? {}) as Record<string, IDataObject>;
			return Object.entries(users).map(([id, user]) => ({
				userId: Number(id),
				date: p.date('date', 'Date'),
				...user,
			}));
		},
	},
	{
		value: 'setWorkStatus',
		name: 'Set Work Status',
		action: 'Set the work status of a user',
		description: 'Set a user (by line number) to working, paused or not working',
		path: '/phones/inner/setStatus',
		body: 'query',
		effect: repeatable('Sets the status to a value: setting it again leaves it as it is.'),
		fields: [
			str('number', 'Line Number', { required: true, description: 'Internal line of the user' }),
			pick('status', 'Status', [
				['Working', 'WORK'],
				['On a Break', 'PAUS'],
				['Not Working', 'STOP'],
			]),
			str('statusName', 'Status Name', {
				description: 'Optional; must match a status name of the project exactly',
			}),
		],
		build: (p) => ({
			number: p.str('number'),
			status: p.str('status'),
			statusName: p.opt('statusName'),
		}),
		output: (response, p) => ({
			number: p.str('number'),
			status: p.str('status'),
			statusName: p.opt('statusName') ?? null,
			result: (response as IDataObject).status,
		}),
	},
];
