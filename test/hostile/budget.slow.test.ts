// #19 7 through n8n-core: two credentials with one key and budgets 6 and 25, used at once, stay
// within 6 requests in any 10 s window at the stand-in (UniTalk's own count).
import { credentialsFor, run, useStandIn } from '../helpers';

describe('one budget per key, measured at the stand-in', () => {
	const standIn = useStandIn();

	it('two workflows at once on budgets 6 and 25: never more than 6 requests in 10 s', async () => {
		const reads = Array.from({ length: 7 }, () => ({}));
		const parameters = { resource: 'user', operation: 'getStatuses' };
		await Promise.all([
			run(standIn, parameters, reads, {
				credentials: credentialsFor(standIn, { requestBudget: 6 }),
				credentialId: 'low',
			}),
			run(standIn, parameters, reads, {
				credentials: credentialsFor(standIn, { requestBudget: 25 }),
				credentialId: 'high',
			}),
		]);
		const times = standIn.requests.map((r) => r.at).sort((a, b) => a - b);
		expect(times).toHaveLength(14);
		const busiest = Math.max(
			...times.map((t) => times.filter((u) => u >= t && u < t + 10_000).length),
		);
		expect(busiest).toBeLessThanOrEqual(6);
		expect(standIn.stats()).toMatchObject({ blocks: 0, banned: false });
	}, 60_000);
});
