// Autodialer: one case per operation at least (test/operations/cases.ts runs them).

import { rl } from '../helpers';
import { runCases, seedApiAudio, seedCampaign, type Case } from './cases';

const base = {
	startDate: '2030-01-01',
	endDate: '2030-02-01',
	days: ['0', '1', '2', '3', '4'],
	timeFrom: '09:00',
	timeTo: '18:00',
	crmMode: 'DONT_SEND',
	clientCalledMode: 'NEVER',
};

const cases: Case[] = [
	{
		name: 'autodial getAll',
		params: () => ({ resource: 'autodial', operation: 'getAll', returnAll: true }),
		request: { path: '/autodial/action', body: { action: 'GET_LIST' } },
		check: (items) => expect(items[0].json).toMatchObject({ name: 'Campaign' }),
	},
	{
		name: 'autodial getAllWithData',
		params: () => ({ resource: 'autodial', operation: 'getAllWithData', outputMode: 'full' }),
		request: { path: '/autodial/action', body: { action: 'GET_WITH_DATA' } },
		check: (items) => expect(items[0].json).toMatchObject({ maxAddNumbersCount: 100000 }),
	},
	{
		name: 'autodial create (AUTODIAL / FIXED with composite audio)',
		params: (c) => ({
			resource: 'autodial',
			operation: 'create',
			name: 'Windows',
			autodialerType: 'AUTODIAL',
			autodialerMode: 'FIXED',
			...base,
			threadCount: 2,
			audioParts: {
				part: [
					{ kind: 'silence', silenceMillis: 500 },
					{ kind: 'audio', audioId: c.apiAudio },
					{ kind: 'synthesis', dynamicValue: 'NA', settingsId: 18 },
				],
			},
			numbers: '+38 (097) 111-11-11',
			settings: { callerIdPrefix: 'W' },
		}),
		request: {
			path: '/autodial/action',
			body: {
				action: 'ADD',
				task: {
					name: 'Windows',
					autodialerType: 'AUTODIAL',
					autodialerMode: 'FIXED',
					startDate: '2030-01-01',
					threadCount: 2,
					timeFrom: ['09:00', '09:00', '09:00', '09:00', '09:00', null, null],
					compositeAudio: {
						multiAudios: [
							{ silenceMillis: 500 },
							{},
							{ synthesisFromDynamicValue: { dynamicValue: 'NA', settingsId: 18 } },
						],
					},
					numbers: ['380971111111'],
					callerIdPrefix: 'W',
				},
			},
		},
		check: (items) => expect(items[0].json.id).toEqual(expect.any(Number)),
	},
	{
		name: 'autodial update (merges into current settings)',
		params: (c) => ({
			resource: 'autodial',
			operation: 'update',
			autodialerId: rl(c.autodialerId),
			updateFields: { name: 'Renamed', timeTo: '17:00' },
		}),
		request: {
			path: '/autodial/action',
			body: {
				action: 'UPDATE',
				task: {
					name: 'Renamed',
					timeTo: ['17:00', '17:00', '17:00', '17:00', '17:00', null, null],
				},
			},
		},
		check: (items, c) => {
			expect(c.standIn.state.tasks.get(c.autodialerId)!.name).toBe('Renamed');
			expect(items[0].json.status).toBe('Success');
		},
	},
	{
		name: 'autodial recall',
		params: (c) => ({
			resource: 'autodial',
			operation: 'recall',
			autodialerId: rl(c.autodialerId),
			callStates: ['NOANSWER'],
		}),
		request: { path: '/autodial/action', body: { action: 'REFRESH', callStates: ['NOANSWER'] } },
		check: (items) => expect(items[0].json.status).toBe('Success'),
	},
	{
		name: 'autodial pause',
		params: (c) => ({ resource: 'autodial', operation: 'pause', autodialerId: rl(c.autodialerId) }),
		request: { path: '/autodial/action', body: { action: 'PAUSE' } },
		check: (_i, c) => expect(c.standIn.state.tasks.get(c.autodialerId)!.status).toBe('PAUSED'),
	},
	{
		name: 'autodial unpause',
		params: (c) => ({
			resource: 'autodial',
			operation: 'unpause',
			autodialerId: rl(c.autodialerId),
		}),
		request: { path: '/autodial/action', body: { action: 'UNPAUSE' } },
		check: (items) => expect(items[0].json.status).toBe('Success'),
	},
	{
		name: 'autodial cancel',
		params: (c) => ({
			resource: 'autodial',
			operation: 'cancel',
			autodialerId: rl(c.autodialerId),
		}),
		request: { path: '/autodial/action', body: { action: 'CANCEL' } },
		check: (items) => expect(items[0].json.message).toBe('Cancelled'),
	},
	{
		name: 'autodial delete',
		params: (c) => ({
			resource: 'autodial',
			operation: 'delete',
			autodialerId: rl(c.autodialerId),
		}),
		request: { path: '/autodial/action', body: { action: 'REMOVE' } },
		check: (_i, c) => expect(c.standIn.state.tasks.has(c.autodialerId)).toBe(false),
	},
	{
		name: 'autodial addNumbers with data',
		params: (c) => ({
			resource: 'autodial',
			operation: 'addNumbers',
			autodialerId: rl(c.autodialerId),
			phones: '={{ $json.phone }}',
			numberData: {
				name: '={{ $json.name }}',
				params: { param: [{ key: '1', value: 'vip' }] },
				ttsText: 'Hello',
				ttsSettingsId: 18,
			},
		}),
		items: [{ phone: '380970000001', name: 'Ann' }],
		request: {
			path: '/autodial/action',
			body: {
				action: 'ADD_NUMBERS',
				numbersWithData: [
					{
						phone: '380970000001',
						name: 'Ann',
						params: { 1: 'vip' },
						audios: [{ tts: { text: 'Hello', settingsId: 18 } }],
					},
				],
			},
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				phone: '380970000001',
				added: ['380970000001'],
				rejected: [],
			}),
	},
	{
		name: 'autodial getNumber',
		params: (c) => ({
			resource: 'autodial',
			operation: 'getNumber',
			autodialerId: rl(c.autodialerId),
			phone: '380971234567',
		}),
		request: { path: '/autodial/action', body: { action: 'GET_NUMBER', number: '380971234567' } },
		check: (items) =>
			expect(items[0].json).toMatchObject({ phone: '380971234567', state: 'NOANSWER' }),
	},
	{
		name: 'autodial getNumbers',
		params: (c) => ({
			resource: 'autodial',
			operation: 'getNumbers',
			autodialerId: rl(c.autodialerId),
			returnAll: true,
			callStates: ['NOANSWER'],
		}),
		request: {
			path: '/autodial/action',
			body: { action: 'GET_NUMBERS', callStates: ['NOANSWER'], limit: 5000, offset: 0 },
		},
		check: (items) => expect(items.map((i) => i.json.phone)).toEqual(['380971234567']),
	},
	{
		name: 'autodial getCalls',
		params: (c) => ({
			resource: 'autodial',
			operation: 'getCalls',
			autodialerId: rl(c.autodialerId),
			limit: 2,
			filters: { states: ['ANSWER'], dateFrom: '2023-10-24T00:00:00', phone: '+38097' },
		}),
		request: {
			path: '/autodial/action',
			body: {
				action: 'GET_CALLS_HISTORY',
				callHistoryRequest: {
					limit: 2,
					offset: 0,
					dateFrom: '2023-10-24 00:00:00',
					filter: { states: ['ANSWER'], phone: '38097' },
				},
			},
		},
		check: (items) => expect(items).toHaveLength(2),
	},
	{
		name: 'autodial removeNumbers by numbers',
		params: (c) => ({
			resource: 'autodial',
			operation: 'removeNumbers',
			autodialerId: rl(c.autodialerId),
			removeBy: 'numbers',
			phones: '380971234567',
		}),
		request: {
			path: '/autodial/action',
			body: { action: 'REMOVE_NUMBERS', numbers: ['380971234567'] },
		},
		check: (items) => expect(items[0].json).toMatchObject({ removed: ['380971234567'] }),
	},
	{
		name: 'autodial removeNumbers by states',
		params: (c) => ({
			resource: 'autodial',
			operation: 'removeNumbers',
			autodialerId: rl(c.autodialerId),
			removeBy: 'states',
			callStates: ['NOANSWER'],
		}),
		request: {
			path: '/autodial/action',
			body: { action: 'REMOVE_NUMBERS', callStates: ['NOANSWER'] },
		},
		check: (items) => expect(items[0].json).toMatchObject({ removed: true }),
	},
	{
		name: 'autodial removeAllNumbers',
		params: (c) => ({
			resource: 'autodial',
			operation: 'removeAllNumbers',
			autodialerId: rl(c.autodialerId),
		}),
		request: { path: '/autodial/action', body: { action: 'REMOVE_ALL_NUMBERS' } },
		check: (_i, c) => expect(c.standIn.state.tasks.get(c.autodialerId)!.numbers.size).toBe(0),
	},
];

runCases('autodial', cases, (standIn) => ({
	autodialerId: seedCampaign(standIn),
	apiAudio: seedApiAudio(standIn),
}));
