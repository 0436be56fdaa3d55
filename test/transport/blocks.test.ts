// #27 through the transport: a block stops the key at once, and only what UniTalk did not execute
// is sent again. UniTalk is a scripted httpRequest and time is Jest's fake clock (no real waiting).
import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { BLOCK_PAUSE_MS, JITTER } from '../../nodes/UniTalk/transport/limiter';
import {
	type Pacing,
	unitalkRequest,
	type UniTalkContext,
} from '../../nodes/UniTalk/transport/request';

type Answer = () => IN8nHttpFullResponse;
const answer =
	(statusCode: number, body: unknown): Answer =>
	() => ({ statusCode, body: body as IN8nHttpFullResponse['body'], headers: {} });
const blockAnswer = answer(429, { status: 'Error', message: 'Too many requests' });
const success = answer(200, { status: 'Success', data: { id: 1 } });

const node = {
	id: '1',
	name: 'UniTalk',
	type: 'n8n-nodes-unitalk.uniTalk',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
	credentials: { uniTalkApi: { id: 'c1', name: 'UniTalk account' } },
};

let keys = 0;
/** A UniTalk that answers from a script (then "Success"), recording when each request left. */
function uniTalk(script: Answer[]) {
	const key = `blocks-key-${++keys}-${Date.now()}`; // a limiter of its own per test
	const sentAt: number[] = [];
	const ctx = {
		getCredentials: async () => ({ apiKey: key, baseUrl: 'https://api.unitalk.cloud/api' }),
		getNode: () => node,
		helpers: {
			httpRequest: async () => {
				sentAt.push(Date.now());
				return (script.shift() ?? success)();
			},
		},
	} as unknown as UniTalkContext;
	return { ctx, sentAt };
}

const send = { path: '/message/send', json: { to: '380971234567', text: 'Hi' }, sideEffect: true };
const read = {
	path: '/autodial/action',
	json: { action: 'GET_NUMBER', id: 1, number: '380971234567' },
	sideEffect: false,
};
const longestFirstWait = BLOCK_PAUSE_MS * (1 + JITTER);

beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('a block answer (#27)', () => {
	it('a send UniTalk refused with a block is sent again after the block, and done once', async () => {
		const { ctx, sentAt } = uniTalk([blockAnswer]);
		const pacing: Pacing = { requests: 0, waitedMs: 0 };
		const done = unitalkRequest(ctx, { ...send, pacing });
		await jest.advanceTimersByTimeAsync(longestFirstWait + 1000);
		await expect(done).resolves.toEqual({ status: 'Success', data: { id: 1 } });
		expect(sentAt).toHaveLength(2);
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(BLOCK_PAUSE_MS);
		expect(pacing.block).toMatchObject({ repeat: 1, shared: true });
	});

	it('a send whose answer was lost is not sent again (it may have been executed)', async () => {
		const lost = () => {
			throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		};
		const { ctx, sentAt } = uniTalk([lost]);
		const done = unitalkRequest(ctx, send).catch(
			(error: Error & { description?: string }) => error,
		);
		await jest.advanceTimersByTimeAsync(120_000);
		const error = (await done) as Error & { description?: string };
		expect(error.description).toMatch(/may have been sent/);
		expect(sentAt).toHaveLength(1);
	});

	it('stops every request of the key at once: nothing leaves during the block, then one probe, then the rest', async () => {
		const { ctx, sentAt } = uniTalk([blockAnswer]);
		const reads = Array.from({ length: 6 }, async () => await unitalkRequest(ctx, read));
		await jest.advanceTimersByTimeAsync(1);
		expect(sentAt).toHaveLength(1); // the first, refused; the others wait
		await jest.advanceTimersByTimeAsync(BLOCK_PAUSE_MS - 2);
		expect(sentAt).toHaveLength(1); // nothing sent into the block
		await jest.advanceTimersByTimeAsync(longestFirstWait + 60_000);
		const results = await Promise.all(reads);
		expect(results).toHaveLength(6);
		// 6 reads, 7 requests: the refused one was sent again; the probe left alone after the wait.
		expect(sentAt).toHaveLength(7);
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(BLOCK_PAUSE_MS);
		expect(sentAt[2] - sentAt[1]).toBeGreaterThan(1000); // a ramp, not a burst
	});

	it('a read refused again and again fails within its deadline, saying it was blocked', async () => {
		const { ctx, sentAt } = uniTalk(Array.from({ length: 10 }, () => blockAnswer));
		const done = unitalkRequest(ctx, read).catch((error: Error) => error);
		await jest.advanceTimersByTimeAsync(10 * 60_000);
		const error = (await done) as Error & { description?: string };
		expect(error.message).toMatch(/Too many requests/);
		expect(sentAt.length).toBeGreaterThanOrEqual(2);
		expect(sentAt.length).toBeLessThan(6);
		// Each wait was longer than the one before (blocks that repeat).
		const waits = sentAt.slice(1).map((t, i) => t - sentAt[i]);
		for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]);
	});
});
