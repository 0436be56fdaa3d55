// Dictionary: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'dictionary get',
		params: () => ({ resource: 'dictionary', operation: 'get', type: 'IVR', returnAll: true }),
		request: { path: '/dictionary', query: { type: 'IVR' } },
		check: (items) => expect(items[0].json).toEqual({ type: 'IVR', id: 211, name: 'Departments' }),
	},
];

runCases('dictionary', cases);
