// Call History Trigger → Callback Outcomes (#41) through n8n-core's poll path against the stand-in.
// The autodialer's dialling is played by hand here: numbers and their calls are seeded straight
// into the stand-in's `state.tasks` (the dialler simulation is built elsewhere).
import type { IDataObject } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { credentialsFor, useStandIn } from '../helpers';

const HOUR = 3600_000;
const MINUTE = 60_000;
const zone = 'Europe/Kyiv';
const LINE = '380442949168';

describe('Call History Trigger: Callback Outcomes', () => {
	const standIn = useStandIn();
	let taskId = 0;
	let callId = 0;

	/** The callback autodialer as "Create or Update a Callback Autodialer" saves it (the contract). */
	function seedCallbackAutodialer(statesSettings?: IDataObject): number {
		const id = standIn.state.newId();
		standIn.state.tasks.set(id, {
			id,
			name: 'n8n callbacks',
			autodialerType: 'GUARANTEED_DIAL',
			autodialerMode: 'FREE',
			status: 'WAITING',
			config: {
				groupId: 300,
				clientCalledMode: 'ANSWERED_CALLS',
				repeatCallsSettings: {
					earlyStart: true,
					highPriority: true,
					statesSettings: statesSettings ?? {
						NOANSWER: { attempts: 2, intervalMinutes: 30 },
						BUSY: { attempts: 2, intervalMinutes: 30 },
						ANSW_OP_NA: { attempts: 2, intervalMinutes: 30 },
						ANSWER: { attempts: 1, intervalMinutes: 30, secondsThreshold: 10 },
					},
				},
			},
			numbers: new Map(),
			calls: [],
		});
		return id;
	}
	const task = () => standIn.state.tasks.get(taskId)!;
	beforeEach(() => (taskId = seedCallbackAutodialer()));

	/** Schedule a Callback's number: missed `missedAgo` ms ago, scheduled `scheduledAgo` ms ago. */
	function schedule(
		phone: string,
		missedCallId: string,
		scheduledAgo = MINUTE,
		extra: IDataObject = {},
	): void {
		const now = Date.now();
		task().numbers.set(phone, {
			taskId,
			phone,
			state: 'NEW',
			stateDateTime: null,
			calledCount: 0,
			realCalledCount: 0,
			highPriority: true,
			name: 'Olena',
			note: `Missed call — call ${missedCallId}`,
			link: null,
			params: {
				'1': 'n8n-callback',
				'2': missedCallId,
				'3': new Date(now - scheduledAgo - MINUTE).toISOString(),
				'4': new Date(now - scheduledAgo).toISOString(),
				'5': LINE,
				'6': `crm-${missedCallId}`,
			},
			audios: null,
			...extra,
		});
	}

	/** One autodialer call to `phone` ending now in `state`, as the dialler writes it. */
	function dial(phone: string, state: string, secondsTalk = 0, operatorNumber = '1000'): void {
		const number = task().numbers.get(phone)!;
		const at = standIn.state.localTime(Date.now());
		number.state = state;
		number.stateDateTime = at;
		number.calledCount += 1;
		number.realCalledCount += 1;
		task().calls.push({
			id: ++callId,
			phone,
			state,
			callEndTime: at,
			operatorNumber: state === 'ANSWER' ? operatorNumber : null,
			calledCount: number.calledCount,
			realCalledCount: number.realCalledCount,
			secondsTalk: state === 'ANSWER' ? secondsTalk : 0,
			name: number.name,
			params: number.params,
		});
	}

	/** The client called the line and `operator` answered: UniTalk marks the number CLIENT_CALLED. */
	function clientCalls(phone: string, operator = '1001'): string {
		const atMs = Math.floor((Date.now() - 30_000) / 1000) * 1000;
		const date = standIn.state.localTime(atMs);
		standIn.state.addHistoryCall(date, { from: phone, to: [operator], direction: 'IN' });
		const number = task().numbers.get(phone)!;
		number.state = 'CLIENT_CALLED';
		number.stateDateTime = standIn.state.localTime(Date.now());
		return new Date(atMs).toISOString();
	}

	const trigger = (parameters: IDataObject = {}) =>
		new PollHarness(
			{ event: 'callbackOutcomes', callbackAutodialerId: taskId, ...parameters },
			credentialsFor(standIn, { timeZone: zone }),
		);
	const outcomes = (items: { json: IDataObject }[] | null) =>
		(items ?? []).map((i) => `${String(i.json.phone)} ${String(i.json.outcome)}`);
	const autodial = (action: string) => standIn.calls('/autodial/action', action).length;

	it("activation remembers callbacks already closed; then each outcome once, with the missed call's fields", async () => {
		schedule('380671000001', '9001');
		dial('380671000001', 'ANSWER', 60); // closed before the trigger was activated
		schedule('380671000002', '9002');
		schedule('380671000003', '9003');
		schedule('380671000004', '9004');
		const poller = trigger();
		expect(await poller.poll()).toEqual({ items: null });

		dial('380671000002', 'NOANSWER');
		dial('380671000002', 'ANSWER', 95, '1000');
		const calledAt = clientCalls('380671000003', '1001');
		for (let i = 0; i < 3; i++) dial('380671000004', 'NOANSWER');
		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(outcomes(items)).toEqual([
			'380671000002 reached',
			'380671000003 calledBack',
			'380671000004 notReached',
		]);
		const number = task().numbers.get('380671000002')!;
		const [reached, calledBack, notReached] = items!.map((i) => i.json);
		expect(reached).toEqual({
			outcome: 'reached',
			phone: '380671000002',
			name: 'Olena',
			missedCallId: '9002',
			missedAt: number.params['3'],
			scheduledAt: number.params['4'],
			outerNumber: LINE,
			reference: 'crm-9002',
			autodialerId: taskId,
			attempts: 2,
			reachedAt: expect.stringMatching(/Z$/),
			operatorNumber: '1000',
			minutesToCallback: expect.any(Number),
			talkSeconds: 95,
		});
		expect(calledBack).toMatchObject({
			outcome: 'calledBack',
			missedCallId: '9003',
			reference: 'crm-9003',
			answeredBy: '1001',
			calledBackAt: calledAt,
			minutesToCallback: expect.any(Number),
		});
		expect(notReached).toMatchObject({ outcome: 'notReached', attempts: 3, lastState: 'NOANSWER' });
		for (const json of items!.map((i) => i.json))
			for (const field of ['caller', 'callee', 'arguments']) expect(json).not.toHaveProperty(field);

		expect((await poller.poll()).items).toBeNull();
		// An n8n restart: the saved state, a new workflow object, no repeat.
		const restarted = new PollHarness(
			{ event: 'callbackOutcomes', callbackAutodialerId: taskId },
			credentialsFor(standIn, { timeZone: zone }),
		);
		restarted.savedState = poller.savedState;
		expect((await restarted.poll()).items).toBeNull();
	});

	it('a talk shorter than Minimum Talk Time is not reached: dialled again, then not reached when ANSWER attempts end', async () => {
		const poller = trigger({ minTalkSeconds: 30 });
		await poller.poll();
		schedule('380671000011', '9011');
		dial('380671000011', 'ANSWER', 12);
		expect((await poller.poll()).items).toBeNull(); // 1 of 2 calls ANSWER allows
		dial('380671000011', 'ANSWER', 20);
		const { items } = await poller.poll();
		expect(outcomes(items)).toEqual(['380671000011 notReached']);
		expect(items![0].json).toMatchObject({ lastState: 'ANSWER', attempts: 2 });
	});

	it('a state the autodialer never repeats closes the loop at once: not reached', async () => {
		const poller = trigger();
		await poller.poll();
		schedule('380671000021', '9021');
		dial('380671000021', 'WRONG_DIR');
		expect(outcomes((await poller.poll()).items)).toEqual(['380671000021 notReached']);
	});

	it('expired: one REMOVE_NUMBERS for all, the numbers gone, each reported once; never dialled later', async () => {
		const poller = trigger({ expireAfterHours: 48, stillOpenAfterHours: 0 });
		await poller.poll();
		schedule('380671000031', '9031', 49 * HOUR);
		schedule('380671000032', '9032', 50 * HOUR);
		dial('380671000032', 'NOANSWER');
		schedule('380671000033', '9033', 47 * HOUR); // not yet
		const removesBefore = autodial('REMOVE_NUMBERS');
		const { items } = await poller.poll();
		expect(outcomes(items)).toEqual(['380671000032 expired', '380671000031 expired']);
		expect(autodial('REMOVE_NUMBERS') - removesBefore).toBe(1);
		expect(standIn.calls('/autodial/action', 'REMOVE_NUMBERS').at(-1)!.body).toMatchObject({
			numbers: expect.arrayContaining(['380671000031', '380671000032']),
		});
		expect([...task().numbers.keys()]).toEqual(['380671000033']);
		expect(items![0].json).toMatchObject({
			outcome: 'expired',
			attempts: 1,
			lastState: 'NOANSWER',
			expiredAt: expect.stringMatching(/Z$/),
		});
		expect((await poller.poll()).items).toBeNull();
		expect(autodial('REMOVE_NUMBERS') - removesBefore).toBe(1);
	});

	it('stillOpen once after Report Still Open After, then the final outcome later', async () => {
		const poller = trigger({ stillOpenAfterHours: 4 });
		await poller.poll();
		schedule('380671000041', '9041', 5 * HOUR);
		dial('380671000041', 'NOANSWER');
		const first = await poller.poll();
		expect(outcomes(first.items)).toEqual(['380671000041 stillOpen']);
		expect(first.items![0].json).toMatchObject({ openForMinutes: 300, lastState: 'NOANSWER' });
		expect((await poller.poll()).items).toBeNull();
		dial('380671000041', 'ANSWER', 40);
		expect(outcomes((await poller.poll()).items)).toEqual(['380671000041 reached']);
		expect((await poller.poll()).items).toBeNull();
	});

	it('Report Still Open After 0: never', async () => {
		const poller = trigger({ stillOpenAfterHours: 0 });
		await poller.poll();
		schedule('380671000042', '9042', 20 * HOUR);
		expect((await poller.poll()).items).toBeNull();
	});

	it('a failed page moves nothing on: the outcome comes once with the next check', async () => {
		const poller = trigger();
		await poller.poll();
		schedule('380671000051', '9051');
		dial('380671000051', 'ANSWER', 30);
		standIn.inject({
			path: '/autodial/action',
			action: 'GET_CALLS_HISTORY',
			reply: { status: 500, body: 'Internal error' },
			times: 10,
		});
		const failed = await poller.poll();
		expect(failed.error).toBeDefined();
		standIn.state.faults.length = 0;
		expect(outcomes((await poller.poll()).items)).toEqual(['380671000051 reached']);
		expect((await poller.poll()).items).toBeNull();
	});

	it('a number scheduled again for a new missed call is a new callback', async () => {
		const poller = trigger();
		await poller.poll();
		schedule('380671000061', '9061');
		dial('380671000061', 'ANSWER', 30);
		expect(outcomes((await poller.poll()).items)).toEqual(['380671000061 reached']);
		schedule('380671000061', '9062'); // refreshDuplicates: the same phone, NEW again
		dial('380671000061', 'ANSWER', 30);
		const { items } = await poller.poll();
		expect(items!.map((i) => i.json.missedCallId)).toEqual(['9062']);
	});

	it('Only Callbacks Scheduled by n8n (default) leaves other numbers out; off, they are reported', async () => {
		const only = trigger();
		const all = trigger({ onlyN8nCallbacks: false });
		await only.poll();
		await all.poll();
		task().numbers.set('380671000071', {
			taskId,
			phone: '380671000071',
			state: 'NEW',
			calledCount: 0,
			realCalledCount: 0,
			params: null,
		});
		dial('380671000071', 'ANSWER', 30);
		expect((await only.poll()).items).toBeNull();
		const { items } = await all.poll();
		expect(items!.map((i) => i.json)).toEqual([
			expect.objectContaining({ outcome: 'reached', phone: '380671000071', missedCallId: null }),
		]);
	});

	it('Outcomes: only the chosen ones are emitted; the others are noted, never emitted later', async () => {
		const poller = trigger({ outcomes: ['reached'] });
		await poller.poll();
		schedule('380671000081', '9081');
		schedule('380671000082', '9082');
		for (let i = 0; i < 3; i++) dial('380671000081', 'BUSY');
		expect((await poller.poll()).items).toBeNull();
		dial('380671000082', 'ANSWER', 30);
		expect(outcomes((await poller.poll()).items)).toEqual(['380671000082 reached']);
	});

	it('500 open callbacks: a bounded number of requests per check', async () => {
		const poller = trigger();
		await poller.poll();
		for (let i = 0; i < 500; i++) schedule(`3806720${String(i).padStart(5, '0')}`, `m${i}`);
		const before = standIn.requests.length;
		expect((await poller.poll()).items).toBeNull();
		// One GET_NUMBERS; the repeat settings were read at activation (once an hour).
		expect(standIn.requests.slice(before).map((r) => r.action)).toEqual(['GET_NUMBERS']);

		// All of them answered at once: one GET_CALLS_HISTORY for the 500 calls.
		for (const phone of task().numbers.keys()) dial(phone, 'ANSWER', 30);
		const start = standIn.requests.length;
		const { items } = await poller.poll();
		expect(items).toHaveLength(500);
		expect(standIn.requests.slice(start).map((r) => r.action)).toEqual([
			'GET_NUMBERS',
			'GET_CALLS_HISTORY',
		]);
		const again = standIn.requests.length;
		expect((await poller.poll()).items).toBeNull();
		expect(standIn.requests.slice(again).map((r) => r.action)).toEqual(['GET_NUMBERS']);
	});

	it('500 clients who called back: one history/get for all their phones', async () => {
		const poller = trigger();
		await poller.poll();
		const phones = Array.from({ length: 500 }, (_, i) => `3806730${String(i).padStart(5, '0')}`);
		phones.forEach((phone, i) => schedule(phone, `c${i}`));
		phones.forEach((phone) => clientCalls(phone));
		const start = standIn.requests.length;
		const { items } = await poller.poll();
		expect(items).toHaveLength(500);
		expect(items!.every((i) => i.json.answeredBy === '1001')).toBe(true);
		expect(standIn.requests.slice(start).map((r) => r.path + (r.action ?? ''))).toEqual([
			'/autodial/actionGET_NUMBERS',
			'/history/get',
		]);
		expect(standIn.calls('/history/get').at(-1)!.body).toMatchObject({
			filter: { exactPhone: expect.arrayContaining(phones), direction: 'IN', answered: true },
		});
	});

	it('the repeat settings decide what "not reached" is: NOANSWER with no repeats closes at the first call', async () => {
		taskId = seedCallbackAutodialer({ ANSWER: { attempts: 1, secondsThreshold: 10 } });
		const poller = trigger();
		await poller.poll();
		schedule('380671000091', '9091');
		dial('380671000091', 'NOANSWER');
		expect(outcomes((await poller.poll()).items)).toEqual(['380671000091 notReached']);
	});

	it('a test run shows the outcomes due without removing or remembering anything', async () => {
		schedule('380671000101', '9101');
		dial('380671000101', 'ANSWER', 30);
		schedule('380671000102', '9102', 60 * HOUR);
		const poller = trigger();
		const { items } = await poller.poll('manual');
		expect(outcomes(items)).toEqual(['380671000101 reached']);
		expect(task().numbers.size).toBe(2);
		expect(autodial('REMOVE_NUMBERS')).toBe(0);
	});

	it('a callback autodialer that is gone fails the check, saying so', async () => {
		const poller = trigger({ callbackAutodialerId: 424242 });
		const { error } = await poller.poll();
		expect(error?.message).toMatch(/callback autodialer 424242 is not in the UniTalk account/);
	});
});
