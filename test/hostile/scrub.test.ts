// #19 5: the key, and any fragment of it of 8+ characters, is hidden before any text is shortened.
import fc from 'fast-check';

import { scrubberFor } from '../../nodes/UniTalk/transport/scrub';
import { credentialsFor, run, useStandIn } from '../helpers';

const KEY = 'Kx8f3Lq9Zr2Vt7Wm4Np6Yb1Hc5Gd0Js3Ae8Uo2Ii'; // 40 characters, as UniTalk's keys

/** The longest run of the key's characters found in `text`. */
function longestFragment(text: string, key: string): number {
	let longest = 0;
	for (let i = 0; i < key.length; i++)
		for (let j = i + longest + 1; j <= key.length && text.includes(key.slice(i, j)); j++)
			longest = j - i;
	return longest;
}

describe('the key in server text', () => {
	const standIn = useStandIn({ apiKeys: [KEY] });
	const users = { resource: 'user', operation: 'getAll', returnAll: true };
	const sms = {
		resource: 'message',
		operation: 'send',
		messageType: 'SMS',
		to: '380971234567',
		text: 'Hi',
	};

	it.each([
		[
			'a 200 plain-text answer to a read',
			'/users/list',
			users,
			{ status: 200, body: `echo ${KEY} end`, contentType: 'text/plain' },
		],
		[
			'a 401 text',
			'/users/list',
			users,
			{ status: 401, body: `Unauthorized key ${KEY}`, contentType: 'text/plain' },
		],
		[
			'a send answered with text',
			'/message/send',
			sms,
			{ status: 200, body: `queued ${KEY}`, contentType: 'text/plain' },
		],
		[
			'JSON without "status"',
			'/message/send',
			sms,
			{ status: 200, body: { youSent: KEY, padding: 'x' } },
		],
		[
			'a documented error quoting the key',
			'/message/send',
			sms,
			{
				status: 200,
				body: { status: 'Error', message: `Service response: bad key ${KEY.slice(5, 30)}` },
			},
		],
	])('%s shows no 8 characters of the key anywhere', async (_name, path, parameters, reply) => {
		standIn.inject({ path, reply, times: 6 });
		const result = await run(standIn, parameters, [{}], {
			credentials: credentialsFor(standIn, { apiKey: KEY }),
		});
		const shown = JSON.stringify({
			error: result.error,
			items: result.items,
			run: result.run.data,
		});
		expect(result.error).toBeDefined();
		expect(shown).not.toContain(KEY.slice(0, 8));
		expect(longestFragment(shown, KEY)).toBeLessThan(8);
		expect(shown).toContain('[API key]');
	});

	it('any fragment of 8+ characters is hidden, whatever surrounds it (property)', () => {
		const keyChars = fc.constantFrom(
			...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
		);
		fc.assert(
			fc.property(
				fc.string({ unit: keyChars, minLength: 8, maxLength: 64 }),
				fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.nat(), fc.nat()), { maxLength: 5 }),
				(key, pieces) => {
					const text = pieces
						.map(([noise, a, b]) => {
							const start = a % key.length;
							return noise + key.slice(start, start + 8 + (b % key.length));
						})
						.join('');
					const scrubbed = scrubberFor(key)(text);
					expect(longestFragment(scrubbed.split('[API key]').join('\u0000'), key)).toBeLessThan(8);
				},
			),
			{ numRuns: 500 },
		);
	});
});

describe('the key in a successful JSON answer: only the whole key is hidden (#30)', () => {
	// A 32-digit key, whose digits 2–9 also occur in a customer's number.
	const DIGIT_KEY = '49177556140358827716640951237704';
	const NUMBER = '380917755616';
	const standIn = useStandIn({ apiKeys: [DIGIT_KEY] });
	const users = { resource: 'user', operation: 'getAll', returnAll: true };
	const credentials = () => credentialsFor(standIn, { apiKey: DIGIT_KEY });

	it('a phone number sharing 8 digits with the key is shown whole; the whole key is hidden', async () => {
		const body = [{ id: 1, firstName: 'Ann', phone: NUMBER, note: `echo ${DIGIT_KEY}` }];
		standIn.inject({ path: '/users/list', reply: { status: 200, body } });
		const { error, items } = await run(standIn, users, [{}], { credentials: credentials() });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ phone: NUMBER, note: 'echo [API key]' });
	});

	it('an error quoting 8 digits of the key still hides them', async () => {
		const message = `Wrong key ${DIGIT_KEY.slice(1, 9)}`;
		standIn.inject({
			path: '/users/list',
			reply: { status: 200, body: { status: 'Error', message } },
			times: 6,
		});
		const result = await run(standIn, users, [{}], { credentials: credentials() });
		const shown = JSON.stringify({ error: result.error, items: result.items });
		expect(result.error).toBeDefined();
		expect(shown).not.toContain(DIGIT_KEY.slice(1, 9));
		expect(shown).toContain('[API key]');
	});
});
