// Call Routing: one case per operation at least (test/operations/cases.ts runs them).

import type { IDataObject } from 'n8n-workflow';

import { run } from '../helpers';
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
		items: [{ owner: '' }], // the lookup found nobody
		check: (items) =>
			expect(items[0].json).toEqual({ operatorNumber: '1000', callerName: 'Olena', ivrId: null }),
	},
	{
		name: 'callRouting answerQueue',
		params: () => ({ resource: 'callRouting', operation: 'answerQueue', priority: 12 }),
		check: (items) => expect(items[0].json).toEqual({ setPriority: 5 }),
	},
];

runCases('callRouting', cases, undefined, (standIn) => {
	const answer = async (operatorNumber: string, items: IDataObject[] = [{}]) =>
		await run(
			standIn,
			{
				resource: 'callRouting',
				operation: 'answerRoute',
				operatorNumber,
				fallbackOperatorNumber: '1000',
			},
			items,
		);

	it('answerRoute refuses an Operator Number that is not a number instead of using the fallback', async () => {
		// An expression typed while the field was in Fixed mode arrives as its own text.
		const fixedMode = await answer('{{ $json.manager }}', [{ manager: '2048' }]);
		expect(fixedMode.error?.message).toBe(
			'"Operator Number" is the text "{{ $json.manager }}", not a number: the field is in Fixed mode. Switch it to Expression (hover the field, choose "Expression") so n8n fills in the value',
		);
		// #40 7: Call Routing never sends to UniTalk's API, so its report does not say it sent nothing there.
		expect(fixedMode.error?.description).toMatch(
			/No answer was given to the waiting request \(Call Routing never calls UniTalk's API\)\.$/,
		);
		expect(fixedMode.error?.description).not.toMatch(/Nothing was sent to UniTalk/);
		const name = await answer('={{ $json.manager }}', [{ manager: '2048' }, { manager: 'Anna' }]);
		expect(name.error?.message).toBe(
			'"Operator Number" is not a SIP line or phone number ("Anna"). Give digits such as 2048, or leave it empty to use the Fallback Operator Number (or let the scenario decide)',
		);
		expect(name.error?.context?.itemIndex).toBe(1);
		expect((await answer('+380 67 123 45 67')).items[0].json).toMatchObject({
			operatorNumber: '380671234567',
		});
		expect(standIn.requests).toHaveLength(0);
	});

	it('answerRoute saved with node version 1 keeps using the fallback, and says why in a hint', async () => {
		const saved = await run(
			standIn,
			{
				resource: 'callRouting',
				operation: 'answerRoute',
				operatorNumber: '{{ $json.manager }}',
				fallbackOperatorNumber: '1000',
			},
			[{ manager: '2048' }],
			{ typeVersion: 1 },
		);
		expect(saved.error).toBeUndefined();
		expect(saved.items[0].json).toEqual({ operatorNumber: '1000', callerName: null, ivrId: null });
		expect(saved.run.data.resultData.runData.UniTalk[0].hints).toEqual([
			{
				message:
					'Item 0: "Operator Number" is the text "{{ $json.manager }}", not a number: the field is in Fixed mode. Switch it to Expression (hover the field, choose "Expression") so n8n fills in the value. It was treated as empty (UniTalk node version 1; version 2 refuses it).',
				location: 'outputPane',
			},
		]);
	});
});
