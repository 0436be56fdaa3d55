// Audio: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, seedApiAudio, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'audio upload',
		params: () => ({
			resource: 'audio',
			operation: 'upload',
			binaryProperty: 'data',
			name: 'Greeting',
			type: 'IVR',
			temp: true,
		}),
		items: [{ __binary: true }],
		request: {
			path: '/audio/upload',
			body: { name: 'Greeting', type: 'IVR', temp: 'true' },
			contentType: /multipart\/form-data/,
		},
		check: (items, c) =>
			expect(c.standIn.state.audios.get(items[0].json.id as number)).toMatchObject({
				name: 'Greeting',
				type: 'IVR',
				size: 2048,
			}),
	},
	{
		name: 'audio synthesize',
		params: () => ({
			resource: 'audio',
			operation: 'synthesize',
			name: 'Promo',
			type: 'AUTODIAL',
			format: 'ssml',
			text: '<speak>Hi</speak>',
			settingsId: 18,
		}),
		request: {
			path: '/audio/tts',
			body: {
				data: [
					{ name: 'Promo', type: 'AUTODIAL', tts: { ssml: '<speak>Hi</speak>', settingsId: 18 } },
				],
			},
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({ name: 'Promo', id: expect.any(Number), error: null }),
	},
	{
		name: 'audio getAll',
		params: () => ({ resource: 'audio', operation: 'getAll', section: 'API', returnAll: true }),
		request: { path: '/dictionary', query: { type: 'AUDIO_API' } },
		check: (items) => expect(items[0].json).toMatchObject({ name: 'Reminder', section: 'API' }),
	},
];

runCases('audio', cases, (standIn) => ({ apiAudio: seedApiAudio(standIn) }));
