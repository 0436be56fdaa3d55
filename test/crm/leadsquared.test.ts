// LeadSquared's Universal Telephony Connector stand-in refuses what its document forbids.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { LeadSquaredStandIn, leadSquaredPaths } from './leadsquared';
import { LEADS, LEADSQUARED_KEY } from './fixtures';

let ls: LeadSquaredStandIn;
const paths = leadSquaredPaths(LEADSQUARED_KEY);
beforeEach(async () => {
	ls = await new LeadSquaredStandIn({ connectorKey: LEADSQUARED_KEY, leads: LEADS }).start();
});
afterEach(() => ls.stop());

async function post(path: string, body: unknown, contentType = 'application/json') {
	const response = await fetch(ls.url + path, {
		method: 'POST',
		headers: { 'Content-Type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An inbound answered call from lead-7 to line 2000, as the example's "Call Log fields" send it. */
export const goodLog = {
	SourceNumber: '380505557182',
	DestinationNumber: '2000',
	DisplayNumber: '380442949168',
	StartTime: '2018-07-09 16:58:52',
	EndTime: '2018-07-09 16:59:11',
	CallDuration: 19,
	Status: 'Answered',
	Direction: 'Inbound',
	ResourceURL: 'https://api.unitalk.cloud:8443/tracking/rec/1531144732.920/2018-07-09',
	CallSessionId: '1091944',
	CallNotes: null,
};

describe('LeadSquared stand-in: Call Log API', () => {
	test('logs an inbound call under the lead whose number is the SourceNumber', async () => {
		expect((await post(paths.callLog, goodLog)).body).toEqual({
			Status: 'Success',
			Message: { Id: 'log-1' },
		});
		expect(ls.callLogs).toEqual([
			expect.objectContaining({
				leadId: 'lead-7',
				status: 'Answered',
				callDuration: 19,
				callSessionId: '1091944',
			}),
		]);
	});

	test('an outbound call is filed under the DestinationNumber (the numbers swap by direction)', async () => {
		await post(paths.callLog, {
			...goodLog,
			Direction: 'Outbound',
			SourceNumber: '2001',
			DestinationNumber: '380671112233',
		});
		expect(ls.callLogs[0].leadId).toBe('lead-9');
	});

	test.each([
		[{ Status: 'answered' }, /Status must be Answered, Missed or Voicemail, not "answered"/],
		[{ Status: 'NOANSWER' }, /Status must be/],
		[{ Direction: 'in' }, /Direction must be Inbound or Outbound/],
		[{ StartTime: '2018-07-09T16:58:52+03:00' }, /StartTime must be yyyy-MM-dd HH:mm:ss/],
		[{ EndTime: '2018-02-30 10:00:00' }, /EndTime must be yyyy-MM-dd HH:mm:ss/],
		[{ EndTime: '2018-07-09 16:58:51' }, /EndTime is before StartTime/],
		[{ CallDuration: '19s' }, /CallDuration is a duration in seconds/],
		[{ ResourceURL: 'rec.mp3' }, /ResourceURL must be a URL/],
		[{ DisplayNumber: '' }, /DisplayNumber is mandatory/],
		[{ Status: undefined }, /Status is mandatory/],
	])('refuses %j with 400 and logs nothing', async (change, message) => {
		const answer = await post(paths.callLog, { ...goodLog, ...change });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			Status: 'Error',
			ExceptionType: 'MXInvalidInputException',
			ExceptionMessage: expect.stringMatching(message),
		});
		expect(ls.callLogs).toEqual([]);
	});

	test('refuses form content (the document: JSON) and a wrong connector key in the URL', async () => {
		expect(
			(
				await post(
					paths.callLog,
					new URLSearchParams({ Status: 'Answered' }).toString(),
					'application/x-www-form-urlencoded',
				)
			).status,
		).toBe(400);
		expect((await post(leadSquaredPaths('guessed').callLog, goodLog)).status).toBe(401);
		expect(ls.callLogs).toEqual([]);
	});
});

describe('LeadSquared stand-in: Agent Popup and Call Route APIs', () => {
	test('a popup for an inbound call reaches the agent, with the lead found by number', async () => {
		const popup = {
			SourceNumber: '380505557182',
			DestinationNumber: '2000',
			DisplayNumber: '380442949168',
			Direction: 'Inbound',
			CallSessionId: 'c1',
		};
		expect((await post(paths.agentPopup, popup)).status).toBe(200);
		expect((await post(paths.agentPopup, { ...popup, Direction: 'Outbound' })).status).toBe(400);
		expect((await post(paths.agentPopup, { ...popup, DestinationNumber: '' })).status).toBe(400);
		expect(ls.popups).toEqual([{ agentNumber: '2000', leadId: 'lead-7', callSessionId: 'c1' }]);
	});

	test('Call Route: HTTP GET with the caller answers the lead owner, or null for no lead', async () => {
		const get = async (query: string, method = 'GET') => {
			const response = await fetch(`${ls.url}${paths.callRoute}${query}`, { method });
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		};
		expect((await get('?SourceNumber=380505557182')).body).toMatchObject({
			AgentNumber: '2048',
			LeadName: 'Ivan Petrenko',
		});
		expect((await get('?SourceNumber=380500000000')).body).toMatchObject({ AgentNumber: null });
		expect((await get('')).status).toBe(400);
		expect((await get('?SourceNumber=380505557182', 'POST')).status).toBe(405);
	});

	test("Click 2 Call: LeadSquared fills the provider URL's @placeholders and wants the response keyword", async () => {
		const seen: string[] = [];
		const provider = createServer((req, res) => {
			seen.push(req.url ?? '');
			res.end(req.url?.includes('key=right') ? 'Success' : 'Forbidden');
		});
		await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/call`;
		const click = async (key: string) =>
			(
				await post('/__click', {
					url: `${base}?agent=@agentNumber&lead=@PhoneNumberWithCountryCode&key=${key}`,
					values: { agentNumber: '2048', PhoneNumberWithCountryCode: '+380505557182' },
				})
			).body;
		expect(await click('right')).toMatchObject({ ok: true, answer: 'Success' });
		expect(await click('wrong')).toMatchObject({ ok: false });
		expect(seen[0]).toBe('/call?agent=2048&lead=%2B380505557182&key=right');
		provider.close();
	});
});
