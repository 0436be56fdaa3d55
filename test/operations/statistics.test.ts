// Statistics: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'statistics operators',
		params: () => ({
			resource: 'statistics',
			operation: 'operators',
			from: '2024-01-01T00:00:00',
			to: '2024-01-31T23:59:59',
			filters: { innerPhones: '1000' },
		}),
		request: {
			path: '/operator/statistic',
			body: {
				from: '2024-01-01 00:00:00',
				to: '2024-01-31 23:59:59',
				filter: { innerPhones: ['1000'] },
			},
		},
		check: (items) => expect(items[0].json).toMatchObject({ operatorPhone: '1000' }),
	},
];

runCases('statistics', cases);
