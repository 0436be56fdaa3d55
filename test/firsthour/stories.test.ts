// #18: the stories a new user builds from scratch work with the defaults, and say why when not.
import axios from 'axios';
import type { INodeParameters } from 'n8n-workflow';

import { UniTalkTrigger } from '../../nodes/UniTalk/UniTalkTrigger.node';
import { WebhookHarness, type WebhookWorkflow } from '../harness/webhook';
import { credentialsFor, rl, run, seedAutodialer, useStandIn } from '../helpers';
import { standard } from '../trigger/fixtures/bodies';

describe('first hour: defaults that fit the previous node', () => {
	const standIn = useStandIn();

	it('missed call → Message → Send with To left at its default sends to the caller', async () => {
		const h = await new WebhookHarness({
			trigger: { mode: 'events', verification: 'apiKey', filters: { answered: 'missed' } },
			then: [
				{
					name: 'SMS',
					type: 'n8n-nodes-unitalk.uniTalk',
					parameters: {
						resource: 'message',
						operation: 'send',
						messageType: 'SMS',
						text: 'Sorry we missed your call',
					},
				},
			],
			credentials: credentialsFor(standIn),
		}).start();
		try {
			await axios.post(h.url, standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0 }), {
				headers: { Authorization: 'test-key' },
			});
			await h.settled();
		} finally {
			await h.stop();
		}
		expect(standIn.calls('/message/send').map((r) => r.body)).toEqual([
			{ messageType: 'SMS', to: '380505557182', text: 'Sorry we missed your call' },
		]);
	});

	it('the same default reads a "phone" column of a sheet row', async () => {
		const { error } = await run(
			standIn,
			{ resource: 'message', operation: 'send', messageType: 'SMS', text: 'Hi' },
			[{ name: 'Ann', phone: '+380 97 123 45 67' }],
		);
		expect(error).toBeUndefined();
		expect(standIn.calls('/message/send')[0].body).toMatchObject({ to: '380971234567' });
	});

	it('an empty phone says it is empty and names the input fields that hold a phone', async () => {
		const { error } = await run(
			standIn,
			{ resource: 'message', operation: 'send', messageType: 'SMS', text: 'Hi' },
			[{ name: 'Ann', mobile: '380971234567', office: '+38 044 123 45 67' }],
		);
		expect(error?.message).toBe(
			'"To" is empty: the input item has no "customerNumber" or "phone" field. Fields of the input that look like phone numbers: mobile (380971234567), office (+38 044 123 45 67); use one, e.g. {{ $json.mobile }}',
		);
		const none = await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'addNumbers',
				autodialerId: { __rl: true, mode: 'id', value: '1' },
			},
			[{ name: 'Ann' }],
		);
		expect(none.error?.message).toBe(
			'"Phone Numbers" is empty: the input item has no "customerNumber" or "phone" field, and none of its fields holds a phone number. Put the number in "Phone Numbers", or drag the input field that holds it there.',
		);
		const empty = await run(
			standIn,
			{ resource: 'message', operation: 'send', messageType: 'SMS', text: 'Hi' },
			[{ name: 'Ann', phone: '' }],
		);
		expect(empty.error?.message).toBe(
			'"To" is empty: the input item\'s "phone" is empty, and none of its fields holds a phone number. Put the number in "To", or drag the input field that holds it there.',
		);
		expect(standIn.requests).toHaveLength(0);
	});

	it('an import run twice: the second run says the numbers are already there, per item, no error', async () => {
		const id = seedAutodialer(standIn);
		const rows = Array.from({ length: 300 }, (_, i) => ({
			phone: `38097${String(1_000_000 + i).slice(-7)}`,
		}));
		const parameters = { resource: 'autodial', operation: 'addNumbers', autodialerId: rl(id) };
		const first = await run(standIn, parameters, rows);
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ added: [rows[0].phone], rejected: [] });
		const again = await run(standIn, parameters, rows);
		expect(again.error).toBeUndefined();
		expect(again.items).toHaveLength(300);
		expect(again.items[299]).toEqual({
			json: {
				autodialerId: id,
				phone: rows[299].phone,
				added: [],
				rejected: [],
				unchanged: [
					{
						phone: rows[299].phone,
						reason:
							'UniTalk added none of the numbers of this request: they are most likely in the autodialer already. Turn on "Call Again if Already Added" to have them processed again.',
					},
				],
			},
			pairedItem: { item: 299 },
		});
		expect(standIn.calls('/autodial/action', 'ADD_NUMBERS')).toHaveLength(2);
	});

	it('an error of a request that carried many items names them all, not item 0', async () => {
		const rows = [{ phone: '380971000001' }, { phone: '380971000002' }, { phone: '380971000003' }];
		const { error } = await run(
			standIn,
			{ resource: 'autodial', operation: 'addNumbers', autodialerId: rl(999_999) },
			rows,
		);
		expect(error?.message).toBe('UniTalk: No autodialer with this ID ("Task not found")');
		expect(error?.context?.itemIndex).toBeUndefined();
		expect(error?.description).toMatch(
			/^This request carried items 0–2\. No autodialer with this ID/,
		);
	});

	const SEND_SMS = {
		name: 'SMS',
		type: 'n8n-nodes-unitalk.uniTalk',
		parameters: { resource: 'message', operation: 'send', messageType: 'SMS', text: 'Sorry' },
	};

	async function listen(definition: Omit<WebhookWorkflow, 'credentials'>) {
		return await new WebhookHarness({
			...definition,
			credentials: credentialsFor(standIn),
		}).start();
	}
	const post = async (url: string, body: unknown) =>
		await axios.post(url, body, {
			headers: { Authorization: 'test-key' },
			validateStatus: () => true,
		});

	it('at the Test URL a filtered event shows why on the second output, and the run stays green; at the Production URL it starts nothing', async () => {
		const trigger = { mode: 'events', verification: 'apiKey', filters: { answered: 'missed' } };
		const then = [SEND_SMS];
		const test = await listen({ trigger, then, mode: 'manual' });
		const production = await listen({ trigger, then });
		try {
			expect((await post(test.url, standard('CALL_END'))).data.message).toBe(
				'Ignored: not a missed call',
			);
			expect((await post(production.url, standard('CALL_END'))).data.message).toBe(
				'Ignored: not a missed call',
			);
			await test.settled();
			await production.settled();
			const [run] = test.executions;
			expect(run.data.resultData.error).toBeUndefined();
			expect(run.data.resultData.runData.Trigger[0].data!.main).toEqual([
				[],
				[
					expect.objectContaining({
						json: {
							event: 'CALL_END',
							ignored: 'Ignored: not a missed call',
							note: 'Shown only for test events: at the Production URL this event starts nothing.',
						},
					}),
				],
			]);
			expect(run.data.resultData.runData.SMS).toBeUndefined();
			expect(production.executions).toHaveLength(0);
			expect(standIn.calls('/message/send')).toHaveLength(0);
		} finally {
			await Promise.all([test.stop(), production.stop()]);
		}
	});

	it('a workflow saved with trigger version 1 keeps its behaviour: the ignored test item on the one output', async () => {
		const saved = require('../trigger/fixtures/missed-call-sms.v1.json') as {
			nodes: Array<{
				name: string;
				type: string;
				typeVersion: number;
				parameters: INodeParameters;
			}>;
		};
		const [savedTrigger, sms] = saved.nodes;
		expect(savedTrigger.typeVersion).toBe(1);
		const test = await listen({
			trigger: savedTrigger.parameters,
			triggerVersion: savedTrigger.typeVersion,
			then: [{ name: 'SMS', type: sms.type, parameters: sms.parameters }],
			mode: 'manual',
		});
		try {
			await post(test.url, standard('CALL_END'));
			await test.settled();
			const [run] = test.executions;
			expect(run.data.resultData.runData.Trigger[0].data!.main).toEqual([
				[
					expect.objectContaining({
						json: expect.objectContaining({ ignored: 'Ignored: not a missed call' }),
					}),
				],
			]);
			// As before #32 the next step gets the item; since #40 it says what the item is (it used to
			// fail on "To" being empty).
			expect(run.data.resultData.error?.message).toMatch(
				/^Item 0 is not a call: it is the UniTalk Trigger's "Ignored" placeholder/,
			);
			expect(standIn.calls('/message/send')).toHaveLength(0);
		} finally {
			await test.stop();
		}
	});

	it('the same missed call at the Test URL goes down the first output and sends one SMS', async () => {
		const test = await listen({
			trigger: { mode: 'events', verification: 'apiKey', filters: { answered: 'missed' } },
			then: [SEND_SMS],
			mode: 'manual',
		});
		try {
			await post(test.url, standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0, to: [] }));
			await test.settled();
			expect(test.executions[0].data.resultData.error).toBeUndefined();
			expect(standIn.calls('/message/send')).toHaveLength(1);
		} finally {
			await test.stop();
		}
	});

	it('the same test event sent twice to the Test URL starts twice (never a repeat)', async () => {
		const test = await listen({
			trigger: { mode: 'events', verification: 'apiKey' },
			mode: 'manual',
		});
		try {
			const body = standard('CALL_END', { id: 99_001 });
			expect((await post(test.url, body)).data.message).toBe('Received');
			expect((await post(test.url, body)).data.message).toBe('Received');
			await test.settled();
			expect(test.executions).toHaveLength(2);
		} finally {
			await test.stop();
		}
	});

	it('Only Missed Calls is on when added (version 3: Answered or Missed is "missed"); Include Raw Body is off; endCause is explained', async () => {
		const { properties } = new UniTalkTrigger().description;
		const option = (collection: string, name: string) =>
			properties
				.filter((p) => p.name === collection)
				.flatMap((p) => p.options as Array<{ name: string; default: unknown }>)
				.find((o) => o.name === name)?.default;
		expect(option('filters', 'onlyMissed')).toBe(true);
		expect(option('filters', 'answered')).toBe('missed');
		expect(option('options', 'includeRaw')).toBe(false);
		const h = await listen({ trigger: { mode: 'events', verification: 'apiKey' } });
		try {
			await post(h.url, standard('CALL_END', { id: 99_002 }));
			await h.settled();
			const json = h.executions[0].data.resultData.runData.Trigger[0].data!.main[0]![0].json;
			expect(json).toMatchObject({ endCause: 16, endCauseText: 'Normal call clearing' });
			expect(json.raw).toBeUndefined();
		} finally {
			await h.stop();
		}
	});
});
