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
