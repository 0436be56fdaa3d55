// Callback (#41): one case per operation (test/operations/cases.ts runs them), then the missed-call
// loop's promises: the exact bodies, validation before sending, Schedule after the trigger and after
// Message → Send with nothing typed, 300 items in one request, once per missed call, Continue On Fail.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { useDeduplication } from '../harness/deduplication';
import { WebhookHarness } from '../harness/webhook';
import { credentialsFor, rl, run, seedAutodialer } from '../helpers';
import { DROP, type StandIn } from '../standin/server';
import { standard } from '../trigger/fixtures/bodies';
import { runCases, type Case } from './cases';

// Once Per Missed Call is on by default: n8n's deduplication service keeps its keys.
useDeduplication();

/** The UniTalk Trigger's item for a missed call (shared/callRecord.ts), as the node receives it. */
const missedCall = (over: IDataObject = {}): IDataObject => ({
	event: 'CALL_END',
	callId: '1091944',
	dbId: 275,
	direction: 'in',
	customerNumber: '380505557182',
	outerNumber: '380442949168',
	startTime: '2018-07-09T16:58:52+03:00',
	status: 'NOANSWER',
	answered: false,
	missed: true,
	...over,
});

const schedule = (autodialerId: number, extra: IDataObject = {}): IDataObject => ({
	resource: 'callback',
	operation: 'schedule',
	autodialerId: rl(autodialerId),
	...extra,
});

const upsert = (extra: IDataObject = {}): IDataObject => ({
	resource: 'callback',
	operation: 'upsertAutodialer',
	groupId: 300,
	...extra,
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const cases: Case[] = [
	{
		name: 'callback upsertAutodialer (the defaults, a group of operators)',
		params: () => upsert(),
		request: {
			path: '/autodial/action',
			body: { action: 'ADD', task: { name: 'n8n callbacks', autodialerType: 'GUARANTEED_DIAL' } },
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				autodialerId: expect.any(Number),
				created: true,
				attempts: { NOANSWER: 3, BUSY: 3, ANSW_OP_NA: 3 },
			}),
	},
	{
		name: 'callback schedule (after a UniTalk Trigger item)',
		params: (c) => schedule(c.autodialerId),
		items: [missedCall()],
		request: { path: '/autodial/action', body: { action: 'ADD_NUMBERS' } },
		check: (items, c) =>
			expect(items[0].json).toMatchObject({
				scheduled: true,
				phone: '380505557182',
				missedCallId: '1091944',
				autodialerId: c.autodialerId,
			}),
	},
];

runCases(
	'callback',
	cases,
	(standIn) => ({ autodialerId: seedAutodialer(standIn, 'Callbacks') }),
	(standIn) => {
		const addNumbers = () => standIn.calls('/autodial/action', 'ADD_NUMBERS');
		const today = () => formatInZone(new Date(), 'Europe/Kyiv').slice(0, 10);

		describe('Create or Update Autodialer', () => {
			it('sends exactly the callback contract with the defaults', async () => {
				const { error, items } = await run(standIn, upsert());
				expect(error).toBeUndefined();
				const start = today();
				const end = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`.replace(
					/-02-29$/,
					'-02-28',
				);
				const weekdays = (t: string) => [t, t, t, t, t, null, null];
				const state = { attempts: 2, intervalMinutes: 30 };
				expect(standIn.calls('/autodial/action').map((r) => r.body)).toEqual([
					{
						action: 'ADD',
						task: {
							name: 'n8n callbacks',
							autodialerType: 'GUARANTEED_DIAL',
							autodialerMode: 'FREE',
							startDate: start,
							endDate: end,
							timeFrom: weekdays('09:00'),
							timeTo: weekdays('18:00'),
							groupId: 300,
							repeatCallsSettings: {
								earlyStart: true,
								highPriority: true,
								statesSettings: {
									NOANSWER: state,
									BUSY: state,
									ANSW_OP_NA: state,
									ANSWER: { attempts: 1, intervalMinutes: 30, secondsThreshold: 10 },
								},
							},
							clientCalledMode: 'ANSWERED_CALLS',
							crmMode: 'DONT_SEND',
							displayName: true,
							displayNote: true,
							removeAfterFinish: false,
						},
					},
				]);
				expect(items[0].json).toEqual({
					autodialerId: expect.any(Number),
					created: true,
					status: 'Success',
					name: 'n8n callbacks',
					operators: { groupId: 300 },
					workingHours: {
						Monday: '09:00–18:00',
						Tuesday: '09:00–18:00',
						Wednesday: '09:00–18:00',
						Thursday: '09:00–18:00',
						Friday: '09:00–18:00',
						Saturday: 'off',
						Sunday: 'off',
					},
					attempts: { NOANSWER: 3, BUSY: 3, ANSW_OP_NA: 3 },
					intervalMinutes: 30,
					minTalkSeconds: 10,
					clientCalledMode: 'ANSWERED_CALLS',
					repeatsFirst: true,
					startDate: start,
					endDate: end,
				});
			});

			it('every field changes the request: SIP lines, Saturday hours, attempts per state, no talk minimum', async () => {
				const { error } = await run(
					standIn,
					upsert({
						name: 'Evening callbacks',
						operatorsBy: 'sipLines',
						sipLines: '1000, 1001',
						days: ['0', '2'],
						timeFrom: '12:00',
						timeTo: '20:00',
						dayHours: { day: [{ day: '5', from: '10:00', to: '14:00' }] },
						attempts: 1,
						intervalMinutes: 90,
						minTalkSeconds: 0,
						clientCalledMode: 'NEVER',
						priorityQueue: false,
						options: { startDate: '2030-01-01', endDate: '2030-03-01', attemptsBusy: 5 },
					}),
				);
				expect(error).toBeUndefined();
				const { task } = standIn.calls('/autodial/action')[0].body;
				expect(task).toMatchObject({
					name: 'Evening callbacks',
					pseudoGroupOperators: ['1000', '1001'],
					timeFrom: ['12:00', null, '12:00', null, null, '10:00', null],
					timeTo: ['20:00', null, '20:00', null, null, '14:00', null],
					startDate: '2030-01-01',
					endDate: '2030-03-01',
					clientCalledMode: 'NEVER',
					repeatCallsSettings: {
						earlyStart: true,
						highPriority: false,
						statesSettings: {
							NOANSWER: { attempts: 0, intervalMinutes: 90 },
							BUSY: { attempts: 4, intervalMinutes: 90 },
							ANSW_OP_NA: { attempts: 0, intervalMinutes: 90 },
						},
					},
				});
				expect(task.groupId).toBeUndefined();
				expect(task.repeatCallsSettings.statesSettings.ANSWER).toBeUndefined();
			});

			it('updates a chosen autodialer: UPDATE, its other settings kept, the callback settings written', async () => {
				const id = seedAutodialer(standIn, 'Old callbacks');
				const task = standIn.state.tasks.get(id)!;
				task.autodialerType = 'GUARANTEED_DIAL';
				task.autodialerMode = 'FREE';
				task.config = {
					startDate: '2030-01-01',
					endDate: '2030-02-01',
					timeFrom: ['08:00', null, null, null, null, null, null],
					timeTo: ['10:00', null, null, null, null, null, null],
					crmMode: 'SEND_ANSWERED',
					clientCalledMode: 'NEVER',
					pseudoGroupOperators: ['1000'],
					triggerActions: { AUTODIAL_NOANSWER: [2] },
				};
				const { error, items } = await run(
					standIn,
					upsert({ target: 'update', autodialerId: rl(id), name: 'Old callbacks' }),
				);
				expect(error).toBeUndefined();
				const sent = standIn.calls('/autodial/action', 'UPDATE');
				expect(sent).toHaveLength(1);
				expect(sent[0].body.task).toMatchObject({
					id,
					name: 'Old callbacks',
					groupId: 300,
					triggerActions: { AUTODIAL_NOANSWER: [2] },
					clientCalledMode: 'ANSWERED_CALLS',
					crmMode: 'DONT_SEND',
				});
				expect(sent[0].body.task.pseudoGroupOperators).toBeUndefined();
				expect(sent[0].body.task.autodialerType).toBeUndefined();
				expect(items[0].json).toMatchObject({ autodialerId: id, created: false });
				expect(task.config.triggerActions).toEqual({ AUTODIAL_NOANSWER: [2] });
			});

			it.each([
				[{ attempts: 12 }, '"Attempts" must be a whole number from 1 to 11 (got 12)'],
				[
					{ intervalMinutes: 3 },
					'"Minutes Between Attempts" must be a whole number from 5 to 1500 (got 3)',
				],
				[{ timeFrom: '9:00' }, '"From" must be a time like 09:00 (got "9:00")'],
				[
					{ timeFrom: '18:00', timeTo: '09:00' },
					'"From" (18:00) must be earlier than "To" (09:00)',
				],
				[
					{ dayHours: { day: [{ day: '6', from: '14:00', to: '10:00' }] } },
					'"Other Hours on Some Days → Sunday": From (14:00) must be earlier than To (10:00)',
				],
				[{ days: [] }, 'Choose at least one day in "Working Days"'],
				[{ groupId: '={{ "" }}' }, '"Group" is empty: choose the group of operators who call back'],
				[
					{ minTalkSeconds: -1 },
					'"Minimum Talk Time (S)" must be a whole number from 0 to 3600 (got -1)',
				],
				[
					{ options: { attemptsNoAnswer: 0 } },
					'"Attempts When Not Answered" must be a whole number from 1 to 11 (got 0)',
				],
			])('refuses %j naming the field, sending nothing', async (bad, message) => {
				const { error } = await run(standIn, upsert(bad));
				expect(error?.message).toBe(message);
				expect(error?.description).toMatch(/^Fix item 0 and run again/);
				expect(standIn.calls('/autodial/action')).toEqual([]);
			});

			it('names the item: item 0 is fine, item 1 is not, nothing is sent for either', async () => {
				const { error } = await run(
					standIn,
					upsert({ name: '={{ $json.name }}', attempts: '={{ $json.attempts }}' }),
					[
						{ name: 'First', attempts: 3 },
						{ name: 'Second', attempts: 12 },
					],
				);
				expect(error?.message).toBe('"Attempts" must be a whole number from 1 to 11 (got 12)');
				expect(error?.description).toMatch(/^Fix item 1 and run again/);
				expect(standIn.calls('/autodial/action')).toEqual([]);
			});
		});

		describe('Schedule', () => {
			it('after a trigger item: exactly the contract (note, params 1–5, priority, refresh)', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const before = Date.now();
				const { error, items } = await run(standIn, schedule(id, { reference: 'crm-77' }), [
					missedCall({ name: 'Ann' }),
				]);
				expect(error).toBeUndefined();
				const scheduledAt = items[0].json.scheduledAt as string;
				expect(scheduledAt).toMatch(ISO);
				expect(Date.parse(scheduledAt)).toBeGreaterThanOrEqual(before - 1000);
				expect(addNumbers().map((r) => r.body)).toEqual([
					{
						action: 'ADD_NUMBERS',
						id,
						refreshDuplicates: true,
						highPriority: true,
						numbersWithData: [
							{
								phone: '380505557182',
								name: 'Ann',
								note: 'Missed call 2018-07-09 16:58 — call 1091944',
								params: {
									'1': 'n8n-callback',
									'2': '1091944',
									'3': '2018-07-09T13:58:52.000Z',
									'4': scheduledAt,
									'5': '380442949168',
									'6': 'crm-77',
								},
							},
						],
					},
				]);
				expect(items[0].json).toEqual({
					scheduled: true,
					phone: '380505557182',
					name: 'Ann',
					missedCallId: '1091944',
					missedAt: '2018-07-09T13:58:52.000Z',
					lineCalled: '380442949168',
					reference: 'crm-77',
					autodialerId: id,
					scheduledAt,
					foundIn: 'the input item',
				});
				expect(items[0].pairedItem).toEqual({ item: 0 });
			});

			it('after a Call History Trigger item with a dbId only: that is the missed call ID', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const { error, items } = await run(standIn, schedule(id), [
					missedCall({ callId: null, dbId: 9001, kind: 'call' }),
				]);
				expect(error).toBeUndefined();
				expect(addNumbers()[0].body.numbersWithData[0].params['2']).toBe('9001');
				expect(items[0].json).toMatchObject({ scheduled: true, missedCallId: '9001' });
			});

			it('300 missed calls → one ADD_NUMBERS request', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const calls = Array.from({ length: 300 }, (_, i) =>
					missedCall({ callId: `c${i}`, customerNumber: `38097${String(1_000_000 + i).slice(1)}` }),
				);
				const { error, items } = await run(standIn, schedule(id), calls);
				expect(error).toBeUndefined();
				expect(addNumbers()).toHaveLength(1);
				expect(addNumbers()[0].body.numbersWithData).toHaveLength(300);
				expect(items.map((item) => item.json.scheduled)).toEqual(Array(300).fill(true));
				expect(standIn.state.tasks.get(id)!.numbers.size).toBe(300);
			});

			it('the same missed call in a second execution is not added again: skipped, with the reason', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const first = await run(standIn, schedule(id), [missedCall()]);
				expect(first.error).toBeUndefined();
				const second = await run(standIn, schedule(id), [
					missedCall(),
					missedCall({ callId: 'x2' }),
				]);
				expect(second.error).toBeUndefined();
				expect(addNumbers()).toHaveLength(2);
				expect(addNumbers()[1].body.numbersWithData.map((n: IDataObject) => n.params)).toEqual([
					expect.objectContaining({ '2': 'x2' }),
				]);
				expect(second.items[0].json).toEqual({
					scheduled: false,
					skipped: true,
					phone: '380505557182',
					name: null,
					missedCallId: '1091944',
					missedAt: '2018-07-09T13:58:52.000Z',
					lineCalled: '380442949168',
					reference: null,
					autodialerId: id,
					scheduledAt: null,
					key: `callback:${id}:1091944`,
					reason: `Once Per Missed Call: not sent, the key "callback:${id}:1091944" was used before: UniTalk accepted it, or may have received it, in an earlier run (or another run is sending it now).`,
				});
				expect(second.items[1].json).toMatchObject({ scheduled: true, missedCallId: 'x2' });
			});

			it('an ADD_NUMBERS whose answer never came is never sent again', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				standIn.inject({
					path: '/autodial/action',
					action: 'ADD_NUMBERS',
					reply: { status: 200, body: DROP },
				});
				const lost = await run(standIn, schedule(id), [missedCall()]);
				expect(lost.error?.description ?? lost.error?.message).toMatch(/may have been sent/);
				const sent = addNumbers().length;
				const again = await run(standIn, schedule(id), [missedCall()]);
				expect(again.error).toBeUndefined();
				expect(addNumbers()).toHaveLength(sent);
				expect(again.items[0].json).toMatchObject({ scheduled: false, skipped: true });
			});

			it('Retry On Fail: the request UniTalk accepted is not sent again (same scheduled time, same request)', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				// Item 1 goes to an autodialer that does not exist: its request fails after item 0's
				// was accepted, and n8n runs the node again within the same execution.
				const { error } = await run(
					standIn,
					schedule(id, { autodialerId: '={{ $json.to }}' }),
					[
						{ ...missedCall({ callId: 'r1' }), to: rl(id) },
						{ ...missedCall({ callId: 'r2', customerNumber: '380671234567' }), to: rl(987654) },
					],
					{ retryOnFail: { maxTries: 3 } },
				);
				expect(error?.message).toMatch(/No autodialer with this ID/);
				const toUs = addNumbers().filter((r) => r.body.id === id);
				expect(toUs).toHaveLength(1);
				expect(addNumbers().filter((r) => r.body.id === 987654)).toHaveLength(3);
				expect(standIn.state.tasks.get(id)!.numbers.size).toBe(1);
			});

			it('a missed call without a phone: an error naming "Phone" and the item, nothing sent', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const hidden = await run(standIn, schedule(id), [
					missedCall(),
					missedCall({ callId: 'h1', customerNumber: null }),
				]);
				expect(hidden.error?.message).toBe(
					'"Phone" is empty: the missed call h1 (in the input item) has no customerNumber, so the caller\'s number is unknown (hidden?). Put the number in "Phone".',
				);
				expect(hidden.error?.description).toMatch(/^Fix item 1 and run again/);
				const nothing = await run(standIn, schedule(id), [{ text: 'hello' }]);
				expect(nothing.error?.message).toMatch(
					/^"Phone" is empty and no missed call was found: neither the input item nor an item of an earlier step/,
				);
				expect(addNumbers()).toEqual([]);
			});

			it('a typed phone without a missed call: Once Per Missed Call asks for the ID, or is turned off', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const asked = await run(standIn, schedule(id, { phone: '380971234567' }), [{}]);
				expect(asked.error?.message).toMatch(
					/^"Missed Call ID" is empty and no missed call was found/,
				);
				expect(addNumbers()).toEqual([]);
				const off = await run(
					standIn,
					schedule(id, { phone: '380971234567', oncePerMissedCall: false }),
					[{}],
				);
				expect(off.error).toBeUndefined();
				expect(addNumbers()[0].body.numbersWithData[0]).toEqual({
					phone: '380971234567',
					note: 'Missed call',
					params: { '1': 'n8n-callback', '4': off.items[0].json.scheduledAt },
				});
			});

			it('Continue On Fail: the item without a phone gets its error, the others are scheduled, all paired', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const { error, items } = await run(
					standIn,
					schedule(id),
					[
						missedCall({ callId: 'a' }),
						missedCall({ callId: 'b', customerNumber: null }),
						missedCall({ callId: 'c', customerNumber: '380671234567' }),
					],
					{ continueOnFail: true },
				);
				expect(error).toBeUndefined();
				expect(items.map((item) => item.pairedItem)).toEqual([
					{ item: 0 },
					{ item: 1 },
					{ item: 2 },
				]);
				expect(items[0].json).toMatchObject({ scheduled: true, missedCallId: 'a' });
				expect(String(items[1].json.error)).toMatch(/^"Phone" is empty: the missed call b/);
				expect(items[2].json).toMatchObject({ scheduled: true, missedCallId: 'c' });
				expect(addNumbers()).toHaveLength(1);
				expect(addNumbers()[0].body.numbersWithData).toHaveLength(2);
			});

			it("UniTalk's documented error is explained: an autodialer that does not exist", async () => {
				const { error } = await run(standIn, schedule(987654), [missedCall()]);
				expect(error?.message).toMatch(/No autodialer with this ID/);
			});
		});

		describe('Schedule in a workflow: UniTalk Trigger → Message → Send → Schedule, nothing typed', () => {
			it('finds the missed call through the SMS step by paired items', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				await runWorkflow(standIn, id);
				expect(standIn.calls('/message/send').map((r) => r.body.to)).toEqual(['380505557182']);
				const sent = addNumbers();
				expect(sent).toHaveLength(1);
				expect(sent[0].body.numbersWithData[0]).toMatchObject({
					phone: '380505557182',
					note: 'Missed call 2018-07-09 16:58 — call 1091944',
					params: {
						'1': 'n8n-callback',
						'2': '1091944',
						'3': '2018-07-09T13:58:52.000Z',
						'5': '380442949168',
					},
				});
			});

			it('two missed calls of two clients, delivered at once, schedule two callbacks', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				const bodies = ['380671110001', '380671110002'].map((from, i) =>
					standard('CALL_END', {
						state: 'NOANSWER',
						secondsTalk: 0,
						id: `77700${i}`,
						dbid: `88800${i}`,
						from,
					}),
				);
				await runWorkflow(standIn, id, 1, {}, bodies);
				expect(standIn.calls('/message/send')).toHaveLength(2);
				const phones = addNumbers().flatMap((r) =>
					r.body.numbersWithData.map((n: IDataObject) => n.phone),
				);
				expect(phones.sort()).toEqual(['380671110001', '380671110002']);
			});

			it('the same webhook delivered twice schedules one callback', async () => {
				const id = seedAutodialer(standIn, 'Callbacks');
				// The trigger's own repeat check is off: a second n8n process would not share it.
				await runWorkflow(standIn, id, 2, { ignoreRepeats: false });
				expect(standIn.calls('/message/send')).toHaveLength(2);
				expect(addNumbers()).toHaveLength(1);
			});
		});
	},
);

async function runWorkflow(
	standIn: StandIn,
	autodialerId: number,
	deliveries = 1,
	options: IDataObject = {},
	/** Bodies posted at once (not one after the other's run), instead of `deliveries` of one. */
	atOnce?: IDataObject[],
): Promise<void> {
	const h = await new WebhookHarness({
		trigger: { mode: 'events', verification: 'apiKey', filters: { onlyMissed: true }, options },
		then: [
			{
				name: 'SMS',
				type: 'n8n-nodes-unitalk.uniTalk',
				parameters: {
					resource: 'message',
					operation: 'send',
					messageType: 'SMS',
					text: 'Sorry we missed your call, we will call you back',
				},
			},
			{
				name: 'Call Back',
				type: 'n8n-nodes-unitalk.uniTalk',
				parameters: {
					resource: 'callback',
					operation: 'schedule',
					autodialerId: rl(autodialerId),
				},
			},
		],
		credentials: credentialsFor(standIn, { apiKey: 'test-key' }),
	}).start();
	try {
		if (atOnce) {
			for (const body of atOnce)
				await axios.post(h.url, body, { headers: { Authorization: 'test-key' } });
			await h.settled();
		}
		for (let i = 0; !atOnce && i < deliveries; i++) {
			await axios.post(h.url, standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0 }), {
				headers: { Authorization: 'test-key' },
			});
			await h.settled();
		}
		for (const execution of h.executions)
			expect(execution.data.resultData.error?.message).toBeUndefined();
	} finally {
		await h.stop();
	}
}
