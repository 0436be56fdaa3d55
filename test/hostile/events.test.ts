// #39 6: with Events selected, only a body naming a known call event can start the workflow, and
// every body docs/uniTalk-trigger.md promises a 400 gets one (the hostile bodies, then fast-check over
// body shapes, through n8n-core's webhook context over HTTP).
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { CALL_EVENTS, CALL_FIELDS } from '../../nodes/UniTalk/trigger/parse';
import { postWebhook as post, triggerItem, useStandIn, useTriggers } from '../helpers';
import { standard } from '../trigger/fixtures/bodies';

// The facts (event names, the fields read) are the trigger's; what a body gets is worked out here.
const KNOWN = CALL_EVENTS;
/** The call fields the item is built from: each must be text or a number when present. */
const READ = CALL_FIELDS;
const HOSTILE_KEYS = ['toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'kind'];

const nested = (depth: number, inner: unknown = '2000') => {
	let value = inner;
	for (let i = 0; i < depth; i++) value = [value];
	return value;
};
const nestedText = (depth: number) => `${'['.repeat(depth)}"2000"${']'.repeat(depth)}`;
const endCall = (over: IDataObject = {}) => ({ ...standard('CALL_END', over).call });

/** The bodies and their kin: none names a known call event in a readable call. */
const REFUSED: Array<[string, unknown, RegExp]> = [
	['"event" an object', { event: { name: 'CALL_END' }, call: endCall() }, /"event" is an object/],
	['"event" {"toString": 1}', { event: { toString: 1 }, call: endCall() }, /"event" is an object/],
	['"event" a list', { event: ['CALL_END'], call: endCall() }, /"event" is a list/],
	['"event" missing', { call: endCall() }, /no "event".*"event": "CALL_END"/],
	['"event" null', { event: null, call: endCall() }, /"event" is null/],
	['"event" blank', { event: '   ', call: endCall() }, /"event" is empty/],
	['"event" a number', { event: 16, call: endCall() }, /"event" is a number/],
	['"event" unknown', { event: 'CALL_TRANSFER', call: endCall() }, /"CALL_TRANSFER" is not/],
	['"event" ROUTE', { event: 'ROUTE', call: endCall() }, /"ROUTE" is not/],
	[
		'"event" a placeholder left unfilled',
		{ event: '{{EVENT}}', call: endCall() },
		/"\{\{EVENT\}\}" is not a call event/,
	],
	['"call" missing', { event: 'CALL_END' }, /no "call"/],
	['"call" a number', { event: 'CALL_END', call: 5 }, /"call" is a number/],
	['"call" a list', { event: 'CALL_END', call: [endCall()] }, /"call" is a list/],
	[
		'"from" {"toString": "x"}',
		{ event: 'CALL_END', call: endCall({ from: { toString: 'x' } }) },
		/"call.from" is an object/,
	],
	[
		'"state" a list',
		{ event: 'CALL_END', call: endCall({ state: ['ANSWER'] }) },
		/"call.state" is a list/,
	],
	[
		'"secondsTalk" {"valueOf": 1}',
		{ event: 'CALL_END', call: endCall({ secondsTalk: { valueOf: 1 } }) },
		/"call.secondsTalk" is an object/,
	],
	['"id" true', { event: 'CALL_END', call: endCall({ id: true }) }, /"call.id" is true/],
	[
		'"to" a list of lists',
		{ event: 'CALL_END', call: endCall({ to: [['2000']] }) },
		/"call.to" holds a list/,
	],
	[
		'"to" nested 10,000 lists deep',
		`{"event":"CALL_END","call":{"id":3,"to":${nestedText(10_000)}}}`,
		/"call.to" holds a list/,
	],
	[
		'an unread field nested 10,000 lists deep',
		`{"event":"CALL_END","call":{"id":4,"extra":${nestedText(10_000)}}}`,
		/nested deeper than/,
	],
];

describe('Events selected: only a known call event starts the workflow', () => {
	const standIn = useStandIn();
	const serve = useTriggers(standIn);
	const endOnly = {
		mode: 'events',
		verification: 'apiKey',
		events: ['CALL_END'],
		options: { ignoreRepeats: false, includeRaw: true },
	};

	it.each(REFUSED)('%s: 400 with the reason, no execution', async (_name, body, reason) => {
		const h = await serve({ trigger: endOnly });
		const answer = await post(h.url, body);
		await h.settled();
		expect(answer.status).toBe(400);
		expect(answer.data).toEqual({ status: 'Error', message: expect.stringMatching(reason) });
		expect(h.executions).toHaveLength(0);
	});

	it.each(REFUSED)('%s at the Test URL: 400 as well, nothing shown', async (_n, body, reason) => {
		const h = await serve({ trigger: endOnly, mode: 'manual' });
		const answer = await post(h.url, body);
		await h.settled();
		expect([answer.status, answer.data.message]).toEqual([400, expect.stringMatching(reason)]);
		expect(h.executions).toHaveLength(0);
	});

	it('the default selection (all four) refuses them too', async () => {
		const h = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		const answers = [];
		for (const [, body] of REFUSED) answers.push((await post(h.url, body)).status);
		await h.settled();
		expect(answers).toEqual(REFUSED.map(() => 400));
		expect(h.executions).toHaveLength(0);
	});

	it('"event" is read trimmed and in any case; values may be text, numbers, null or "" ', async () => {
		const h = await serve({ trigger: endOnly });
		const body = { event: ' call_end\n', call: endCall({ id: '77', to: '2000', cause: '' }) };
		expect((await post(h.url, body)).data).toEqual({ status: 'Success', message: 'Received' });
		await h.settled();
		expect(triggerItem(h).json).toMatchObject({ event: 'CALL_END', callId: '77', endCause: null });
	});

	it('a known event left out of the selection: 200, nothing at the Production URL, Ignored at the Test URL', async () => {
		const production = await serve({ trigger: endOnly });
		expect((await post(production.url, standard('CALL_NEW'))).data.message).toBe(
			'Ignored: CALL_NEW is not selected',
		);
		await production.settled();
		expect(production.executions).toHaveLength(0);
		const test = await serve({ trigger: endOnly, mode: 'manual' });
		await post(test.url, standard('CALL_NEW'));
		await test.settled();
		const run = test.executions[0].data.resultData.runData.Trigger[0].data!.main;
		expect(run[0]).toEqual([]);
		expect(run[1]![0].json).toMatchObject({ ignored: 'Ignored: CALL_NEW is not selected' });
	});

	it("the e2e suite's refused bodies (test/e2e/bodies.json) get the status and reason it expects", async () => {
		const { notCallEvents } = require('../e2e/bodies.json') as {
			notCallEvents: Array<{
				name: string;
				body: unknown;
				status: number;
				reason: string;
				nestDepth?: number;
			}>;
		};
		const h = await serve({ trigger: endOnly });
		for (const refused of notCallEvents) {
			const depth = refused.nestDepth ?? 0;
			const text = JSON.stringify(refused.body).replace(
				'"NESTED"',
				`${'['.repeat(depth)}"2000"${']'.repeat(depth)}`,
			);
			const answer = await post(h.url, text);
			expect([refused.name, answer.status, answer.data.message]).toEqual([
				refused.name,
				refused.status,
				expect.stringContaining(refused.reason),
			]);
		}
		await h.settled();
		expect(notCallEvents.length).toBeGreaterThanOrEqual(8);
		expect(h.executions).toHaveLength(0);
	});

	it('a body nested 10,000 lists deep is answered within 100 ms of n8n handing it over', async () => {
		const h = await serve({ trigger: endOnly });
		const text = `{"event":"CALL_END","call":{"id":5,"to":${nestedText(10_000)}}}`;
		await post(h.url, text); // warm-up
		const started = performance.now();
		const answer = await post(h.url, text);
		const took = performance.now() - started;
		expect(answer.status).toBe(400);
		// The round trip includes the harness's own JSON.parse, as n8n's body parser would do it.
		expect(took).toBeLessThan(100);
	});
});

// ---------------------------------------------------------------------------------------------
// Property: any body, any shape. The expected answer is computed here from docs/uniTalk-trigger.md's rules,
// independently of the trigger's code.

const hostileObject = fc.dictionary(
	fc.constantFrom(...HOSTILE_KEYS),
	fc.jsonValue({ maxDepth: 1 }),
	{ minKeys: 1, maxKeys: 3 },
);
const deep = fc.integer({ min: 2, max: 3000 }).map((depth) => nested(depth));
const scalar = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
	fc.constantFrom('', ' ', 'null', '{{CALLED_FROM}}', '380505557182', '2000', '0x10', '-5'),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.constant(null),
);
const hugeText = fc.integer({ min: 10_000, max: 200_000 }).map((n) => '9'.repeat(n));
const fieldValue = fc.oneof(
	{ weight: 6, arbitrary: scalar },
	{ weight: 1, arbitrary: hugeText },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: hostileObject },
	{ weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
	{ weight: 1, arbitrary: fc.array(fc.oneof(scalar, hostileObject, deep), { maxLength: 3 }) },
	{ weight: 1, arbitrary: deep },
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const eventValue = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...KNOWN) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(fc.constantFrom(...KNOWN), fc.constantFrom('', ' ', '\n', '\t '), fc.boolean())
			.map(([name, pad, lower]) => `${pad}${lower ? name.toLowerCase() : name}${pad}`),
	},
	{ weight: 1, arbitrary: fc.constantFrom('', '   ', 'ROUTE', 'CALL_', 'CALL_TRANSFER', 'null') },
	{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
	{ weight: 1, arbitrary: hostileObject },
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
/** A call UniTalk could send (read fields text, numbers or null), plus keys that shadow Object's. */
const readableCall = fc
	.tuple(
		fc.dictionary(fc.constantFrom(...READ), fc.oneof(scalar, hugeText), { maxKeys: 12 }),
		fc.option(fc.array(scalar, { maxLength: 4 }), { nil: undefined }),
		fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
	)
	.map(([fields, to, hostile]) => ({ ...hostile, ...fields, ...(to ? { to } : {}) }));
const callValue = fc.oneof(
	{ weight: 6, arbitrary: readableCall },
	{
		weight: 6,
		arbitrary: fc.dictionary(
			fc.constantFrom(...READ, ...HOSTILE_KEYS, 'callback', 'extra'),
			fieldValue,
			{
				maxKeys: 10,
			},
		),
	},
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
	{ weight: 1, arbitrary: hostileObject },
);
const callBody = fc.record(
	{
		event: eventValue,
		call: callValue,
		toString: fc.jsonValue({ maxDepth: 1 }),
		constructor: fc.jsonValue({ maxDepth: 1 }),
		kind: fc.jsonValue({ maxDepth: 1 }),
		extra: fc.oneof(deep, fc.jsonValue({ maxDepth: 2 })),
	},
	{ requiredKeys: ['event', 'call'] },
);
/** Bodies as posted: JSON text (the record may also lose its keys), or any JSON at all. */
const bodies = fc.oneof(
	{ weight: 4, arbitrary: callBody.map((b) => JSON.stringify(b)) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(callBody, fc.subarray(['event', 'call']))
			.map(([b, drop]) =>
				JSON.stringify(Object.fromEntries(Object.entries(b).filter(([k]) => !drop.includes(k)))),
			),
	},
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((b) => JSON.stringify(b)) },
);

const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';
const depthOf = (v: unknown): number =>
	v !== null && typeof v === 'object'
		? 1 + Math.max(0, ...Object.values(v as object).map(depthOf))
		: 0;
const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** What docs/uniTalk-trigger.md promises for `text`: the event it is (and so 200), or undefined (400). */
function expectedEvent(text: string): string | undefined {
	const body = JSON.parse(text) as unknown;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as IDataObject;
	if (!own(b, 'event') || typeof b.event !== 'string') return undefined;
	const event = b.event.trim().toUpperCase();
	if (!KNOWN.includes(event)) return undefined;
	const call = own(b, 'call') ? b.call : undefined;
	if (call === null || typeof call !== 'object' || Array.isArray(call)) return undefined;
	for (const field of READ) {
		if (!own(call, field)) continue;
		const value = (call as IDataObject)[field];
		const fine =
			isScalar(value) || (field === 'to' && Array.isArray(value) && value.every(isScalar));
		if (!fine) return undefined;
	}
	// Deeper than any UniTalk body (3 levels) by far; the exact limit is the trigger's own.
	if (depthOf(body) > 32) return undefined;
	return event;
}

/** Bodies per set-up; docs/uniTalk-trigger.md → Sender verification quotes the total (3 × 500). */
export const RUNS = 500;

const TEXT_FIELDS = [
	'callId',
	'customerNumber',
	'outerNumber',
	'status',
	'answeredBy',
	'recordingUrl',
];

describe('property: 200 only for a known, readable call event; otherwise 400 and nothing starts', () => {
	const standIn = useStandIn();
	const serve = useTriggers(standIn);
	const setups: Array<[string, IDataObject, 'manual' | 'webhook', string[]]> = [
		['Events = CALL_END, Production URL', { events: ['CALL_END'] }, 'webhook', ['CALL_END']],
		['Events = all four (default), Production URL', {}, 'webhook', KNOWN],
		[
			'Events = CALL_NEW, CALL_ANSWER, Test URL',
			{ events: ['CALL_NEW', 'CALL_ANSWER'] },
			'manual',
			['CALL_NEW', 'CALL_ANSWER'],
		],
	];

	it.each(setups)(
		'%s',
		async (_name, events, mode, selected) => {
			const h = await serve({
				trigger: {
					mode: 'events',
					verification: 'apiKey',
					options: { ignoreRepeats: false },
					...events,
				},
				mode,
			});
			const seen = new Set<string>();
			await fc.assert(
				fc.asyncProperty(bodies, async (text) => {
					const before = h.executions.length;
					const answer = await post(h.url, text);
					await h.settled();
					const started = h.executions.slice(before);
					const event = expectedEvent(text);
					if (event === undefined) {
						seen.add('400');
						expect(answer.status).toBe(400);
						expect(answer.data).toEqual({ status: 'Error', message: expect.any(String) });
						expect(answer.data.message.length).toBeGreaterThan(10);
						expect(started).toHaveLength(0);
						return;
					}
					expect(answer.status).toBe(200);
					if (!selected.includes(event)) {
						seen.add('ignored');
						expect(answer.data.message).toBe(`Ignored: ${event} is not selected`);
						// Production: nothing starts; Test URL: one item on the Ignored output only.
						if (mode === 'webhook') expect(started).toHaveLength(0);
						else {
							const main = started[0].data.resultData.runData.Trigger[0].data!.main;
							expect([main[0], main[1]!.length]).toEqual([[], 1]);
						}
						return;
					}
					seen.add('started');
					expect(answer.data).toEqual({ status: 'Success', message: 'Received' });
					expect(started).toHaveLength(1);
					expect(started[0].data.resultData.error).toBeUndefined();
					const items = started[0].data.resultData.runData.Trigger[0].data!.main[0]!;
					expect(items).toHaveLength(1);
					const item = items[0].json;
					expect(item.event).toBe(event);
					expect(item.kind).toBe('call');
					for (const field of TEXT_FIELDS)
						expect([field, item[field] === null || typeof item[field] === 'string']).toEqual([
							field,
							true,
						]);
					expect((item.operatorNumbers as unknown[]).every((n) => typeof n === 'string')).toBe(
						true,
					);
					expect(typeof item.operatorNumbersText).toBe('string');
					// No field by those names (a value may be any text: {"to": ["arguments"]}).
					expect(JSON.stringify(item)).not.toMatch(/"(caller|callee|arguments)":/);
				}),
				{ numRuns: RUNS },
			);
			// The generators reached every kind of answer.
			expect([...seen].sort()).toEqual(
				mode === 'webhook' && selected.length === 4
					? ['400', 'started']
					: ['400', 'ignored', 'started'],
			);
		},
		120_000,
	);
});
