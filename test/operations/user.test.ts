// User: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'user getAll',
		params: () => ({ resource: 'user', operation: 'getAll', limit: 1 }),
		request: { path: '/users/list' },
		check: (items) => expect(items).toHaveLength(1),
	},
	{
		name: 'user getStatuses',
		params: () => ({ resource: 'user', operation: 'getStatuses', returnAll: true }),
		request: { path: '/users/getStatus' },
		check: (items) => expect(items[1].json).toMatchObject({ workStatus: 'PAUS' }),
	},
	{
		name: 'user getWorkHistory',
		params: () => ({ resource: 'user', operation: 'getWorkHistory', date: '2024-01-01T10:00:00' }),
		request: { path: '/users/workHistory', query: { date: '2024-01-01' } },
		check: (items) =>
			expect(items[0].json).toMatchObject({ userId: 11, userTimeSeconds: { work: 28800 } }),
	},
	{
		name: 'user setWorkStatus',
		params: () => ({
			resource: 'user',
			operation: 'setWorkStatus',
			number: '1000',
			status: 'PAUS',
			statusName: 'Lunch',
		}),
		request: {
			path: '/phones/inner/setStatus',
			query: { number: '1000', status: 'PAUS', statusName: 'Lunch' },
		},
		check: (_i, c) => expect(c.standIn.state.users[0].workStatus).toBe('PAUS'),
	},
];

runCases('user', cases);
