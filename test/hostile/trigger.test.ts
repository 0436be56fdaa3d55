// #19 1, 6, 8, 9 and 11 at the trigger: distinct events are never merged as repeats, no body makes
// webhook() throw, values are real or null with a note, verification reads senders as they send.
import type { IDataObject } from 'n8n-workflow';

import type { WebhookHarness } from '../harness/webhook';
import { postWebhook, triggerItem, useStandIn, useTriggers } from '../helpers';
import { standard } from '../trigger/fixtures/bodies';

const post = postWebhook;

describe('the trigger against hostile and unusual deliveries', () => {
	const standIn = useStandIn();
	const serve = useTriggers(standIn);
	const items = (h: WebhookHarness) => h.executions.map((_e, n) => triggerItem(h, n).json);

	it('redirects 2000 → 2001 → 2000 and answers by 2000 and 2001 are all distinct events', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		const id = 424242;
		const sent = [
			standard('CALL_REDIRECT', { id, to: ['2000'] }),
			standard('CALL_REDIRECT', { id, to: ['2001'] }),
			standard('CALL_ANSWER', { id, to: ['2001'] }),
			standard('CALL_REDIRECT', { id, to: ['2000'] }),
			standard('CALL_ANSWER', { id, to: ['2000'] }),
		];
		const answers = [];
		for (const body of sent) answers.push((await post(h.url, body)).data.message);
		await h.settled();
		expect(answers).toEqual(Array(5).fill('Received'));
		expect(items(h).map((i) => [i.event, i.operatorNumbers])).toEqual([
			['CALL_REDIRECT', ['2000']],
			['CALL_REDIRECT', ['2001']],
			['CALL_ANSWER', ['2001']],
			['CALL_REDIRECT', ['2000']],
			['CALL_ANSWER', ['2000']],
		]);
	});

	it('the same body delivered 3 times still starts once', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		const body = standard('CALL_REDIRECT', { id: 434343, to: ['2000'] });
		const answers = [];
		for (let i = 0; i < 3; i++) answers.push((await post(h.url, body)).data.message);
		await h.settled();
		expect(answers).toEqual([
			'Received',
			'Received (a repeat of an event already delivered)',
			'Received (a repeat of an event already delivered)',
		]);
		expect(h.executions).toHaveLength(1);
	});

	it.each([
		['an "event" object with a toString key', { event: { toString: 1 }, call: { id: 1 } }],
		[
			'a "from" object with a toString key',
			{ event: 'CALL_NEW', call: { id: 2, from: { toString: 1 } } },
		],
		[
			'"to" nested 10,000 deep',
			`{"event":"CALL_NEW","call":{"id":3,"to":${'['.repeat(10_000)}"2000"${']'.repeat(10_000)}}}`,
		],
		['"call" as a number', { event: 'CALL_END', call: 5 }],
		[
			'"status" of every kind',
			{ event: 'CALL_END', call: { id: 4, state: ['ANSWER'], secondsTalk: { valueOf: 1 } } },
		],
	])('%s is answered 200 or 400, never thrown', async (_name, body) => {
		const h = await serve({
			trigger: { mode: 'events', verification: 'apiKey', options: { ignoreRepeats: false } },
		});
		const answer = await post(h.url, body);
		await h.settled();
		expect([200, 400]).toContain(answer.status);
		expect(h.executions.every((e) => !e.data.resultData.error)).toBe(true);
	});

	it('a non-string event and a "from" object are answered 400 naming the field; nothing starts', async () => {
		const h = await serve({
			trigger: { mode: 'events', verification: 'apiKey', options: { ignoreRepeats: false } },
		});
		const noEvent = await post(h.url, { event: { toString: 1 }, call: { id: 1 } });
		const noFrom = await post(h.url, {
			event: 'CALL_NEW',
			call: { id: 2, direction: 'IN', from: { toString: 1 } },
		});
		await h.settled();
		expect([noEvent.status, noEvent.data.message]).toEqual([
			400,
			expect.stringContaining('The body\'s "event" is an object'),
		]);
		expect([noFrom.status, noFrom.data.message]).toEqual([
			400,
			expect.stringContaining('The body\'s "call.from" is an object, not text or a number'),
		]);
		expect(h.executions).toHaveLength(0);
	});

	it('impossible dates, non-decimal and negative numbers become null with a note', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		await post(
			h.url,
			standard('CALL_END', {
				id: 555001,
				date: '2024-13-45T99:99:99+02:00',
				state: 'NOANSWER',
				secondsTalk: '0x10',
				secondsFullTime: -5,
				cause: '1e3',
			}),
		);
		await h.settled();
		expect(items(h)[0]).toMatchObject({
			startTime: null,
			talkSeconds: null,
			durationSeconds: null,
			endCause: null,
			answered: false,
			missed: true,
			problems: [
				'"secondsTalk" is not a whole non-negative number ("0x10")',
				'"date" is not a real date and time ("2024-13-45T99:99:99+02:00")',
				'"secondsFullTime" is not a whole non-negative number ("-5")',
				'"cause" is not a whole non-negative number ("1e3")',
			],
		});
	});

	it('IDs beyond 2^53 stay text, so two calls without "id" never collide', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		const big = (dbid: string) => {
			const body = standard('CALL_END', { dbid });
			delete (body.call as IDataObject).id;
			return body;
		};
		expect((await post(h.url, big('9007199254740993'))).data.message).toBe('Received');
		expect((await post(h.url, big('9007199254740992'))).data.message).toBe('Received');
		expect((await post(h.url, big('123456789012345678901234567890'))).data.message).toBe(
			'Received',
		);
		await h.settled();
		expect(items(h).map((i) => i.dbId)).toEqual([
			'9007199254740993',
			'9007199254740992',
			'123456789012345678901234567890',
		]);
	});

	it('a Header Name typed with spaces still verifies the sender', async () => {
		const h = await serve({
			trigger: { mode: 'events', verification: 'header', headerName: ' X-Secret ', secret: 's3' },
		});
		expect((await post(h.url, standard('CALL_NEW'), { 'X-Secret': 's3' })).status).toBe(200);
		expect((await post(h.url, standard('CALL_NEW'), { 'X-Secret': 's4' })).status).toBe(403);
	});

	it('a non-ASCII secret in a header is compared as UTF-8 bytes', async () => {
		const secret = 'пароль-Ключ';
		const h = await serve({
			trigger: { mode: 'events', verification: 'header', headerName: 'X-Secret', secret },
		});
		const asSent = Buffer.from(secret, 'utf8').toString('latin1'); // what Node.js hands over
		expect((await post(h.url, standard('CALL_NEW'), { 'X-Secret': asSent })).status).toBe(200);
		const wrong = Buffer.from('пароль-Ключ!', 'utf8').toString('latin1');
		expect((await post(h.url, standard('CALL_NEW', { id: 9 }), { 'X-Secret': wrong })).status).toBe(
			403,
		);
	});

	it('?key= given twice or as an object is refused, not thrown', async () => {
		const h = await serve({
			trigger: { mode: 'route', answer: 'fixed', operatorNumber: '1000', secret: 'k1' },
		});
		const route = { event: 'ROUTE', call: { from: '380505557182' } };
		expect((await post(`${h.url}?key=k1&key=k1`, route, {})).status).toBe(403);
		expect((await post(`${h.url}?key[toString]=1&key[a]=k1`, route, {})).status).toBe(403);
		expect((await post(`${h.url}?key=k1`, route, {})).status).toBe(200);
	});

	it('Fixed Answer at Once follows the rules of Answer Route and Answer Queue Priority', async () => {
		const route = await serve({
			trigger: {
				mode: 'route',
				answer: 'fixed',
				operatorNumber: '+38 (050) 555-71-82',
				routeVerification: 'none',
			},
		});
		expect(
			(await post(route.url, { event: 'ROUTE', call: { from: '380505557182' } }, {})).data,
		).toEqual({
			operatorNumber: '380505557182',
			callerName: null,
			ivrId: null,
		});
		const queue = await serve({
			trigger: { mode: 'queue', answer: 'fixed', priority: 42, routeVerification: 'none' },
		});
		expect((await post(queue.url, { from: '380505557182', outerNumber: '1' }, {})).data).toEqual({
			setPriority: 5,
		});
	});

	it('outer numbers are one list rule: commas, semicolons or lines, compared as digits', async () => {
		const h = await serve({
			trigger: {
				mode: 'events',
				verification: 'apiKey',
				filters: { outerNumbers: '+380 44 294 91 68;\n380440000001' },
			},
		});
		expect((await post(h.url, standard('CALL_NEW', { id: 1 }))).data.message).toBe('Received');
		expect(
			(await post(h.url, standard('CALL_NEW', { id: 2, outerNumber: '380440000001' }))).data
				.message,
		).toBe('Received');
		expect(
			(await post(h.url, standard('CALL_NEW', { id: 3, outerNumber: '380449999999' }))).data
				.message,
		).toMatch(/filtered out/);
	});
});
