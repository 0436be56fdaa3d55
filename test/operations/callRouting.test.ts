// Call Routing: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'callRouting answerRoute',
		params: () => ({
			resource: 'callRouting',
			operation: 'answerRoute',
			operatorNumber: '={{ $json.owner }}',
			fallbackOperatorNumber: '1000',
			callerName: 'Olena',
			ivrId: 0,
		}),
		items: [{ owner: 'unknown' }],
		check: (items) =>
			expect(items[0].json).toEqual({ operatorNumber: '1000', callerName: 'Olena', ivrId: null }),
	},
	{
		name: 'callRouting answerQueue',
		params: () => ({ resource: 'callRouting', operation: 'answerQueue', priority: 12 }),
		check: (items) => expect(items[0].json).toEqual({ setPriority: 5 }),
	},
];

runCases('callRouting', cases);
