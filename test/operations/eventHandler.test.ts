// Event Handler: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'eventHandler removeScheduled',
		params: () => ({
			resource: 'eventHandler',
			operation: 'removeScheduled',
			phones: '380971111111, 380972222222',
		}),
		request: {
			path: '/eventHandlers/removeScheduledByPhones',
			body: { phones: ['380971111111', '380972222222'] },
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				processed: ['380971111111', '380972222222'],
				removedInRequest: 2,
			}),
	},
];

runCases('eventHandler', cases);
