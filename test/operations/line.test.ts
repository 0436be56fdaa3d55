// Line: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'line getAll',
		params: () => ({ resource: 'line', operation: 'getAll', returnAll: true }),
		request: { path: '/phones/inner' },
		check: (items) =>
			expect(items.map((i) => i.json)).toEqual([
				{ number: '1000', status: 'online' },
				{ number: '1001', status: 'busy' },
				{ number: '1002', status: 'offline' },
			]),
	},
	{
		name: 'line removeFromGroup',
		params: () => ({
			resource: 'line',
			operation: 'removeFromGroup',
			groupId: 300,
			number: '1001',
		}),
		request: {
			path: '/groups/action',
			body: { action: 'REMOVE_NUMBER', groupId: 300, number: '1001' },
		},
		check: (_i, c) => expect(c.standIn.state.groups.get(300)!.numbers).toEqual(['1000']),
	},
];

runCases('line', cases);
