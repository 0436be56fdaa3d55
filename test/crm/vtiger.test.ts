// Vtiger's Phone Calls API stand-in refuses what its document forbids and keeps the statuses it promises.
import { VTIGER_CALLBACK_PATH, VtigerStandIn } from './vtiger';
import { OFFICE_PHONES, VTIGER_SECRET } from './fixtures';

let vtiger: VtigerStandIn;
beforeEach(async () => {
	vtiger = await new VtigerStandIn({ secret: VTIGER_SECRET, officePhones: OFFICE_PHONES }).start();
});
afterEach(() => vtiger.stop());

async function send(
	params: Record<string, string>,
	{ secret = VTIGER_SECRET as string | null, json = false } = {},
) {
	const headers: Record<string, string> = {
		'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded',
	};
	if (secret !== null) headers['X-VTIGER-SECRET'] = secret;
	const response = await fetch(vtiger.url + VTIGER_CALLBACK_PATH, {
		method: 'POST',
		headers,
		body: json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const initiated = {
	event: 'call_initiated',
	call_id: 'c1',
	from: '380505557182',
	direction: 'inbound',
};

describe('Vtiger stand-in', () => {
	test('an answered call: ringing → in-progress → completed, with its transfer, user and recording', async () => {
		expect((await send(initiated)).status).toBe(200);
		await send({ event: 'call_transfer', call_id: 'c1', transferred_number: '2000' });
		await send({ event: 'call_connected', call_id: 'c1', from: '380505557182', to: '2000' });
		await send({
			event: 'call_hangup',
			call_id: 'c1',
			hangup_reason: 'completed',
			billduration: '9',
			recordingurl: 'https://rec.example/1.mp3',
		});
		expect(vtiger.state().calls).toEqual([
			expect.objectContaining({
				callId: 'c1',
				direction: 'inbound',
				user: 'anna',
				statuses: ['ringing', 'in-progress', 'completed'],
				transfers: ['2000'],
				billDuration: 9,
				recordingUrl: 'https://rec.example/1.mp3',
			}),
		]);
		expect(vtiger.refused()).toEqual([]);
	});

	test.each([
		['no_answer', 'hangup'],
		['busy', 'busy'],
		['completed', 'completed'],
		['chanunavail', 'chanunavail'],
	])("hangup_reason %s sets the call status %s (the document's table)", async (reason, status) => {
		await send(initiated);
		await send({ event: 'call_hangup', call_id: 'c1', hangup_reason: reason });
		expect(vtiger.state().calls[0].statuses).toEqual(['ringing', status]);
	});

	test('a hangup without a reason is completed (the default)', async () => {
		await send(initiated);
		await send({ event: 'call_hangup', call_id: 'c1' });
		expect(vtiger.state().calls[0].status).toBe('completed');
	});

	test('refuses a missing or wrong X-VTIGER-SECRET (401), JSON instead of FORM content (400)', async () => {
		expect((await send(initiated, { secret: null })).status).toBe(401);
		expect((await send(initiated, { secret: 'wrong' })).status).toBe(401);
		const json = await send(initiated, { json: true });
		expect(json.status).toBe(400);
		expect(JSON.stringify(json.body)).toMatch(/FORM/);
		expect(vtiger.state().calls).toEqual([]);
	});

	test.each([
		[{ event: 'call_initiated', call_id: 'c1' }, /from is required/],
		[{ event: 'call_initiated', from: '380505557182' }, /call_id is required/],
		[{ ...initiated, direction: 'in' }, /direction is inbound or outbound/],
		[{ call_id: 'c1', from: '1' }, /event is required/],
		[{ ...initiated, event: 'call_answered' }, /Unknown event "call_answered"/],
	])('refuses %j', async (params, message) => {
		const answer = await send(params as Record<string, string>);
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			success: false,
			error: { code: 400, message: expect.stringMatching(message) },
		});
	});

	test.each([
		[{ event: 'call_connected', call_id: 'c1' }, /to is required/],
		[{ event: 'call_transfer', call_id: 'c1' }, /transferred_number is required/],
		[{ event: 'call_recording', call_id: 'c1' }, /recordingurl is required/],
		[{ event: 'call_recording', call_id: 'c1', recordingurl: 'not a link' }, /must be a URL/],
		[{ event: 'call_hangup', call_id: 'c1', billduration: '9.5s' }, /billduration is seconds/],
		[{ event: 'call_connected', call_id: 'other', to: '2000' }, /send call_initiated first/],
	])('refuses %j for a logged call', async (params, message) => {
		await send(initiated);
		const answer = await send(params as Record<string, string>);
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toMatch(message);
		expect(vtiger.state().calls[0].statuses).toEqual(['ringing']);
	});

	test('one call_initiated per call, and nothing but the recording after the hangup', async () => {
		await send(initiated);
		expect((await send(initiated)).status).toBe(400);
		await send({ event: 'call_hangup', call_id: 'c1', hangup_reason: 'no_answer' });
		expect((await send({ event: 'call_hangup', call_id: 'c1' })).status).toBe(400);
		expect((await send({ event: 'call_connected', call_id: 'c1', to: '2000' })).status).toBe(400);
		expect(
			(await send({ event: 'call_recording', call_id: 'c1', recordingurl: 'https://r.example/1' }))
				.status,
		).toBe(200);
		expect(vtiger.state().calls[0].statuses).toEqual(['ringing', 'hangup']);
	});
});
