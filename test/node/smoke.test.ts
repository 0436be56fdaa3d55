import { StandIn } from '../standin/server';
import { runUniTalk } from '../harness/run';

describe('smoke', () => {
	const standIn = new StandIn();
	beforeAll(async () => void (await standIn.start()));
	afterAll(async () => await standIn.stop());

	it('lists users through n8n-core', async () => {
		const result = await runUniTalk({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: {
				apiKey: 'test-key',
				authScheme: 'bearer',
				baseUrl: standIn.apiUrl,
				requestBudget: 25,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.firstName)).toEqual(['Anna', 'Petro']);
		expect(standIn.requests[0].authorization).toBe('Bearer test-key');
	});
});
