import type { IDataObject } from 'n8n-workflow';

import { toIsoFromUniTalk, toUniTalkDateTime } from '../../nodes/UniTalk/shared/validation';
import { rl, run, seedAutodialer, useStandIn } from '../helpers';

const schedule = {
	startDate: '2030-01-01',
	endDate: '2030-02-01',
	days: ['0'],
	timeFrom: '09:00',
	timeTo: '18:00',
	crmMode: 'DONT_SEND',
	clientCalledMode: 'NEVER',
};
const create = (over: IDataObject) => ({
	resource: 'autodial',
	operation: 'create',
	name: 'A',
	autodialerType: 'AUTODIAL',
	autodialerMode: 'FIXED',
	threadCount: 1,
	scenarioId: 70,
	...schedule,
	...over,
});
const speak = (n: number) => `<speak>${'a'.repeat(n - 15)}</speak>`;

/** Documented limits checked before sending: [rule, parameters, expected message]. */
const rules: Array<[string, (id: number) => IDataObject, RegExp]> = [
	[
		'autodialer name ≤ 45',
		() => create({ name: 'x'.repeat(46) }),
		/"Name" is 46 characters long; UniTalk allows at most 45/,
	],
	[
		'AUTODIAL needs audio or scenario',
		() => create({ scenarioId: '' }),
		/needs "Audio Parts" or an "Incoming Scenario"/,
	],
	[
		'GUARANTEED_DIAL needs operators',
		() => create({ autodialerType: 'GUARANTEED_DIAL' }),
		/needs "Operator Group" or "Operator SIP Lines"/,
	],
	[
		'SMART mode needs operators',
		() => create({ autodialerMode: 'SMART' }),
		/SMART mode needs "Operator Group"/,
	],
	[
		'VOICE_ROBOT needs a robot',
		() => create({ autodialerType: 'VOICE_ROBOT', voiceSecretaryId: '={{ $json.robot }}' }),
		/needs a "Voice Robot"/,
	],
	['FIXED needs threads', () => create({ threadCount: 0 }), /"Simultaneous Calls" of at least 1/],
	[
		'composite audio ≤ 20 parts',
		() =>
			create({
				audioParts: {
					part: Array.from({ length: 21 }, () => ({ kind: 'silence', silenceMillis: 10 })),
				},
			}),
		/21 parts; UniTalk allows 20/,
	],
	[
		'silence 1–10000 ms',
		() => create({ audioParts: { part: [{ kind: 'silence', silenceMillis: 20000 }] } }),
		/"Silence \(Ms\)" must be between 1 and 10000/,
	],
	['dates in order', () => create({ startDate: '2030-03-01' }), /"Start Date" is after "End Date"/],
	['daily hours', () => create({ timeFrom: '19:00' }), /"Daily From" must be earlier/],
	[
		'a date must be a date',
		() => create({ startDate: 'next week' }),
		/"Start Date" is not a real date and time/,
	],
	[
		'meta ≤ 1000',
		() => ({
			resource: 'call',
			operation: 'directCall',
			sip: '1000',
			number: '380504443322',
			meta: 'm'.repeat(1001),
		}),
		/"Meta" is 1001 characters long/,
	],
	[
		'phone numbers',
		() => ({ resource: 'call', operation: 'directCall', sip: '1000', number: '12-34' }),
		/"12-34" in "Number to Call" is not a phone number/,
	],
	[
		'TTS text ≤ 4960',
		() => ({
			resource: 'audio',
			operation: 'synthesize',
			name: 'T',
			type: 'API',
			format: 'text',
			text: 't'.repeat(4961),
			settingsId: 18,
		}),
		/"Text" is 4961 characters long; UniTalk allows at most 4960/,
	],
	[
		'SSML ≤ 5000',
		() => ({
			resource: 'audio',
			operation: 'synthesize',
			name: 'T',
			type: 'API',
			format: 'ssml',
			text: speak(5001),
			settingsId: 18,
		}),
		/allows at most 5000/,
	],
	[
		'SSML wrapped in <speak>',
		() => ({
			resource: 'audio',
			operation: 'synthesize',
			name: 'T',
			type: 'API',
			format: 'ssml',
			text: 'hello',
			settingsId: 18,
		}),
		/must start with <speak>/,
	],
	[
		'call audios ≤ 5',
		() => ({
			resource: 'call',
			operation: 'informationalCall',
			phone: '380503332211',
			audios: { audio: Array.from({ length: 6 }, () => ({ kind: 'audio', audioId: 1 })) },
		}),
		/6 entries; UniTalk allows 5/,
	],
	[
		'call syntheses ≤ 2',
		() => ({
			resource: 'call',
			operation: 'informationalCall',
			phone: '380503332211',
			audios: {
				audio: Array.from({ length: 3 }, () => ({ kind: 'text', text: 'x', settingsId: 18 })),
			},
		}),
		/at most 2 speech syntheses/,
	],
	[
		'informational call needs something to play',
		() => ({ resource: 'call', operation: 'informationalCall', phone: '380503332211' }),
		/Add an audio, a voice menu or a voice robot/,
	],
	[
		'Viber text ≤ 1000',
		() => ({
			resource: 'message',
			operation: 'send',
			messageType: 'VIBER',
			to: '380971234567',
			text: 'v'.repeat(1001),
		}),
		/"Text" is 1001 characters long/,
	],
	[
		'distribution name ≤ 45',
		() => ({
			resource: 'distribution',
			operation: 'create',
			name: 'd'.repeat(46),
			messageType: 'SMS',
			numbers: '380971234567',
			text: 'x',
		}),
		/"Name" is 46 characters/,
	],
	[
		'carousel 2–5 cards',
		() => ({
			resource: 'distribution',
			operation: 'create',
			name: 'C',
			messageType: 'VIBER',
			viberMessageType: 'CAROUSEL',
			numbers: '380971234567',
			text: 'x',
			viberTTL: 3600,
			carousel: { card: [{ title: 'One' }] },
		}),
		/carousel needs 2 to 5 cards \(got 1\)/,
	],
	[
		'Viber TTL 60–86400',
		() => ({
			resource: 'distribution',
			operation: 'create',
			name: 'T',
			messageType: 'VIBER',
			viberMessageType: 'TRANSACTIONAL',
			numbers: '380971234567',
			text: 'x',
			viberTTL: 30,
		}),
		/"Viber Time to Live" must be between 60 and 86400/,
	],
	[
		're-call needs states',
		(id) => ({
			resource: 'autodial',
			operation: 'recall',
			autodialerId: rl(id),
			callStates: '={{ [] }}',
		}),
		/at least one state/,
	],
	[
		'click-to-call ring time 5–300',
		() => ({
			resource: 'call',
			operation: 'clickToCall',
			clientNumber: '380501112233',
			steps: { step: [{ type: 'SIP', to: '1000', awaitingTime: 2 }] },
		}),
		/"Ring Time" must be between 5 and 300/,
	],
	[
		'autodialer id is a number',
		() => ({
			resource: 'autodial',
			operation: 'pause',
			autodialerId: { __rl: true, mode: 'id', value: '={{ "abc" }}' },
		}),
		/"Autodialer" needs a numeric UniTalk ID/,
	],
];

describe('validation before sending', () => {
	const standIn = useStandIn();

	it.each(rules)('%s', async (_rule, params, message) => {
		const id = seedAutodialer(standIn);
		const { error } = await run(standIn, params(id), [{}, {}]);
		expect(error?.message).toMatch(message);
		expect(error?.description ?? '').toMatch(
			/Fix item 0 and run again.*Nothing was sent to UniTalk/,
		);
		expect(standIn.requests).toHaveLength(0);
	});

	it('reports each bad item on its own item under Continue On Fail and still sends the good ones', async () => {
		const items = [{ to: '380971234567' }, { to: 'x' }, { to: '380981234567' }];
		const { items: out } = await run(
			standIn,
			{ resource: 'call', operation: 'directCall', sip: '1000', number: '={{ $json.to }}' },
			items,
			{ continueOnFail: true },
		);
		expect(out.map((o) => o.json.error ?? 'ok')).toEqual([
			'ok',
			expect.stringMatching(/"x" in "Number to Call"/),
			'ok',
		]);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(standIn.calls('/phones/directCall')).toHaveLength(2);
	});
});

describe('dates', () => {
	it('turns n8n DateTime and ISO strings into UniTalk time in the workflow zone', () => {
		expect(toUniTalkDateTime('2024-03-01T10:00:00Z', 'Europe/Kyiv', 'From')).toBe(
			'2024-03-01 12:00:00',
		);
		expect(toUniTalkDateTime('2024-07-01T10:00:00.000+00:00', 'Europe/Kyiv', 'From')).toBe(
			'2024-07-01 13:00:00',
		);
		expect(toUniTalkDateTime('2024-03-01 08:30', 'UTC', 'From')).toBe('2024-03-01 08:30:00');
		expect(
			toUniTalkDateTime({ toISO: () => '2024-03-01T00:00:00.000Z' }, 'America/New_York', 'From'),
		).toBe('2024-02-29 19:00:00');
		expect(toIsoFromUniTalk('2018-07-09 16:58:52', 'Europe/Kyiv')).toBe(
			'2018-07-09T16:58:52+03:00',
		);
	});
});
