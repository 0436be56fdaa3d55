// Call → Voice Analytics waits minutes for UniTalk's answer (#28): that wait must not hold the
// key's other requests, in this execution's process or in another workflow.
import { run, useStandIn } from '../helpers';

describe('Voice Analytics: a long answer does not hold the key', () => {
	const standIn = useStandIn();

	it('while an analysis is pending, another workflow reads with the same key at once', async () => {
		const finished: string[] = [];
		const analysis = {
			status: 200,
			body: { profileId: 123, profileName: 'P', analyticsJson: '{}' },
		};
		standIn.inject({ path: '/calls/analytics/create', reply: analysis, delayMs: 4_000 });
		const analyse = run(
			standIn,
			{ resource: 'call', operation: 'voiceAnalytics', profileId: 123 },
			[{ callId: '1000001' }],
		).then((result) => {
			finished.push('analysis');
			return result;
		});
		const read = await run(standIn, { resource: 'user', operation: 'getAll', returnAll: true });
		finished.push('read');
		const analysed = await analyse;
		expect(read.error).toBeUndefined();
		expect(analysed.error).toBeUndefined();
		expect(analysed.items[0].json).toMatchObject({ callId: '1000001', analysis: {} });
		expect(finished).toEqual(['read', 'analysis']);
	});
});

// Issue #40: a CRM note after Voice Analytics needs the call's number and operator; UniTalk's answer
// has neither, the input item (the trigger's call record) has both.
describe("Voice Analytics: the call's number and operator come with the analysis", () => {
	const standIn = useStandIn();

	it('from the input item when it is that call, and never from an item about another call', async () => {
		standIn.state.seedHistory(6); // answered, with recordings: 1000001, 1000002, 1000004, 1000005
		const result = await run(
			standIn,
			{
				resource: 'call',
				operation: 'voiceAnalytics',
				callId: '={{ $json.analyse ?? $json.callId }}',
				profileId: 123,
			},
			[
				// Recording Ready's call record.
				{
					callId: '1000002',
					customerNumber: '380971000002',
					answeredBy: '1000',
					operatorNumbers: ['1000'],
					operatorNumbersText: '1000',
				},
				// Only a call ID: nothing to tell.
				{ callId: '1000004' },
				// An item about call 1000002 whose analysed call comes from elsewhere.
				{
					callId: '1000002',
					analyse: '1000005',
					customerNumber: '380971000002',
					answeredBy: '1000',
				},
			],
		);
		expect(result.error).toBeUndefined();
		const unknown = {
			customerNumber: null,
			answeredBy: null,
			operatorNumbers: [],
			operatorNumbersText: '',
		};
		expect(result.items.map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 0 },
				expect.objectContaining({
					callId: '1000002',
					customerNumber: '380971000002',
					answeredBy: '1000',
					operatorNumbers: ['1000'],
					operatorNumbersText: '1000',
					analysis: { 'Dialog topic': 'Order', 'Client mood': 'calm' },
				}),
			],
			[{ item: 1 }, expect.objectContaining({ callId: '1000004', ...unknown })],
			[{ item: 2 }, expect.objectContaining({ callId: '1000005', ...unknown })],
		]);
		const analysed = standIn.calls('/calls/analytics/create').map((r) => r.query.callId);
		expect(analysed.sort()).toEqual(['1000002', '1000004', '1000005']);
	});
});
