import { useStandIn } from '../helpers';
import type { Json } from './types';

// The stand-in's autodialers dial on their own (test/standin/dialler.ts). 6000 autodialer minutes per
// real minute: a 30-minute repeat interval passes in 0.3 s, a call lasts about 10 ms. The tests wait
// for what the dialler did (its log, the numbers), never for a fixed time, except to see that nothing
// more happens.
const standIn = useStandIn({ autodial: { speed: 6000, tickMs: 20 } });

/** Monday 2 March 2026 in Kyiv (UTC+2 until the end of March). */
const MONDAY = (time: string) => `2026-03-02T${time}:00+02:00`;
const PHONE = '380671234567';

async function api(body: Json): Promise<Json> {
	const response = await fetch(`${standIn.apiUrl}/autodial/action`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: standIn.apiKeys[0] },
		body: JSON.stringify(body),
	});
	return await response.json();
}

async function control(path: string, body?: Json): Promise<Json> {
	const response = await fetch(`${standIn.url}/__standin/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer: Json = await response.json();
	if (!response.ok) throw new Error(`${path}: ${answer.message}`);
	return answer;
}

/** Polls until `check` holds (the dialler runs on its own timer); fails after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A callback autodialer as the contract (/work/notes/callback-contract.md) describes it. */
async function callbackAutodialer(over: Json = {}): Promise<number> {
	const answer = await api({
		action: 'ADD',
		task: {
			name: 'n8n callbacks',
			autodialerType: 'GUARANTEED_DIAL',
			autodialerMode: 'FREE',
			groupId: 300,
			startDate: '2026-01-01',
			endDate: '2027-01-01',
			timeFrom: ['09:00', '09:00', '09:00', '09:00', '09:00', null, null],
			timeTo: ['18:00', '18:00', '18:00', '18:00', '18:00', null, null],
			repeatCallsSettings: {
				earlyStart: true,
				highPriority: true,
				statesSettings: {
					NOANSWER: { attempts: 2, intervalMinutes: 30 },
					BUSY: { attempts: 2, intervalMinutes: 30 },
					ANSW_OP_NA: { attempts: 2, intervalMinutes: 30 },
					ANSWER: { attempts: 1, intervalMinutes: 30, secondsThreshold: 10 },
				},
			},
			crmMode: 'DONT_SEND',
			clientCalledMode: 'ANSWERED_CALLS',
			displayName: true,
			displayNote: true,
			removeAfterFinish: false,
			...over,
		},
	});
	expect(answer).toMatchObject({ status: 'Success' });
	return answer.data as number;
}

async function schedule(id: number, phone = PHONE, params: Json = { '1': 'n8n-callback' }) {
	const answer = await api({
		action: 'ADD_NUMBERS',
		id,
		highPriority: true,
		refreshDuplicates: true,
		numbersWithData: [{ phone, name: 'Olena', note: 'Missed call', params }],
	});
	expect(answer).toMatchObject({ status: 'Success' });
}

const numberOf = (id: number, phone = PHONE) => standIn.state.tasks.get(id)!.numbers.get(phone)!;
const logOf = (id: number, event?: string) =>
	standIn.dialler.log.filter((e) => e.taskId === id && (!event || e.event === event));

async function callsHistory(id: number, filter: Json = {}): Promise<Json> {
	return await api({ action: 'GET_CALLS_HISTORY', id, callHistoryRequest: { filter } });
}

describe('the stand-in dials its autodialers', () => {
	beforeEach(async () => await control('autodial/clock', { at: MONDAY('10:00') }));

	it('dials a number added in working hours: answered, written everywhere', async () => {
		const id = await callbackAutodialer();
		await schedule(id);
		await until('answered', () => numberOf(id).state === 'ANSWER');

		expect(numberOf(id)).toMatchObject({ calledCount: 1, realCalledCount: 1 });
		expect(numberOf(id).stateDateTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		const calls = await callsHistory(id);
		expect(calls).toMatchObject({ count: 1, items: [{ phone: PHONE, state: 'ANSWER' }] });
		expect(calls.items[0]).toMatchObject({
			operatorNumber: '1000', // group 300's only online line
			userId: 11,
			secondsTalk: 45,
			name: 'Olena',
			note: 'Missed call',
			params: { '1': 'n8n-callback' },
		});
		const history = standIn.state.history.filter((c) => c.source === 'AUTODIAL');
		expect(history).toEqual([
			expect.objectContaining({ direction: 'OUT', to: [PHONE], from: '1000', state: 'ANSWER' }),
		]);
		await until('finished', () => standIn.state.tasks.get(id)!.status === 'FINISHED');
	});

	it('repeats an unanswered call and stops once answered', async () => {
		const id = await callbackAutodialer();
		await control('autodial/script', { phone: PHONE, answers: ['NOANSWER', 'ANSWER'] });
		await schedule(id);
		await until('answered', () => numberOf(id).state === 'ANSWER');

		expect(numberOf(id)).toMatchObject({ calledCount: 2, realCalledCount: 2 });
		const calls = await callsHistory(id);
		expect(calls.items.map((c: Json) => c.state)).toEqual(['ANSWER', 'NOANSWER']);
		expect(calls.items[0].id).toBeGreaterThan(calls.items[1].id);
		expect(calls.items[1]).toMatchObject({ operatorNumber: null, secondsTalk: 0 });
		// Filters of the reference: states, param.
		expect((await callsHistory(id, { states: ['NOANSWER'] })).count).toBe(1);
		expect((await callsHistory(id, { param: 'n8n-call' })).count).toBe(2);
		expect(logOf(id, 'repeat')).toHaveLength(1);
		// Both calls are in the call history as outgoing autodialer calls, answered or not.
		const out = standIn.state.history.filter((c) => c.source === 'AUTODIAL');
		expect(out.map((c) => c.state).sort()).toEqual(['ANSWER', 'NOANSWER']);
	});

	it('calls 1 + attempts times when never answered, then keeps the last state', async () => {
		const id = await callbackAutodialer();
		await control('autodial/script', { phone: PHONE, answers: Array(6).fill('NOANSWER') });
		await schedule(id);
		await until('attempts ended', () => logOf(id, 'attemptsEnded').length === 1);
		// Nothing more within a few more intervals (0.3 s each at this speed).
		await new Promise((resolve) => setTimeout(resolve, 1000));

		expect(numberOf(id)).toMatchObject({ state: 'NOANSWER', calledCount: 3, realCalledCount: 3 });
		expect((await callsHistory(id)).count).toBe(3);
		expect(standIn.state.tasks.get(id)!.status).toBe('FINISHED');
	});

	it('repeats an answer shorter than secondsThreshold', async () => {
		const id = await callbackAutodialer();
		await control('autodial/script', { phone: PHONE, answers: ['ANSWER'], talkSeconds: 4 });
		await schedule(id);
		await until('second call', () => numberOf(id).calledCount === 2);
		expect((await callsHistory(id)).items.map((c: Json) => c.secondsTalk)).toEqual([45, 4]);
	});

	it('does not dial a client who called and was answered first', async () => {
		await control('autodial/clock', { at: MONDAY('03:00') });
		const id = await callbackAutodialer();
		await schedule(id);
		await schedule(id, '380501112233');
		await until('waits for working hours', () => logOf(id, 'waitHours').length === 1);
		// The client calls back and an operator answers; another's missed call changes nothing.
		await control('history', { direction: 'IN', from: PHONE, state: 'ANSWER' });
		await control('history', { direction: 'IN', from: '380501112233', state: 'NOANSWER' });
		expect(numberOf(id).state).toBe('CLIENT_CALLED');

		await control('autodial/clock', { at: MONDAY('10:00') });
		await until('the other is dialled', () => numberOf(id, '380501112233').state === 'ANSWER');
		await until('finished', () => standIn.state.tasks.get(id)!.status === 'FINISHED');
		expect(numberOf(id)).toMatchObject({ state: 'CLIENT_CALLED', calledCount: 0 });
		expect((await callsHistory(id, { phone: PHONE })).count).toBe(0);
	});

	it('waits for working hours: nothing at 03:00, dialled at 09:01', async () => {
		await control('autodial/clock', { at: MONDAY('03:00') });
		const id = await callbackAutodialer();
		await schedule(id);
		await until('waits for working hours', () => logOf(id, 'waitHours').length === 1);
		expect(logOf(id, 'waitHours')[0].message).toContain('next window Mon 09:00');
		expect(numberOf(id).state).toBe('NEW');
		expect(standIn.state.tasks.get(id)!.status).toBe('WAITING');
		expect(logOf(id, 'dial')).toEqual([]);

		const clock = await control('autodial/clock', { at: MONDAY('09:01') });
		expect(clock).toMatchObject({ running: true, weekday: 'Mon' });
		expect(clock.local).toMatch(/ 09:01:/);
		await until('answered', () => numberOf(id).state === 'ANSWER');
	});

	it('re-queues a number added again with refreshDuplicates', async () => {
		const id = await callbackAutodialer();
		await schedule(id);
		await until('answered', () => numberOf(id).state === 'ANSWER');
		await until('finished', () => standIn.state.tasks.get(id)!.status === 'FINISHED');

		// Added again at night, so it is seen NEW before the dialler takes it in the morning.
		await control('autodial/clock', { at: MONDAY('03:00') });
		await schedule(id, PHONE, { '1': 'n8n-callback', '2': 'second missed call' });
		expect(numberOf(id)).toMatchObject({ state: 'NEW', calledCount: 0, realCalledCount: 1 });
		expect(numberOf(id).params).toEqual({ '1': 'n8n-callback', '2': 'second missed call' });
		await control('autodial/clock', { at: MONDAY('10:00') });
		await until('answered again', () => numberOf(id).calledCount === 1);
		expect(numberOf(id)).toMatchObject({ state: 'ANSWER', realCalledCount: 2 });
		const calls = await callsHistory(id);
		expect(calls.items[0].params).toEqual({ '1': 'n8n-callback', '2': 'second missed call' });
	});

	it('leaves a paused autodialer alone', async () => {
		await control('autodial/clock', { at: MONDAY('03:00') });
		const id = await callbackAutodialer();
		await schedule(id);
		await until('waits for working hours', () => logOf(id, 'waitHours').length === 1);
		expect(await api({ action: 'PAUSE', id })).toMatchObject({ status: 'Success' });
		await control('autodial/clock', { at: MONDAY('11:00') }); // looks at once, the task paused
		expect(numberOf(id).state).toBe('NEW');
		expect(standIn.state.tasks.get(id)!.status).toBe('PAUSED');
		await api({ action: 'UNPAUSE', id });
		await until('answered after unpausing', () => numberOf(id).state === 'ANSWER');
	});
});
