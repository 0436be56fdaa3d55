// History: one case per operation at least (test/operations/cases.ts runs them).

import { run } from '../helpers';
import { runCases, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'history getAll (simplified)',
		params: () => ({
			resource: 'history',
			operation: 'getAll',
			dateFrom: '2024-01-01T00:00:00',
			dateTo: '2024-01-02T00:00:00',
			limit: 3,
			filters: { direction: 'IN', answered: 'true', exactPhone: '380971000001' },
		}),
		request: {
			path: '/history/get',
			body: {
				dateFrom: '2024-01-01 00:00:00',
				dateTo: '2024-01-02 00:00:00',
				limit: 3,
				offset: 0,
				filter: { direction: 'IN', answered: true, exactPhone: ['380971000001'] },
			},
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				callId: '1000001',
				direction: 'in',
				customerNumber: '380971000001',
				answered: true,
				missed: false,
				startTime: '2024-01-01T00:01:00+02:00',
			}),
	},
];

runCases(
	'history',
	cases,
	(standIn) => {
		standIn.state.seedHistory(50);
		return {};
	},
	(standIn) => {
		it('says in an execution hint when a list operation ran once per input item', async () => {
			standIn.state.seedHistory(10);
			const history = {
				resource: 'history',
				operation: 'getAll',
				dateFrom: '2024-01-01',
				dateTo: '2024-02-01',
				returnAll: true,
			};
			const { run: execution } = await run(standIn, history, [{}, {}, {}]);
			const hints = execution.data.resultData.runData.UniTalk[0].hints ?? [];
			// The pacing hint may stand beside it: requests of a key leave spread out (#27).
			const perItem = hints.filter((h) => /input items/.test(h.message));
			expect(perItem.map((h) => h.message)).toEqual([
				expect.stringMatching(
					/ran once for each of the 3 input items \(\d+ items in all\).*Execute Once/,
				),
			]);
		});
	},
);
