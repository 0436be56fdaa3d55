import { KeyLimiter, policyForBudget } from '../../nodes/UniTalk/transport/limiter';
import { LIMITS } from '../standin/limits';
import { rl, run, seedAutodialer, useStandIn } from '../helpers';

describe('KeyLimiter (scaled clock)', () => {
	it('never lets more than perWindow requests into any sliding window', async () => {
		const limiter = new KeyLimiter({
			perWindow: 5,
			windowMs: 400,
			perSecond: 100,
			maxConcurrent: 100,
		});
		const sentAt: number[] = [];
		await Promise.all(
			Array.from({ length: 20 }, async () => {
				const release = await limiter.acquire();
				sentAt.push(Date.now());
				release();
			}),
		);
		sentAt.sort((a, b) => a - b);
		for (let i = 5; i < sentAt.length; i++)
			expect(sentAt[i] - sentAt[i - 5]).toBeGreaterThanOrEqual(400);
	});

	it('caps requests in flight', async () => {
		const limiter = new KeyLimiter({
			perWindow: 1000,
			windowMs: 1000,
			perSecond: 1000,
			maxConcurrent: 3,
		});
		let inFlight = 0;
		let peak = 0;
		await Promise.all(
			Array.from({ length: 12 }, async () => {
				const release = await limiter.acquire();
				peak = Math.max(peak, ++inFlight);
				await new Promise((r) => setTimeout(r, 30));
				inFlight--;
				release();
			}),
		);
		expect(peak).toBe(3);
	});

	it("keeps a user budget under UniTalk's block threshold", () => {
		expect(policyForBudget(100).perWindow).toBe(LIMITS.blockAt - 1);
		expect(policyForBudget(undefined).perWindow).toBe(25);
		expect(policyForBudget(5).perSecond).toBe(5);
	});
});

describe('limiter under load, through n8n', () => {
	const standIn = useStandIn();

	it('sends a burst of 500 requests with 0 blocks at the configured ceiling', async () => {
		const id = seedAutodialer(standIn, 'Burst', ['380971234567']);
		const items = Array.from({ length: 500 }, () => ({ phone: '380971234567' }));
		const { items: out, error } = await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'getNumber',
				autodialerId: rl(id),
				phone: '={{ $json.phone }}',
			},
			items,
		);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(500);
		const stats = standIn.stats();
		expect(stats).toMatchObject({ requests: 500, blocks: 0, rejected: 0, banned: false });
		expect(stats.maxInWindow).toBeLessThanOrEqual(25);
		// Steady state: after the first window, requests flow at the ceiling of 25 per 10 s.
		const times = standIn.requests.map((r) => r.at).sort((a, b) => a - b);
		const steady = (times.length - 25) / ((times[times.length - 1] - times[24]) / 1000);
		expect(steady).toBeGreaterThan(2.5 * 0.9);
		expect(steady).toBeLessThanOrEqual(2.5 * 1.02);
	}, 300_000);

	it('shares one limiter between executions that run at the same time', async () => {
		const id = seedAutodialer(standIn, 'Shared', ['380971234567']);
		const items = Array.from({ length: 30 }, () => ({ phone: '380971234567' }));
		const parameters = {
			resource: 'autodial',
			operation: 'getNumber',
			autodialerId: rl(id),
			phone: '={{ $json.phone }}',
		};
		const results = await Promise.all([
			run(standIn, parameters, items),
			run(standIn, parameters, items),
		]);
		expect(results.map((r) => r.items.length)).toEqual([30, 30]);
		expect(standIn.stats()).toMatchObject({ requests: 60, blocks: 0, rejected: 0 });
		expect(standIn.stats().maxInWindow).toBeLessThanOrEqual(25);
	}, 120_000);
});
