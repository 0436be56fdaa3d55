// Call: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, seedApiAudio, type Case } from './cases';

const cases: Case[] = [
	{
		name: 'call directCall',
		params: () => ({
			resource: 'call',
			operation: 'directCall',
			sip: '1000',
			number: '+380 50 444 33 22',
			meta: 'lead 7',
		}),
		request: {
			path: '/phones/directCall',
			body: { sip: '1000', number: '380504443322', meta: 'lead 7' },
			contentType: /x-www-form-urlencoded/,
		},
		check: (items) => expect(items[0].json.message).toBe('Called'),
	},
	{
		name: 'call clickToCall',
		params: () => ({
			resource: 'call',
			operation: 'clickToCall',
			clientNumber: '380501112233',
			steps: {
				step: [
					{ type: 'SIP', to: '1000', awaitingTime: 20 },
					{ type: 'GROUP', to: '300', awaitingTime: 30 },
				],
			},
		}),
		request: {
			path: '/calls/originateC2c',
			body: {
				clientNumber: '380501112233',
				steps: [
					{ type: 'SIP', to: '1000', awaitingTime: 20 },
					{ type: 'GROUP', to: '300', awaitingTime: 30 },
				],
			},
		},
		check: (items) => expect(items[0].json.status).toBe('Success'),
	},
	{
		name: 'call informationalCall',
		params: (c) => ({
			resource: 'call',
			operation: 'informationalCall',
			phone: '380503332211',
			audios: {
				audio: [
					{ kind: 'audio', audioId: c.apiAudio },
					{ kind: 'text', text: 'Your order is ready', settingsId: 18 },
				],
			},
			meta: '238',
		}),
		request: {
			path: '/calls/originateNew',
			body: {
				phone: '380503332211',
				audios: [{}, { tts: { text: 'Your order is ready', settingsId: 18 } }],
				meta: '238',
			},
		},
		check: (items) => expect(items[0].json.status).toBe('Success'),
	},
	{
		name: 'call hangUp',
		params: () => ({ resource: 'call', operation: 'hangUp', by: 'id', callId: '1474427802' }),
		request: { path: '/calls/hangup', body: { id: 1474427802, number: null } },
		check: (items) => expect(items[0].json.message).toBe('Found: 1'),
	},
	{
		name: 'call connectPrompter',
		params: () => ({
			resource: 'call',
			operation: 'connectPrompter',
			target: '1001',
			source: '1000',
		}),
		request: { path: '/calls/connectAsPrompter', body: { target: '1001', source: '1000' } },
		check: (items) => expect(items[0].json.status).toBe('Success'),
	},
	{
		name: 'call voiceAnalytics',
		// Nothing typed: the Call ID comes from the item (a trigger's or a history item's callId).
		params: () => ({ resource: 'call', operation: 'voiceAnalytics', profileId: 123 }),
		// The trigger's call record (Recording Ready): its number and operators come through.
		items: [
			{
				callId: '1000001',
				customerNumber: '380501112233',
				answeredBy: '2001',
				operatorNumbers: ['2000', '2001'],
				operatorNumbersText: '2000, 2001',
			},
		],
		request: { path: '/calls/analytics/create', query: { callId: '1000001', profileId: '123' } },
		check: (items) =>
			expect(items[0].json).toMatchObject({
				callId: '1000001',
				customerNumber: '380501112233',
				answeredBy: '2001',
				operatorNumbers: ['2000', '2001'],
				operatorNumbersText: '2000, 2001',
				profileName: 'Sample Name',
				transcript: 'Operator: Hello!\nClient: Where is my order?',
				transcriptLines: [
					{ from: '00:00:00,000', to: '00:00:04,000', speaker: 'Operator', text: 'Hello!' },
					{
						from: '00:00:04,500',
						to: '00:00:09,000',
						speaker: 'Client',
						text: 'Where is my order?',
					},
				],
				analysis: { 'Dialog topic': 'Order', 'Client mood': 'calm' },
				analytics: { dialogTopic: { value: 'Order' } },
			}),
	},
	{
		name: 'call getRecording',
		params: () => ({
			resource: 'call',
			operation: 'getRecording',
			recordingUrl: '={{ $json.link }}',
			binaryProperty: 'audio',
		}),
		items: [{ link: 'PLACEHOLDER' }],
		check: (items) => {
			expect(items[0].binary?.audio).toMatchObject({
				mimeType: 'audio/mpeg',
				fileName: '1000001.mp3',
			});
			expect(items[0].json.size).toBe(1024);
		},
	},
];

runCases('call', cases, (standIn) => {
	standIn.state.seedHistory(50);
	return { apiAudio: seedApiAudio(standIn) };
});
