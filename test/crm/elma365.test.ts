// ELMA365's telephony-event stand-in refuses what its document forbids and matches events by callId.
import { Elma365StandIn, ELMA_WEBHOOK_PATH } from './elma365';
import { ELMA_TOKEN } from './fixtures';

let elma: Elma365StandIn;
beforeEach(async () => {
	elma = await new Elma365StandIn({ token: ELMA_TOKEN }).start();
});
afterEach(() => elma.stop());

async function post(body: unknown, token: string | null = ELMA_TOKEN) {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	const response = await fetch(elma.url + ELMA_WEBHOOK_PATH, {
		method: 'POST',
		headers,
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const start = {
	event: 'NotifyStart',
	direction: 'In',
	disposition: 'Unknown',
	srcPhone: '380505557182',
	dstPhone: '380442949168',
	callId: 'c1',
};

describe('ELMA365 stand-in', () => {
	test('one call from its events: start, answer by extension 2000, end answered', async () => {
		await post(start);
		await post({ ...start, event: 'NotifyAnswer', srcPhoneExt: '2000' });
		await post({ ...start, event: 'NotifyEnd', disposition: 'Answered', srcPhoneExt: '2000' });
		expect(elma.state().calls).toEqual([
			{
				key: 'c1',
				direction: 'In',
				srcPhone: '380505557182',
				dstPhone: '380442949168',
				extensions: ['2000'],
				events: ['NotifyStart', 'NotifyAnswer', 'NotifyEnd'],
				disposition: 'Answered',
			},
		]);
	});

	test.each([
		[{ event: 'CALL_NEW' }, /event must be one of/],
		[{ direction: 'in' }, /direction must be one of/],
		[{ disposition: 'ANSWER' }, /disposition must be one of/],
		[{ srcPhone: '' }, /srcPhone .* is required/],
		[{ dstPhone: undefined }, /dstPhone .* is required/],
		[{ dstPhoneExt: '2000' }, /dstPhoneExt is for outgoing calls only/],
		[{ direction: 'Out', srcPhoneExt: '2000' }, /srcPhoneExt is for incoming calls only/],
	])('refuses %j', async (change, message) => {
		const answer = await post({ ...start, ...change });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatch(message);
		expect(elma.state().calls).toEqual([]);
	});

	test('refuses a wrong token (401); without callId, events match by numbers and direction', async () => {
		expect((await post(start, 'wrong')).status).toBe(401);
		expect((await post(start, null)).status).toBe(401);
		const { callId: _, ...noId } = start;
		await post(noId);
		await post({ ...noId, event: 'NotifyEnd', disposition: 'NoAnswer' });
		expect(elma.state().calls).toHaveLength(1);
		expect(elma.state().calls[0].events).toEqual(['NotifyStart', 'NotifyEnd']);
	});
});
