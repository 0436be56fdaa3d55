// The slow cases of issue #10 (real pacing, a million numbers, refused-connection back-off), run by
// `npm test` and `npm run test:slow`; `npm run test:unit` leaves them out to stay under a minute.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { credentialsFor, rl, run, seedAutodialer, useStandIn } from '../helpers';

const phone = (i: number) => `38097${String(1_000_000 + i).padStart(7, '0')}`;
const sms = {
	resource: 'message',
	operation: 'send',
	messageType: 'SMS',
	to: '={{ $json.phone }}',
	text: 'Hi',
};

describe('One limiter per account, however the credential spells it', () => {
	const standIn = useStandIn();

	it.each([
		['a trailing space in the key', { apiKey: 'test-key ' }],
		['127.0.0.1 vs localhost in the base URL', { localhost: true }],
	])(
		'%s: two credentials, one pace, 0 blocks',
		async (_name, variant: IDataObject) => {
			const second = variant.localhost
				? credentialsFor(standIn, { baseUrl: standIn.apiUrl.replace('127.0.0.1', 'localhost') })
				: credentialsFor(standIn, variant);
			const reads = Array.from({ length: 20 }, () => ({}));
			const statuses = { resource: 'user', operation: 'getStatuses' };
			const runs = await Promise.all([
				run(standIn, statuses, reads),
				run(standIn, statuses, reads, { credentials: second }),
			]);
			// The paced run says why it took its time (n8n's execution hints).
			const hints = runs.flatMap((r) => r.run.data.resultData.runData.UniTalk[0].hints ?? []);
			expect(hints.map((h) => h.message)).toContainEqual(
				expect.stringMatching(/^UniTalk pacing: 20 requests, \d+ s spent waiting/),
			);
			expect(standIn.requests).toHaveLength(40);
			expect(standIn.stats()).toMatchObject({ blocks: 0, banned: false });
		},
		40_000,
	);
});

describe('Linear bulk', () => {
	const standIn = useStandIn();

	it('one item with 1,000,000 numbers: 10 requests, and the event loop keeps serving meanwhile', async () => {
		const id = seedAutodialer(standIn);
		const numbers = Array.from(
			{ length: 1_000_000 },
			(_, i) => `3809${String(i).padStart(8, '0')}`,
		);
		let ticks = 0;
		const timer = setInterval(() => ticks++, 20);
		const { error, items } = await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'addNumbers',
				autodialerId: rl(id),
				phones: '={{ $json.phones }}',
			},
			[{ phones: numbers }],
		);
		clearInterval(timer);
		expect(error).toBeUndefined();
		expect(
			standIn.calls('/autodial/action', 'ADD_NUMBERS').map((r) => r.body.numbers.length),
		).toEqual(Array(10).fill(100_000));
		expect((items[0].json.added as string[]).length).toBe(1_000_000);
		expect(ticks).toBeGreaterThan(5);
	}, 120_000);
});

describe('Network errors are read for what they are', () => {
	const standIn = useStandIn();

	it('connection refused: "nothing reached UniTalk", safe to repeat', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const credentials = credentialsFor(standIn, { baseUrl: `http://127.0.0.1:${port}/api` });
		const { error } = await run(standIn, { ...sms, to: phone(1) }, [{}], { credentials });
		expect(error?.message).toMatch(/Could not connect to UniTalk: the connection was refused/);
		expect(error?.description).toMatch(/Nothing reached UniTalk, so nothing was sent/);
		expect(error?.httpCode ?? null).toBeNull();
	}, 120_000);
});
