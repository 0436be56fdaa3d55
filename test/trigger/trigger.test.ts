import type { IDataObject } from 'n8n-workflow';

import { WebhookHarness } from '../harness/webhook';
import { closeGate, gate } from '../harness/nodeTypes';
import { credentialsFor, postWebhook, triggerItem, useStandIn, useTriggers } from '../helpers';
import { CURLY_QUOTES_BODY, EVENTS, specified, standard } from './fixtures/bodies';

const post = postWebhook;

describe('UniTalk Trigger over HTTP', () => {
	const standIn = useStandIn();
	const serve = useTriggers(standIn);
	const harnesses: WebhookHarness[] = [];
	afterEach(async () => {
		await Promise.all(harnesses.splice(0).map(async (h) => await h.stop()));
	});

	it.each(EVENTS)(
		'%s: Standard JSON and Specified JSON give the same normalized item',
		async (event) => {
			// The same call twice on purpose, so repeats are let through here.
			const h = await serve({
				trigger: { mode: 'events', verification: 'apiKey', options: { ignoreRepeats: false } },
			});
			const a = await post(h.url, standard(event));
			await h.settled();
			const b = await post(h.url, specified(event));
			expect([a.status, b.status]).toEqual([200, 200]);
			expect(a.data).toEqual({ status: 'Success', message: 'Received' }); // written by the trigger, not left to n8n
			await h.settled();
			const [first, second] = [triggerItem(h, 0).json, triggerItem(h, 1).json];
			const { raw: _a, ...normalizedA } = first;
			const { raw: _b, ...normalizedB } = second;
			expect(normalizedA).toEqual(normalizedB);
			expect(normalizedA).toMatchObject({
				event,
				callId: '1091944',
				dbId: 275,
				direction: 'in',
				customerNumber: '380505557182',
				outerNumber: '380442949168',
				startTime: '2018-07-09T16:58:52+03:00',
				source: 'REGULAR',
				meta: 'lead-7',
				utm: { source: 'google', medium: 'search', campaign: 'web', referer: 'google.com' },
			});
			expect(normalizedA.operatorNumbers).toEqual(event === 'CALL_NEW' ? [] : ['2000']);
			// Who took the call, as text (a CRM column): on CALL_ANSWER and on an answered CALL_END.
			expect(normalizedA).toMatchObject({
				operatorNumbersText: event === 'CALL_NEW' ? '' : '2000',
				answeredBy: ['CALL_ANSWER', 'CALL_END'].includes(event) ? '2000' : null,
			});
			if (event === 'CALL_END')
				expect(normalizedA).toMatchObject({
					durationSeconds: 19,
					talkSeconds: 9,
					status: 'ANSWER',
					answered: true,
					missed: false,
					endCause: 16,
				});
			expect(JSON.stringify(first)).not.toMatch(/"(caller|callee|arguments)"/);
		},
	);

	it('flags a missed incoming call', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		await post(
			h.url,
			specified('CALL_END', { state: 'NOANSWER', secondsTalk: 0, to: [], link: null }),
		);
		await h.settled();
		expect(triggerItem(h).json).toMatchObject({
			status: 'NOANSWER',
			answered: false,
			missed: true,
			recordingUrl: null,
		});
	});

	it('names the operator who took the call: the last line of an incoming one, the dialling line of an outgoing one', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		await post(h.url, standard('CALL_END', { id: 71, to: ['2000', '2001'] }));
		await post(
			h.url,
			standard('CALL_END', { id: 72, direction: 'OUT', from: '2002', to: ['380971234567'] }),
		);
		await post(
			h.url,
			standard('CALL_END', { id: 73, to: ['2000', '2001'], state: 'NOANSWER', secondsTalk: 0 }),
		);
		await h.settled();
		const items = h.executions.map(
			(e) => e.data.resultData.runData.Trigger[0].data!.main[0]![0].json,
		);
		expect(
			items.map(({ callId, answeredBy, operatorNumbersText }) => ({
				callId,
				answeredBy,
				operatorNumbersText,
			})),
		).toEqual([
			{ callId: '71', answeredBy: '2001', operatorNumbersText: '2000, 2001' },
			{ callId: '72', answeredBy: '2002', operatorNumbersText: '2002' },
			{ callId: '73', answeredBy: null, operatorNumbersText: '2000, 2001' },
		]);
	});

	it('repairs curly quotes copied from the setup page and says so', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		expect((await post(h.url, CURLY_QUOTES_BODY)).status).toBe(200);
		await h.settled();
		expect(triggerItem(h).json).toMatchObject({
			event: 'CALL_NEW',
			operatorNumbers: ['2000'],
			problems: [expect.stringMatching(/curly quotes/)],
		});
	});

	it('answers 400 and starts nothing for bodies that are not call events', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		const broken = await post(h.url, '{"event": "CALL_END", "call": {"id": 1,,}}');
		expect(broken.status).toBe(400);
		expect(broken.data.message).toMatch(/not valid JSON/);
		expect((await post(h.url, { hello: 'world' })).status).toBe(400);
		// A "Specified JSON" template without "event" cannot be matched to Events (#39 6).
		const noEvent = await post(h.url, { call: standard('CALL_END').call });
		expect(noEvent.status).toBe(400);
		expect(noEvent.data.message).toMatch(/no "event".*e\.g\. "event": "CALL_END"/);
		await h.settled();
		expect(h.executions).toHaveLength(0);
	});

	it.each([
		['forged key', { Authorization: 'someone-else' }, 403],
		['no key', {}, 401],
	])('rejects a %s with %s and starts no execution', async (_name, headers, status) => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		expect(
			(await post(h.url, standard('CALL_END'), headers as Record<string, string>)).status,
		).toBe(status);
		await h.settled();
		expect(h.executions).toHaveLength(0);
	});

	it('accepts the key as Bearer, a header secret and a ?key= secret', async () => {
		const bearer = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		expect(
			(await post(bearer.url, standard('CALL_NEW'), { Authorization: 'Bearer test-key' })).status,
		).toBe(200);
		const header = await serve({
			trigger: { mode: 'events', verification: 'header', headerName: 'X-Secret', secret: 's3' },
		});
		expect((await post(header.url, standard('CALL_NEW'), { 'X-Secret': 's3' })).status).toBe(200);
		expect((await post(header.url, standard('CALL_NEW'), { 'X-Secret': 's4' })).status).toBe(403);
		const query = await serve({
			trigger: {
				mode: 'route',
				answer: 'fixed',
				operatorNumber: '1000',
				routeVerification: 'query',
				secret: 'k1',
			},
		});
		expect(
			(
				await post(
					`${query.url}?key=k1`,
					{ event: 'ROUTE', call: { from: '380505557182', outerNumber: '380442949168' } },
					{},
				)
			).status,
		).toBe(200);
		expect(
			(await post(`${query.url}?key=k2`, { event: 'ROUTE', call: { from: '380505557182' } }, {}))
				.status,
		).toBe(403);
	});

	it('a Fixed Answer whose operator is not a number: version 2 answers 500 with the reason, a saved version 1 answers no operator', async () => {
		const route = { event: 'ROUTE', call: { from: '380505557182' } };
		const trigger = { mode: 'route', answer: 'fixed', operatorNumber: 'Anna', secret: 'k1' };
		const current = await serve({ trigger });
		const refused = await post(`${current.url}?key=k1`, route, {});
		expect(refused.status).toBe(500);
		expect(refused.data.message).toBe(
			'The trigger\'s fixed answer is not valid: "Operator Number" is not a SIP line or phone number ("Anna"). Give digits such as 2048, or leave it empty to use the Fallback Operator Number (or let the scenario decide)',
		);
		const saved = await serve({ trigger, triggerVersion: 1 });
		const answered = await post(`${saved.url}?key=k1`, route, {});
		expect([answered.status, answered.data]).toEqual([
			200,
			{ operatorNumber: null, callerName: null, ivrId: null },
		]);
	});

	it('ROUTE and voice queue default to a ?key= secret, and accept the API key as ?key= (the Uspacy URL)', async () => {
		const route = { event: 'ROUTE', call: { from: '380505557182', outerNumber: '380442949168' } };
		const byDefault = await serve({
			trigger: { mode: 'route', answer: 'fixed', operatorNumber: '1000', secret: 'k1' },
		});
		expect((await post(`${byDefault.url}?key=k1`, route, {})).status).toBe(200);
		expect((await post(byDefault.url, route, { Authorization: 'test-key' })).status).toBe(401);
		const apiKey = await serve({
			trigger: {
				mode: 'queue',
				answer: 'fixed',
				priority: 3,
				routeVerification: 'apiKeyQuery',
				// A secret left over from another mode is not what this method checks.
				secret: 'k1',
			},
		});
		const queue = { event: 'QUEUE', call: { from: '380505557182' } };
		expect((await post(`${apiKey.url}?key=test-key`, queue, {})).status).toBe(200);
		expect((await post(`${apiKey.url}?key=k1`, queue, {})).status).toBe(403);
	});

	it('filters: only missed calls, directions, outer numbers and chosen events', async () => {
		const h = await serve({
			trigger: {
				mode: 'events',
				verification: 'apiKey',
				events: ['CALL_END'],
				filters: { answered: 'missed', directions: ['in'], outerNumbers: '380442949168' },
			},
		});
		const ignored = await post(h.url, standard('CALL_END'));
		expect(ignored.data.message).toMatch(/Ignored: not a missed call/);
		expect((await post(h.url, standard('CALL_NEW'))).data.message).toMatch(
			/CALL_NEW is not selected/,
		);
		expect(
			(
				await post(
					h.url,
					standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0, outerNumber: '380440000000' }),
				)
			).data.message,
		).toMatch(/outer number/);
		await post(h.url, standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0 }));
		await h.settled();
		expect(h.executions).toHaveLength(1);
	});

	it('missed call → SMS: sends exactly one SMS to the caller', async () => {
		const h = await serve({
			trigger: {
				mode: 'events',
				verification: 'apiKey',
				events: ['CALL_END'],
				filters: { answered: 'missed' },
			},
			then: [
				{
					name: 'SMS',
					type: 'n8n-nodes-unitalk.uniTalk',
					parameters: {
						resource: 'message',
						operation: 'send',
						messageType: 'SMS',
						to: '={{ $json.customerNumber }}',
						text: 'Sorry we missed your call!',
					},
				},
			],
		});
		await post(h.url, standard('CALL_END'));
		await post(h.url, specified('CALL_END', { state: 'NOANSWER', secondsTalk: 0, to: [] }));
		await h.settled();
		expect(standIn.calls('/message/send').map((r) => r.body)).toEqual([
			{ messageType: 'SMS', to: '380505557182', text: 'Sorry we missed your call!' },
		]);
	});

	it("ROUTE: answers UniTalk with the workflow's Answer Route output", async () => {
		const h = await serve({
			trigger: { mode: 'route', answer: 'workflow', routeVerification: 'query', secret: 'k' },
			then: [
				{
					name: 'Answer',
					type: 'n8n-nodes-unitalk.uniTalk',
					parameters: {
						resource: 'callRouting',
						operation: 'answerRoute',
						operatorNumber: '={{ $json.customerNumber.endsWith("82") ? "2048" : "" }}',
						callerName: 'Alex',
						ivrId: 487,
					},
				},
			],
		});
		const answer = await post(
			`${h.url}?key=k`,
			{ event: 'ROUTE', call: { from: '380505557182', outerNumber: '380442949168' } },
			{},
		);
		expect(answer.status).toBe(200);
		expect(answer.data).toEqual({ operatorNumber: '2048', callerName: 'Alex', ivrId: 487 });
	});

	it('ROUTE: the answer leaves the moment Answer Route runs; later nodes keep running and cannot change it', async () => {
		closeGate();
		const answerRoute = {
			name: 'Answer',
			type: 'n8n-nodes-unitalk.uniTalk',
			parameters: { resource: 'callRouting', operation: 'answerRoute', operatorNumber: '2048' },
		};
		const h = await serve({
			trigger: { mode: 'route', answer: 'workflow', routeVerification: 'none' },
			then: [
				answerRoute,
				{ name: 'Log To CRM', type: 'harness.gate', parameters: {} },
				{ name: 'Broken Step', type: 'harness.fail', parameters: {} },
			],
		});
		const answer = await post(h.url, { event: 'ROUTE', call: { from: '380505557182' } }, {});
		expect(answer).toMatchObject({
			status: 200,
			data: { operatorNumber: '2048', callerName: null, ivrId: null },
		});
		expect(h.executions).toHaveLength(0); // the run is still waiting at the gate
		gate.open();
		await h.settled();
		expect(h.executions).toHaveLength(1);
		expect(Object.keys(h.executions[0].data.resultData.runData)).toEqual([
			'Trigger',
			'Answer',
			'Log To CRM',
			'Broken Step',
		]);
		expect(h.executions[0].data.resultData.error?.message).toBe('CRM lookup failed');
	});

	it('ROUTE: a run that ends without any answer is answered with an empty 200 (UniTalk gets no operator)', async () => {
		const h = await serve({
			trigger: { mode: 'route', answer: 'workflow', routeVerification: 'none' },
			then: [{ name: 'Lookup', type: 'harness.items', parameters: { items: '[]' } }],
		});
		const answer = await post(h.url, { event: 'ROUTE', call: { from: '380505557182' } }, {});
		expect(answer.status).toBe(200);
		expect(answer.data).toBe('');
	});

	it("ROUTE: a failing workflow is answered 500 so UniTalk follows the scenario's next step; fixed answers never wait", async () => {
		const failing = await serve({
			trigger: { mode: 'route', answer: 'workflow', routeVerification: 'none' },
			then: [{ name: 'Lookup', type: 'harness.fail', parameters: {} }],
		});
		expect(
			(await post(failing.url, { event: 'ROUTE', call: { from: '380505557182' } }, {})).status,
		).toBe(500);
		const fixed = await serve({
			trigger: {
				mode: 'route',
				answer: 'fixed',
				operatorNumber: '1000',
				ivrId: 0,
				routeVerification: 'none',
			},
			then: [{ name: 'Lookup', type: 'harness.fail', parameters: {} }],
		});
		expect(
			(await post(fixed.url, { event: 'ROUTE', call: { from: '380505557182' } }, {})).data,
		).toEqual({ operatorNumber: '1000', callerName: null, ivrId: null });
	});

	it('voice queue: answers setPriority from the workflow, 5 when out of range', async () => {
		const h = await serve({
			trigger: { mode: 'queue', answer: 'workflow', routeVerification: 'none' },
			then: [
				{
					name: 'Answer',
					type: 'n8n-nodes-unitalk.uniTalk',
					parameters: {
						resource: 'callRouting',
						operation: 'answerQueue',
						priority: '={{ $json.customerNumber === "380501234567" ? 9 : 42 }}',
					},
				},
			],
		});
		const body = { outerNumber: '380440000001', from: '380501234567', utmSource: null };
		expect((await post(h.url, body, {})).data).toEqual({ setPriority: 9 });
		expect((await post(h.url, { ...body, from: '380509999999' }, {})).data).toEqual({
			setPriority: 5,
		});
	});

	it('attaches the recording on CALL_END, or says why it could not', async () => {
		standIn.state.seedHistory(5);
		const link = standIn.state.history.find((c) => c.link)!.link as string;
		const h = await serve({
			trigger: {
				mode: 'events',
				verification: 'apiKey',
				options: { attachRecording: true, binaryProperty: 'rec' },
			},
		});
		await post(h.url, standard('CALL_END', { link }));
		await h.settled();
		await post(
			h.url,
			standard('CALL_END', { id: 1091945, link: `${standIn.url}/tracking/rec/42/2024-01-01` }),
		);
		await h.settled();
		const [ok, late] = [triggerItem(h, 0), triggerItem(h, 1)];
		expect(ok.binary?.rec).toMatchObject({ mimeType: 'audio/mpeg' });
		expect(ok.json.recording).toMatchObject({ attached: true, size: 1024 });
		expect(late.binary).toBeUndefined();
		expect((late.json.recording as IDataObject).reason).toMatch(/10–15 minutes/);
	});

	it("a credential key with a stray space still verifies UniTalk's webhooks", async () => {
		const harness = await new WebhookHarness({
			trigger: { mode: 'events', verification: 'apiKey' },
			credentials: credentialsFor(standIn, { apiKey: ' test-key\n' }),
		}).start();
		harnesses.push(harness);
		expect((await post(harness.url, standard('CALL_NEW'))).status).toBe(200);
		expect(
			(await post(harness.url, standard('CALL_NEW', { id: 2 }), { Authorization: 'test-key ' }))
				.status,
		).toBe(200);
	});

	it('the same CALL_END delivered 3 times starts one execution and sends one SMS', async () => {
		const h = await serve({
			trigger: { mode: 'events', verification: 'apiKey' },
			then: [
				{
					name: 'SMS',
					type: 'n8n-nodes-unitalk.uniTalk',
					parameters: {
						resource: 'message',
						operation: 'send',
						messageType: 'SMS',
						to: '={{ $json.customerNumber }}',
						text: 'Thanks',
					},
				},
			],
		});
		const answers = [];
		for (let i = 0; i < 3; i++)
			answers.push((await post(h.url, standard('CALL_END', { id: 77001 }))).data.message);
		await h.settled();
		expect(answers).toEqual([
			'Received',
			'Received (a repeat of an event already delivered)',
			'Received (a repeat of an event already delivered)',
		]);
		expect(h.executions).toHaveLength(1);
		expect(standIn.calls('/message/send')).toHaveLength(1);
		await post(h.url, standard('CALL_NEW', { id: 77001 })); // another event of the same call is not a repeat
		await h.settled();
		expect(h.executions).toHaveLength(2);
	});

	it('a notification body cannot set its own "kind"', async () => {
		const h = await serve({ trigger: { mode: 'notifications', verification: 'none' } });
		await post(h.url, { ivrName: 'Main', pressedDigit: 2, kind: 'balance' }, {});
		await h.settled();
		expect(triggerItem(h).json.kind).toBe('ivr');
	});

	it("call times carry the offset of the account's zone, not the workflow's", async () => {
		const harness = await new WebhookHarness({
			trigger: { mode: 'events', verification: 'apiKey' },
			credentials: credentialsFor(standIn, { timeZone: 'Asia/Tokyo' }),
		}).start();
		harnesses.push(harness);
		await post(harness.url, standard('CALL_NEW', { id: 88001 }));
		await harness.settled();
		expect(triggerItem(harness).json.startTime).toBe('2018-07-09T16:58:52+09:00');
	});

	it('an empty credential zone means the default (Europe/Kyiv), as in the UniTalk node, not the workflow zone', async () => {
		const harness = await new WebhookHarness({
			trigger: { mode: 'events', verification: 'apiKey' },
			credentials: credentialsFor(standIn, { timeZone: '' }),
			timezone: 'America/New_York',
		}).start();
		harnesses.push(harness);
		await post(harness.url, standard('CALL_NEW', { id: 88002 }));
		await harness.settled();
		expect(triggerItem(harness).json.startTime).toBe('2018-07-09T16:58:52+03:00');
	});

	it('recognises autodialer, voice menu and balance notifications', async () => {
		const h = await serve({ trigger: { mode: 'notifications', verification: 'none' } });
		await post(
			h.url,
			{ from: '380971234567', callState: 'ANSWER', dialName: 'обзвон-окна', totalCount: 2000 },
			{},
		);
		await post(
			h.url,
			{ ivrName: 'Main', from: '380971234567', pressedDigit: 2, actionType: 'MAIN' },
			{},
		);
		await post(
			h.url,
			{ date: '2022-11-12 19:12:50', type: 'MAIN_REFILL', sum: 500000, mainBalance: 15500000 },
			{},
		);
		await h.settled();
		expect(h.executions.map((_e, i) => triggerItem(h, i).json.kind).sort()).toEqual([
			'autodialCall',
			'balance',
			'ivr',
		]);
	});
});
