import { ERROR_CATALOG, lookupError } from '../../nodes/UniTalk/transport/errorCatalog';
import { DROP } from '../standin/server';
import { credentialsFor, rl, run, seedAutodialer, useStandIn } from '../helpers';

import facts from '../reference/unitalk-facts.json';

describe('error catalogue', () => {
	it('explains every error message the reference documents', () => {
		const documented: Array<{ message: string }> = facts.errors;
		const misparsed = new Set([
			'Method can also be used by passing url parametes instead of body',
			'specified line is offline or busy',
		]);
		const missing = documented
			.map((d) => d.message)
			.filter((m) => !misparsed.has(m) && !lookupError(m));
		expect(documented.length).toBeGreaterThan(150);
		expect(missing).toEqual([]);
	});

	it('matches messages with variable parts', () => {
		expect(lookupError('Operator not found: 1005')?.explanation).toMatch(/operator list/);
		expect(lookupError('User with id 77 not found')?.explanation).toBe(
			ERROR_CATALOG['User with id *xxxx* not found'].explanation,
		);
		expect(lookupError('Handler is busy, try again later')?.kind).toBe('busy');
	});

	it('gives one explanation, the one for the operation that failed', () => {
		expect(lookupError('Task is finished', 'PAUSE')?.explanation).toBe(
			'The autodialer has already finished, so it cannot be paused. Create a new autodialer instead.',
		);
		expect(lookupError('Too many numbers', 'REMOVE_NUMBERS')?.explanation).toMatch(/10,000/);
		expect(lookupError('Too many numbers', 'ADD_NUMBERS')?.explanation).toMatch(/100,000/);
		expect(lookupError('Task not found', 'ADD_NUMBERS')?.explanation).toMatch(
			/^No autodialer with this ID exists/,
		);
	});

	it('explains in plain sentences, not in the glued API names of the reference', () => {
		const texts = Object.values(ERROR_CATALOG).flatMap((e) => [
			e.explanation,
			...Object.values(e.by ?? {}),
		]);
		const apiNames =
			/\b(tts|ssml|numbers|data|callStates|triggerActions?|triggerActionEvent|settingsId|numbersWithData|pseudoGroupOperators|callId|profileId)[a-z]|\bOr: |foud|setings|\w(array|field)\b/;
		expect(texts.filter((t) => apiNames.test(t))).toEqual([]);
		expect(texts.filter((t) => !/^[A-Z].*[.)]$/.test(t))).toEqual([]);
	});
});

describe('UniTalk errors become n8n errors', () => {
	const standIn = useStandIn();

	it('maps an HTTP 200 "status": "Error" answer with the reference explanation', async () => {
		const { error } = await run(standIn, {
			resource: 'autodial',
			operation: 'getNumber',
			autodialerId: rl(999),
			phone: '380971234567',
		});
		expect(error?.message).toBe('UniTalk: No autodialer with this ID ("Task not found")');
		expect(error?.description).toMatch(
			/^No autodialer with this ID exists in your UniTalk project/,
		);
		expect(standIn.requests).toHaveLength(1);
	});

	it('maps a non-2xx answer the same way', async () => {
		standIn.state.seedHistory(10);
		standIn.inject({
			path: '/history/get',
			reply: { status: 400, body: { status: 'Error', message: 'Wrong FROM date' } },
		});
		const { error } = await run(standIn, {
			resource: 'history',
			operation: 'getAll',
			dateFrom: '2024-01-01',
			dateTo: '2024-02-01',
			returnAll: true,
		});
		expect(error?.message).toBe(
			'UniTalk: The start of the period is not valid ("Wrong FROM date")',
		);
		expect(error?.description).toMatch(/start date and time of the period/);
		expect(error?.httpCode).toBe('400');
	});

	it('keeps UniTalk data (invalid numbers) on the error item under Continue On Fail', async () => {
		const id = seedAutodialer(standIn);
		const { items } = await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'addNumbers',
				autodialerId: rl(id),
				phones: '={{ $json.phone }}',
				batching: { sendValidRest: false },
			},
			[{ phone: '380971234567' }, { phone: '999123456789' }],
			{ continueOnFail: true },
		);
		expect(items).toHaveLength(2);
		expect(items[1].json).toMatchObject({
			unitalkMessage: 'Wrong numbers',
			data: ['999123456789'],
		});
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('explains a rejected API key and never shows the key', async () => {
		const result = await run(
			standIn,
			{ resource: 'user', operation: 'getAll', returnAll: true },
			[{}],
			{ credentials: credentialsFor(standIn, { apiKey: 'secret-wrong-key' }) },
		);
		expect(result.error?.message).toBe('UniTalk: Wrong API key');
		expect(result.error?.description).toMatch(/rejected the API key/);
		expect(JSON.stringify(result.run)).not.toContain('secret-wrong-key');
	});
});

describe('the API key stays with UniTalk', () => {
	const standIn = useStandIn();

	it('refuses to download a "recording" from another host, sending nothing', async () => {
		const { error } = await run(standIn, {
			resource: 'call',
			operation: 'getRecording',
			recordingUrl: 'https://evil.example/rec.mp3',
			binaryProperty: 'data',
		});
		expect(error?.message).toMatch(/is another host, neither the credential.s Base URL/);
		expect(standIn.requests).toHaveLength(0);
	});
});

describe('retries', () => {
	const standIn = useStandIn();
	const sms = {
		resource: 'message',
		operation: 'send',
		messageType: 'SMS',
		to: '380971234567',
		text: 'Hi',
	};

	it('never repeats a side effect whose outcome is unknown (server error)', async () => {
		standIn.inject({ path: '/message/send', reply: { status: 502, body: 'Bad gateway' } });
		const { error } = await run(standIn, sms);
		expect(error?.message).toMatch(/UniTalk: /);
		expect(standIn.calls('/message/send')).toHaveLength(1);
		expect(standIn.state.messages.size).toBe(0);
	});

	it('never repeats a side effect when the connection drops', async () => {
		standIn.inject({ path: '/message/send', reply: { status: 200, body: DROP } });
		const { error } = await run(standIn, sms);
		expect(error?.description).toMatch(/not repeated/);
		expect(standIn.calls('/message/send')).toHaveLength(1);
	});

	it('repeats a read after a server error', async () => {
		standIn.inject({
			path: '/users/list',
			reply: { status: 503, body: { status: 'Error', message: 'Service unavailable' } },
		});
		const { items, error } = await run(standIn, {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(standIn.calls('/users/list')).toHaveLength(2);
	});

	it('waits and repeats when UniTalk says it did nothing ("Handler is busy")', async () => {
		const id = seedAutodialer(standIn);
		standIn.inject({
			path: '/autodial/action',
			action: 'ADD_NUMBERS',
			reply: {
				status: 200,
				body: { status: 'Error', message: 'Handler is busy, try again later' },
			},
		});
		const { items, error } = await run(standIn, {
			resource: 'autodial',
			operation: 'addNumbers',
			autodialerId: rl(id),
			phones: '380971234567',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ added: ['380971234567'] });
		expect(standIn.calls('/autodial/action', 'ADD_NUMBERS')).toHaveLength(2);
	});
});

describe('the catalogue decides before keyword rules', () => {
	const standIn = useStandIn();
	const KEYWORDS = /too many requests|blocked|banned|api key|authoriz/i;
	// UniTalk words message-service refusals as "Service response: <cause>" (reference: /message/send
	// and errorText "Service response: invalid authorization data"); the causes are documented too.
	const serviceCauses = String(
		facts.errors.find((e) => e.message === 'Service response')?.explanation ?? '',
	)
		.split('·')
		.slice(1)
		.map((cause) => `Service response: ${cause.trim()}`);
	const documented = [...facts.errors.map((e) => e.message), ...serviceCauses].filter(
		(message) => KEYWORDS.test(message) && lookupError(message),
	);

	it('finds the documented messages that contain a keyword', () => {
		expect(documented).toEqual(
			expect.arrayContaining([
				'Service response: Invalid authorization data',
				'Service response: Sender’s name is blocked by recipient',
				'Service response: Recipient’s number is blocked',
			]),
		);
	});

	it.each(documented)(
		'"%s" gets its own explanation, not "rejected the API key"',
		async (message) => {
			standIn.inject({
				path: '/message/send',
				reply: { status: 200, body: { status: 'Error', message } },
			});
			const { error } = await run(standIn, {
				resource: 'message',
				operation: 'send',
				messageType: 'SMS',
				to: '380971234567',
				text: 'Hi',
			});
			expect(error?.message).toBe(`UniTalk: ${message}`);
			expect(error?.description).toContain(lookupError(message, '/message/send')!.explanation);
			expect(error?.description).not.toMatch(/rejected the API key/);
			expect(error?.context?.unitalk).toMatchObject({ kind: 'documented' });
		},
	);
});
