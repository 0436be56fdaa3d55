// Issue #10's cases, each run through n8n-core's WorkflowExecute against the stand-in's fault modes.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { DROP } from '../standin/server';
import { credentialsFor, rl, run, seedAutodialer, useStandIn } from '../helpers';

const phone = (i: number) => `38097${String(1_000_000 + i).padStart(7, '0')}`;
const sms = {
	resource: 'message',
	operation: 'send',
	messageType: 'SMS',
	to: '={{ $json.phone }}',
	text: 'Hi',
};
const retry = { retryOnFail: { maxTries: 2 } };
const HTML = {
	status: 200,
	body: '<html><body>Maintenance</body></html>',
	contentType: 'text/html',
};

describe('Retry On Fail and re-runs never repeat what UniTalk accepted', () => {
	const standIn = useStandIn();

	it('250 SMS, the 2nd bulk request answers 502 once: 0 duplicates, the rest sent, the unknown part reported', async () => {
		let seen = 0;
		standIn.onRequest = (path) => {
			if (path === '/message/sendBulk' && ++seen === 2)
				standIn.inject({ path, reply: { status: 502, body: 'Bad gateway' } });
		};
		const items = Array.from({ length: 250 }, (_, i) => ({ phone: phone(i) }));
		const { error } = await run(standIn, sms, items, retry);
		standIn.onRequest = undefined;
		const recipients = [...standIn.state.messages.values()].map((m) => m.to);
		expect(recipients).toHaveLength(new Set(recipients).size); // 0 duplicates
		expect(recipients).toHaveLength(150); // items 0–99 and 200–249; 100–199 may have been sent
		expect(error?.message).toMatch(/UniTalk: /);
		expect(error?.description).toMatch(/may have been sent: 100 \(items 100–199\)/);
		expect(error?.description).toMatch(/UniTalk accepted 150 \(items 0–99, 200–249\)/);
		expect(error?.context?.progress).toMatchObject({ unknown: expect.arrayContaining([100, 199]) });
	});

	it('5 informational calls, the 4th refused once: Retry On Fail places each call exactly once', async () => {
		let seen = 0;
		standIn.onRequest = (path) => {
			if (path === '/calls/originateNew' && ++seen === 4) {
				standIn.inject({
					path,
					reply: {
						status: 200,
						body: { status: 'Error', message: 'Limit of Simultaneously calls has reached' },
					},
				});
			}
		};
		const items = Array.from({ length: 5 }, (_, i) => ({ phone: phone(i) }));
		const call = {
			resource: 'call',
			operation: 'informationalCall',
			phone: '={{ $json.phone }}',
			ivrId: 487,
		};
		const { error, items: out } = await run(standIn, call, items, retry);
		standIn.onRequest = undefined;
		expect(error).toBeUndefined();
		expect(out).toHaveLength(5);
		const placed = standIn
			.calls('/calls/originateNew')
			.filter((r) => r.status === 200 && r.reply?.status === 'Success');
		expect(placed.map((r) => r.body.phone).sort()).toEqual(items.map((i) => i.phone).sort());
	});

	it('without Retry On Fail the error says which items went out and which did not', async () => {
		let seen = 0;
		standIn.onRequest = (path) => {
			if (path === '/message/sendBulk' && ++seen === 2)
				standIn.inject({
					path,
					reply: { status: 200, body: { status: 'Error', message: 'Service not paid' } },
				});
		};
		const { error } = await run(
			standIn,
			sms,
			Array.from({ length: 250 }, (_, i) => ({ phone: phone(i) })),
		);
		standIn.onRequest = undefined;
		expect(error?.message).toBe('UniTalk: Your UniTalk tariff is not active ("Service not paid")');
		expect(error?.description).toMatch(
			/Before this error: UniTalk accepted 100 \(items 0–99\); not sent: items 100–249/,
		);
		expect(error?.context?.progress).toMatchObject({
			accepted: expect.arrayContaining([0, 99]),
			unknown: [],
		});
	});
});

describe('Hang Up: by line number never twice, by call ID safely again (#30)', () => {
	const standIn = useStandIn();
	const hangUps = () => standIn.calls('/calls/hangup').length;

	it('by line number, one 502: sent once, "may have been sent", not repeated by Retry On Fail', async () => {
		standIn.inject({ path: '/calls/hangup', reply: { status: 502, body: 'Bad gateway' } });
		const params = { resource: 'call', operation: 'hangUp', by: 'number', number: '2000' };
		const { error } = await run(standIn, params, [{}], retry);
		expect(hangUps()).toBe(1);
		expect(error?.description).toMatch(/may have been sent: 1 \(item 0\)/);
	});

	it('by call ID, one 502: sent again and done (it names one call)', async () => {
		standIn.inject({ path: '/calls/hangup', reply: { status: 502, body: 'Bad gateway' } });
		const params = { resource: 'call', operation: 'hangUp', by: 'id', callId: '1474427802' };
		const { error, items } = await run(standIn, params);
		expect(error).toBeUndefined();
		expect(hangUps()).toBe(2);
		expect(items[0].json.message).toBe('Found: 1');
	});
});

describe('Continue On Fail off: no surprise sends', () => {
	const standIn = useStandIn();

	it('Add Numbers with numbers UniTalk refuses: nothing is re-sent, the error lists them', async () => {
		const id = seedAutodialer(standIn);
		const items = Array.from({ length: 250 }, (_, i) => ({
			phone: [3, 80, 200].includes(i) ? `999${String(i).padStart(9, '0')}` : phone(i),
		}));
		const { error, items: out } = await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'addNumbers',
				autodialerId: rl(id),
				phones: '={{ $json.phone }}',
			},
			items,
		);
		expect(out).toHaveLength(0);
		expect(standIn.calls('/autodial/action', 'ADD_NUMBERS')).toHaveLength(1);
		expect(standIn.state.tasks.get(id)!.numbers.size).toBe(0);
		expect(error?.message).toBe(
			'UniTalk: UniTalk refused some numbers as invalid ("Wrong numbers")',
		);
		expect(error?.description).toMatch(/999000000003/);
		expect(error?.description).toMatch(/UniTalk carried out nothing of this run\./);
	});

	it('Distribution Create with 12,000 numbers: when the 2nd distribution fails, the error says the 1st exists', async () => {
		let seen = 0;
		standIn.onRequest = (path) => {
			if (path === '/messageDistribution/create' && ++seen === 2)
				standIn.inject({
					path,
					reply: { status: 200, body: { status: 'Error', message: 'Insufficient funds' } },
				});
		};
		const numbers = Array.from({ length: 12_000 }, (_, i) => phone(i));
		const create = {
			resource: 'distribution',
			operation: 'create',
			name: 'Sale',
			messageType: 'SMS',
			numbers: '={{ $json.numbers }}',
			text: 'Sale today',
		};
		const { error } = await run(standIn, create, [{ numbers }]);
		standIn.onRequest = undefined;
		expect(standIn.state.distributions.size).toBe(1);
		expect(error?.message).toBe('UniTalk: Your UniTalk balance is too low ("Insufficient funds")');
		expect(error?.description).toMatch(/UniTalk accepted 10000 \(item 0\)/);
	});
});

describe("Answers that are not UniTalk's never count as success", () => {
	const standIn = useStandIn();
	const one = (body: unknown, contentType = 'application/json') =>
		standIn.inject({ path: '/message/send', reply: { status: 200, body, contentType } });

	it.each([
		['an HTML page', () => standIn.inject({ path: '/message/send', reply: HTML })],
		['an empty body', () => one('')],
		['{}', () => one({})],
		['[]', () => one([])],
		['null', () => one('null')],
	])('%s: "may have been sent", never sent: true and never retried', async (_name, inject) => {
		inject();
		const { error, items } = await run(standIn, sms, [{ phone: phone(1) }], retry);
		expect(items).toHaveLength(0);
		expect(error?.description).toMatch(/may have been sent/);
		expect(error?.message).not.toMatch(/TypeError/);
		expect(standIn.calls('/message/send')).toHaveLength(1);
	});

	it('a bulk answer without per-number data marks the numbers "may have been sent"', async () => {
		standIn.inject({
			path: '/message/sendBulk',
			reply: { status: 200, body: { status: 'Success' } },
		});
		const { items } = await run(standIn, sms, [{ phone: phone(1) }, { phone: phone(2) }], {
			continueOnFail: true,
		});
		expect(items.map((i) => i.json.sent)).toEqual([false, false]);
		expect(items[0].json.error).toMatch(/may have been sent/);
	});

	it('a read with an unreadable answer fails clearly', async () => {
		standIn.inject({ path: '/users/list', times: 6, reply: HTML });
		const { error } = await run(standIn, {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error?.message).toMatch(/could not be read \(an HTML page\)/);
	});
});

describe('Redirects: paced, bounded, and the key stays with UniTalk', () => {
	const standIn = useStandIn();

	it('a recording link that redirects to another host is refused: neither the key nor a request goes there', async () => {
		const seen: IncomingHttpHeaders[] = [];
		const other = createServer((req, res) => {
			seen.push(req.headers);
			res.writeHead(200, { 'Content-Type': 'audio/mpeg' });
			res.end(Buffer.from('ID3 elsewhere'));
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		const elsewhere = `http://localhost:${(other.address() as AddressInfo).port}/file.mp3`;
		standIn.inject({
			path: '/tracking/rec/*',
			reply: { status: 302, body: '', headers: { Location: elsewhere } },
		});
		const { items, error } = await run(standIn, {
			resource: 'call',
			operation: 'getRecording',
			recordingUrl: `${standIn.url}/tracking/rec/1/2024-01-01`,
			binaryProperty: 'data',
		});
		other.close();
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			/redirected to .*, which was not fetched: .* is a local or private address/,
		);
		expect(seen).toHaveLength(0);
		expect(standIn.requests[0].authorization).toBe('test-key');
	});

	it('a base URL that moved: every hop is paced, 0 blocks', async () => {
		const credentials = credentialsFor(standIn, { baseUrl: `${standIn.url}/moved` });
		const items = Array.from({ length: 16 }, () => ({}));
		const { items: out } = await run(
			standIn,
			{ resource: 'user', operation: 'getStatuses' },
			items,
			{ credentials },
		);
		expect(out.length).toBeGreaterThan(0);
		expect(standIn.requests.filter((r) => r.path.startsWith('/moved/'))).toHaveLength(16);
		expect(standIn.stats()).toMatchObject({ blocks: 0, banned: false });
	}, 30_000);

	it('a redirect loop stops after 3 redirects with a clear error', async () => {
		const credentials = credentialsFor(standIn, { baseUrl: `${standIn.url}/loop` });
		const { error } = await run(standIn, { resource: 'user', operation: 'getStatuses' }, [{}], {
			credentials,
		});
		expect(error?.message).toMatch(/redirect 307 .*more than 3 redirects/);
		expect(standIn.requests).toHaveLength(4);
	});
});

describe('Strict parameters: refused before anything is sent, naming field and item', () => {
	const standIn = useStandIn();
	const refuses = async (parameters: IDataObject, pattern: RegExp, items: IDataObject[] = [{}]) => {
		const { error } = await run(standIn, parameters, items);
		expect(error?.message).toMatch(pattern);
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn.requests).toHaveLength(0);
	};

	it.each([
		[
			'an object as SMS text',
			{ ...sms, to: phone(1), text: '={{ { a: 1 } }}' },
			/"Text" must be text, but the expression gave an object/,
		],
		[
			'a list as SMS text',
			{ ...sms, to: phone(1), text: '={{ ["a", "b"] }}' },
			/"Text" must be text, but the expression gave a list/,
		],
		[
			'a 1 MB SMS',
			{ ...sms, to: phone(1), text: 'x'.repeat(1_000_000) },
			/"Text" is 1000000 characters long; UniTalk allows at most 1600/,
		],
		[
			'an empty Send Bulk key',
			{
				resource: 'message',
				operation: 'sendBulk',
				messageType: 'SMS',
				mode: 'messages',
				messages: '{"": "Hi"}',
			},
			/"" in "Messages \(key\)" is not a phone number/,
		],
		[
			'a "0" Send Bulk key',
			{
				resource: 'message',
				operation: 'sendBulk',
				messageType: 'SMS',
				mode: 'messages',
				messages: '{"0": "Hi"}',
			},
			/"0" in "Messages \(key\)"/,
		],
		[
			'a 3-digit Send Bulk key',
			{
				resource: 'message',
				operation: 'sendBulk',
				messageType: 'SMS',
				mode: 'messages',
				messages: '{"112": "Hi"}',
			},
			/"112" in "Messages \(key\)"/,
		],
	])('%s', async (_name, parameters, pattern) => refuses(parameters, pattern));

	it.each([
		['an extension', 'tel 380971234567 ext 12'],
		['letters inside', '38097abc1234567'],
		['a negative number', '-380971234567'],
	])('a phone with %s is refused, not stripped', async (_name, value) => {
		await refuses({ ...sms, to: value }, /is not a phone number in international format/, [
			{ phone: value },
		]);
	});

	it('an object in Add Numbers says so', async () => {
		const id = seedAutodialer(standIn);
		await refuses(
			{
				resource: 'autodial',
				operation: 'addNumbers',
				autodialerId: rl(id),
				phones: '={{ $json }}',
			},
			/"Phone Numbers" must be text or a list, but the expression gave an object/,
			[{ phone: phone(1) }],
		);
	});

	it.each([0, -5, 'abc', 2.5])('Limit %p is refused', async (limit) => {
		await refuses(
			{ resource: 'distribution', operation: 'getAll', returnAll: false, limit },
			/"Limit" must be a whole number of at least 1/,
		);
	});

	it.each(['2024-13-45', '2024-02-30', '2024-01-01 25:61:99', '0000-01-01'])(
		'date %s is refused',
		async (date) => {
			await refuses(
				{
					resource: 'history',
					operation: 'getAll',
					dateFrom: date,
					dateTo: '2024-03-01',
					returnAll: true,
				},
				/"From" is not a real date and time/,
			);
		},
	);

	it.each(['0x10', '1e3', '12345678901234567890'])('ID %s is refused', async (id) => {
		await refuses(
			{ resource: 'message', operation: 'getStatus', messageId: id },
			/"Message IDs" needs a numeric UniTalk ID \(digits only/,
		);
	});
});

describe('Network errors are read for what they are', () => {
	const standIn = useStandIn();

	it('a reset after UniTalk received the SMS: "may have been sent", not repeated', async () => {
		standIn.inject({ path: '/message/send', reply: { status: 200, body: DROP } });
		const { error } = await run(standIn, { ...sms, to: phone(1) }, [{}], retry);
		expect(error?.message).toMatch(/connection to UniTalk broke/);
		expect(error?.description).toMatch(/may have been sent/);
		expect(standIn.calls('/message/send')).toHaveLength(1);
	});

	it('a real HTTP code, never "Error"', async () => {
		standIn.inject({
			path: '/message/send',
			reply: { status: 200, body: { status: 'Error', message: 'Wrong phone' } },
		});
		const { error } = await run(standIn, { ...sms, to: phone(1) });
		expect(error?.httpCode ?? null).toBeNull();
		standIn.inject({
			path: '/message/send',
			reply: { status: 400, body: { status: 'Error', message: 'Wrong phone' } },
		});
		expect((await run(standIn, { ...sms, to: phone(1) })).error?.httpCode).toBe('400');
	});
});

describe('The key never shows', () => {
	const standIn = useStandIn();

	it('a server message that echoes the key is scrubbed', async () => {
		standIn.inject({
			path: '/message/send',
			reply: {
				status: 200,
				body: {
					status: 'Error',
					message: 'Key test-key is not allowed for SMS',
					data: { key: 'test-key' },
				},
			},
		});
		const { error, run: execution } = await run(standIn, { ...sms, to: phone(1) });
		expect(error?.message).toBe('UniTalk: Key [API key] is not allowed for SMS');
		expect(JSON.stringify(execution.data.resultData)).not.toContain('test-key');
	});
});

describe("Times in the account's zone", () => {
	const standIn = useStandIn();

	it("History From/To go out in the credential's zone, whatever the workflow zone", async () => {
		standIn.state.seedHistory(3);
		const history = {
			resource: 'history',
			operation: 'getAll',
			dateFrom: '2024-03-01T10:00:00+00:00',
			dateTo: '2024-03-01T12:00:00Z',
			returnAll: true,
		};
		await run(standIn, history, [{}], { timezone: 'America/New_York' });
		expect(standIn.calls('/history/get')[0].body).toMatchObject({
			dateFrom: '2024-03-01 12:00:00',
			dateTo: '2024-03-01 14:00:00',
		});
	});
});
