// #19 6: property-based fuzz of the trigger over bodies, headers and query values, through n8n-core's
// WebhookContext over real HTTP: webhook() never throws, and every answer is 200, 400, 401 or 403.
import axios from 'axios';
import fc from 'fast-check';

import { WebhookHarness } from '../harness/webhook';
import { credentialsFor, useStandIn } from '../helpers';

/** Cases per trigger set-up; docs/uniTalk-trigger.md → Sender verification quotes the total (4 × 500). */
export const CASES_PER_SETUP = 500;

const FIELDS = [
	'id',
	'dbid',
	'from',
	'to',
	'state',
	'date',
	'direction',
	'secondsTalk',
	'secondsFullTime',
	'cause',
	'link',
	'outerNumber',
	'utmSource',
];
const HOSTILE_KEYS = [
	'toString',
	'valueOf',
	'__proto__',
	'constructor',
	'hasOwnProperty',
	'kind',
	'raw',
];
const printable = fc.string({
	unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
	maxLength: 40,
});

/** Objects whose keys shadow Object's own methods, and lists nested deeper than any call needs. */
const hostileObject = fc.dictionary(
	fc.constantFrom(...HOSTILE_KEYS),
	fc.jsonValue({ maxDepth: 1 }),
	{
		minKeys: 1,
		maxKeys: 3,
	},
);
const deepList = fc.integer({ min: 50, max: 3000 }).map((depth) => {
	let value: unknown = '2000';
	for (let i = 0; i < depth; i++) value = [value];
	return value;
});
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileObject, deepList);

const callLike = fc.record(
	{
		event: fc.oneof(
			hostileObject,
			fc.constantFrom(
				'CALL_NEW',
				'CALL_REDIRECT',
				'CALL_ANSWER',
				'CALL_END',
				'ROUTE',
				'call_end',
				'',
			),
			fc.jsonValue({ maxDepth: 2 }),
		),
		call: fc.oneof(
			fc.dictionary(fc.constantFrom(...FIELDS, ...HOSTILE_KEYS), anyValue, {
				maxKeys: 12,
			}),
			fc.jsonValue({ maxDepth: 2 }),
		),
	},
	{ requiredKeys: [] },
);
const bodies = fc.oneof(
	callLike.map((body) => ({ text: JSON.stringify(body), type: 'application/json' })),
	fc
		.jsonValue({ maxDepth: 4 })
		.map((body) => ({ text: JSON.stringify(body), type: 'application/json' })),
	fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json' })),
	fc
		.string({ maxLength: 200 })
		.map((text) => ({ text, type: 'application/x-www-form-urlencoded' })),
	fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'text/plain' })),
);
const queries = fc.oneof(
	fc.constant(''),
	fc.constant('?key=k1'),
	printable.map((v) => `?key=${encodeURIComponent(v)}`),
	printable.map((v) => `?key[${encodeURIComponent(v)}]=k1&key=k1`),
	printable.map((v) => `?${encodeURIComponent(v)}=${encodeURIComponent(v)}`),
);
const headers = fc.record(
	{
		Authorization: fc.oneof(fc.constant('test-key'), fc.constant('Bearer test-key'), printable),
		'X-Secret': fc.oneof(fc.constant('k1'), printable),
	},
	{ requiredKeys: [] },
);

describe('fuzz: the trigger answers every request, throws on none', () => {
	const standIn = useStandIn();
	const setups = [
		{ mode: 'events', verification: 'apiKey', options: { ignoreRepeats: false } },
		{
			mode: 'events',
			verification: 'header',
			headerName: 'X-Secret',
			secret: 'k1',
			filters: { answered: 'missed' },
		},
		{ mode: 'route', answer: 'fixed', operatorNumber: '2000', secret: 'k1' },
		{ mode: 'notifications', verification: 'none' },
	];

	it.each(
		setups.map((trigger) => [`${trigger.mode} / ${trigger.verification ?? 'query'}`, trigger]),
	)(
		'%s: only 200/400/401/403, no failed execution',
		async (_name, trigger) => {
			const h = await new WebhookHarness({ trigger, credentials: credentialsFor(standIn) }).start();
			const statuses = new Set<number>();
			try {
				await fc.assert(
					fc.asyncProperty(bodies, queries, headers, async (body, query, sent) => {
						const answer = await axios.post(`${h.url}${query}`, body.text, {
							headers: { 'Content-Type': body.type, ...sent },
							transformRequest: [(data) => data],
							validateStatus: () => true,
						});
						statuses.add(answer.status);
						expect([200, 400, 401, 403]).toContain(answer.status);
					}),
					{ numRuns: CASES_PER_SETUP },
				);
				await h.settled();
				const failed = h.executions.filter((e) => e.data.resultData.error);
				expect(failed.map((e) => e.data.resultData.error?.message)).toEqual([]);
				expect(statuses.size).toBeGreaterThan(1); // the cases reached more than one answer
			} finally {
				await h.stop();
			}
		},
		60_000,
	);
});
