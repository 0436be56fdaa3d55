import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/UniTalk/resources';
import type { StandIn } from '../standin/server';
import { credentialsFor, rl, run, seedAutodialer, useStandIn } from '../helpers';

/**
 * One case per operation at least: the request UniTalk receives (path, body) and the items n8n gets.
 * `run` goes through n8n-core's WorkflowExecute against the stand-in.
 */
interface Case {
	name: string;
	params: (ctx: Ctx) => IDataObject;
	items?: IDataObject[];
	request?: { path: string; body?: IDataObject; query?: IDataObject; contentType?: RegExp };
	check: (items: INodeExecutionData[], ctx: Ctx) => void;
}
interface Ctx {
	standIn: StandIn;
	autodialerId: number;
	apiAudio: number;
	distributionId: number;
}

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
		params: () => ({
			resource: 'call',
			operation: 'voiceAnalytics',
			callId: '1000001',
			profileId: 123,
		}),
		request: { path: '/calls/analytics/create', query: { callId: '1000001', profileId: '123' } },
		check: (items) =>
			expect(items[0].json).toMatchObject({
				profileName: 'Sample Name',
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
	{
		name: 'message send',
		params: () => ({
			resource: 'message',
			operation: 'send',
			messageType: 'VIBER',
			to: '380971234567',
			text: 'Hi',
			alphaName: 'Shop',
		}),
		request: {
			path: '/message/send',
			body: { messageType: 'VIBER', alfaName: 'Shop', to: '380971234567', text: 'Hi' },
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				to: '380971234567',
				sent: true,
				messageId: expect.any(Number),
			}),
	},
	{
		name: 'message sendBulk',
		params: () => ({
			resource: 'message',
			operation: 'sendBulk',
			messageType: 'SMS',
			mode: 'messages',
			messages: '{"380971234567": "A", "380981234567": "B"}',
		}),
		request: {
			path: '/message/sendBulk',
			body: { messagesType: 'SMS', messages: { 380971234567: 'A', 380981234567: 'B' } },
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({ sent: ['380971234567', '380981234567'], rejected: [] }),
	},
	{
		name: 'message getStatus',
		params: (c) => ({
			resource: 'message',
			operation: 'getStatus',
			messageId: String([...c.standIn.state.messages.keys()][0]),
		}),
		request: { path: '/message/getStatus', contentType: /x-www-form-urlencoded/ },
		check: (items) => expect(items[0].json).toMatchObject({ messageStatus: 'DELIVERED' }),
	},
	{
		name: 'distribution getAll',
		params: () => ({ resource: 'distribution', operation: 'getAll', returnAll: true }),
		request: { path: '/messageDistribution/getAll' },
		check: (items) => expect(items[0].json.name).toBe('Spring'),
	},
	{
		name: 'distribution create (Viber promo with image and SMS fallback)',
		params: () => ({
			resource: 'distribution',
			operation: 'create',
			name: 'Promo',
			messageType: 'VIBER',
			viberMessageType: 'PROMO',
			numbers: '380971234567,380671234567',
			text: 'Sale',
			viberTTL: 3600,
			options: {
				imageProperty: 'data',
				buttonText: 'Buy',
				buttonUrl: 'https://example.com',
				sendSmsAfterViber: true,
				smsText: 'Sale!',
				startTime: '2030-07-07T12:00:00',
			},
		}),
		items: [{ __binary: true }],
		request: {
			path: '/messageDistribution/create',
			body: {
				name: 'Promo',
				messageType: 'VIBER',
				viberMessageType: 'PROMO',
				numbers: ['380971234567', '380671234567'],
				mimeType: 'audio/mpeg',
				buttonText: 'Buy',
				sendSmsAfterViber: true,
				smsText: 'Sale!',
				startTime: '2030-07-07 12:00:00',
				viberTTL: 3600,
			},
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				added: ['380971234567', '380671234567'],
				distributionIds: [expect.any(Number)],
			}),
	},
	{
		name: 'distribution update',
		params: (c) => ({
			resource: 'distribution',
			operation: 'update',
			distributionId: c.distributionId,
			name: 'Spring 2',
			messageType: 'SMS',
			text: 'New text',
		}),
		request: { path: '/messageDistribution/update', body: { name: 'Spring 2', text: 'New text' } },
		check: (items) => expect(items[0].json.status).toBe('Success'),
	},
	{
		name: 'distribution pause',
		params: (c) => ({
			resource: 'distribution',
			operation: 'pause',
			distributionId: c.distributionId,
		}),
		request: {
			path: '/messageDistribution/setPaused',
			body: { paused: 'true' },
			contentType: /x-www-form-urlencoded/,
		},
		check: (_i, c) => expect(c.standIn.state.distributions.get(c.distributionId).paused).toBe(true),
	},
	{
		name: 'distribution unpause',
		params: (c) => ({
			resource: 'distribution',
			operation: 'unpause',
			distributionId: c.distributionId,
		}),
		request: { path: '/messageDistribution/setPaused', body: { paused: 'false' } },
		check: (_i, c) =>
			expect(c.standIn.state.distributions.get(c.distributionId).paused).toBe(false),
	},
	{
		name: 'distribution delete',
		params: (c) => ({
			resource: 'distribution',
			operation: 'delete',
			distributionId: c.distributionId,
		}),
		request: { path: '/messageDistribution/remove' },
		check: (_i, c) => expect(c.standIn.state.distributions.has(c.distributionId)).toBe(false),
	},
	{
		name: 'history getAll (simplified)',
		params: () => ({
			resource: 'history',
			operation: 'getAll',
			dateFrom: '2024-01-01T00:00:00',
			dateTo: '2024-01-02T00:00:00',
			limit: 3,
			filters: { direction: 'IN', answered: 'true', exactPhone: '380971000001' },
		}),
		request: {
			path: '/history/get',
			body: {
				dateFrom: '2024-01-01 00:00:00',
				dateTo: '2024-01-02 00:00:00',
				limit: 3,
				offset: 0,
				filter: { direction: 'IN', answered: true, exactPhone: ['380971000001'] },
			},
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				callId: '1000001',
				direction: 'in',
				customerNumber: '380971000001',
				answered: true,
				missed: false,
				startTime: '2024-01-01T00:01:00+02:00',
			}),
	},
	{
		name: 'user getAll',
		params: () => ({ resource: 'user', operation: 'getAll', limit: 1 }),
		request: { path: '/users/list' },
		check: (items) => expect(items).toHaveLength(1),
	},
	{
		name: 'user getStatuses',
		params: () => ({ resource: 'user', operation: 'getStatuses', returnAll: true }),
		request: { path: '/users/getStatus' },
		check: (items) => expect(items[1].json).toMatchObject({ workStatus: 'PAUS' }),
	},
	{
		name: 'user getWorkHistory',
		params: () => ({ resource: 'user', operation: 'getWorkHistory', date: '2024-01-01T10:00:00' }),
		request: { path: '/users/workHistory', query: { date: '2024-01-01' } },
		check: (items) =>
			expect(items[0].json).toMatchObject({ userId: 11, userTimeSeconds: { work: 28800 } }),
	},
	{
		name: 'user setWorkStatus',
		params: () => ({
			resource: 'user',
			operation: 'setWorkStatus',
			number: '1000',
			status: 'PAUS',
			statusName: 'Lunch',
		}),
		request: {
			path: '/phones/inner/setStatus',
			query: { number: '1000', status: 'PAUS', statusName: 'Lunch' },
		},
		check: (_i, c) => expect(c.standIn.state.users[0].workStatus).toBe('PAUS'),
	},
	{
		name: 'line getAll',
		params: () => ({ resource: 'line', operation: 'getAll', returnAll: true }),
		request: { path: '/phones/inner' },
		check: (items) =>
			expect(items.map((i) => i.json)).toEqual([
				{ number: '1000', status: 'online' },
				{ number: '1001', status: 'busy' },
				{ number: '1002', status: 'offline' },
			]),
	},
	{
		name: 'line removeFromGroup',
		params: () => ({
			resource: 'line',
			operation: 'removeFromGroup',
			groupId: 300,
			number: '1001',
		}),
		request: {
			path: '/groups/action',
			body: { action: 'REMOVE_NUMBER', groupId: 300, number: '1001' },
		},
		check: (_i, c) => expect(c.standIn.state.groups.get(300)!.numbers).toEqual(['1000']),
	},
	{
		name: 'blockedList get',
		params: () => ({
			resource: 'blockedList',
			operation: 'get',
			list: 'BLOCKED_PHONES',
			returnAll: true,
		}),
		request: { path: '/lists', body: { list: 'BLOCKED_PHONES', operation: 'GET' } },
		check: (items) =>
			expect(items[0].json).toEqual({ list: 'BLOCKED_PHONES', phone: '380990000000' }),
	},
	{
		name: 'blockedList add',
		params: () => ({
			resource: 'blockedList',
			operation: 'add',
			list: 'BLOCKED_FOR_AUTODIAL_PHONES',
			phones: '380971234567',
		}),
		request: {
			path: '/lists',
			body: { list: 'BLOCKED_FOR_AUTODIAL_PHONES', operation: 'ADD', items: ['380971234567'] },
		},
		check: (items) => expect(items[0].json).toMatchObject({ added: ['380971234567'] }),
	},
	{
		name: 'blockedList remove',
		params: () => ({
			resource: 'blockedList',
			operation: 'remove',
			list: 'BLOCKED_PHONES',
			phones: '380990000000',
		}),
		request: { path: '/lists', body: { operation: 'REMOVE', items: ['380990000000'] } },
		check: (items) => expect(items[0].json).toMatchObject({ removed: ['380990000000'] }),
	},
	{
		name: 'statistics operators',
		params: () => ({
			resource: 'statistics',
			operation: 'operators',
			from: '2024-01-01T00:00:00',
			to: '2024-01-31T23:59:59',
			filters: { innerPhones: '1000' },
		}),
		request: {
			path: '/operator/statistic',
			body: {
				from: '2024-01-01 00:00:00',
				to: '2024-01-31 23:59:59',
				filter: { innerPhones: ['1000'] },
			},
		},
		check: (items) => expect(items[0].json).toMatchObject({ operatorPhone: '1000' }),
	},
	{
		name: 'webDialer sendNotification',
		params: () => ({
			resource: 'webDialer',
			operation: 'sendNotification',
			userIds: '11, 12',
			contactName: 'John',
			entityLink: 'https://crm/deals/1',
		}),
		request: {
			path: '/widget/sendNotification',
			body: { userIds: [11, 12], data: { contactName: 'John', entityLink: 'https://crm/deals/1' } },
		},
		check: (items) => expect(items[0].json.notificationId).toEqual(expect.any(Number)),
	},
	{
		name: 'webDialer hideNotification',
		params: () => ({
			resource: 'webDialer',
			operation: 'hideNotification',
			userIds: '11',
			notificationId: '77',
		}),
		request: { path: '/widget/hideNotification', body: { userIds: [11], notificationId: 77 } },
		check: (items) => expect(items[0].json.result).toBe('Success'),
	},
	{
		name: 'dictionary get',
		params: () => ({ resource: 'dictionary', operation: 'get', type: 'IVR', returnAll: true }),
		request: { path: '/dictionary', query: { type: 'IVR' } },
		check: (items) => expect(items[0].json).toEqual({ type: 'IVR', id: 211, name: 'Departments' }),
	},
	{
		name: 'callRouting answerRoute',
		params: () => ({
			resource: 'callRouting',
			operation: 'answerRoute',
			operatorNumber: '={{ $json.owner }}',
			fallbackOperatorNumber: '1000',
			callerName: 'Olena',
			ivrId: 0,
		}),
		items: [{ owner: 'unknown' }],
		check: (items) =>
			expect(items[0].json).toEqual({ operatorNumber: '1000', callerName: 'Olena', ivrId: null }),
	},
	{
		name: 'callRouting answerQueue',
		params: () => ({ resource: 'callRouting', operation: 'answerQueue', priority: 12 }),
		check: (items) => expect(items[0].json).toEqual({ setPriority: 5 }),
	},
	{
		name: 'eventHandler removeScheduled',
		params: () => ({
			resource: 'eventHandler',
			operation: 'removeScheduled',
			phones: '380971111111, 380972222222',
		}),
		request: {
			path: '/eventHandlers/removeScheduledByPhones',
			body: { phones: ['380971111111', '380972222222'] },
		},
		check: (items) =>
			expect(items[0].json).toMatchObject({
				processed: ['380971111111', '380972222222'],
				removedInRequest: 2,
			}),
	},
];

function seed(standIn: StandIn): Ctx {
	const autodialerId = seedAutodialer(standIn, 'Campaign', ['380971234567']);
	const task = standIn.state.tasks.get(autodialerId)!;
	task.numbers.get('380971234567').state = 'NOANSWER';
	task.config = {
		startDate: '2030-01-01',
		endDate: '2030-02-01',
		timeFrom: ['09:00', '09:00', '09:00', '09:00', '09:00', null, null],
		timeTo: ['19:00', '19:00', '19:00', '19:00', '19:00', null, null],
		crmMode: 'DONT_SEND',
		clientCalledMode: 'NEVER',
		threadCount: 1,
		scenarioId: 70,
	};
	task.calls = [1, 2, 3].map((i) => ({
		id: i,
		phone: `38097000000${i}`,
		state: 'ANSWER',
		callEndTime: `2023-10-24 1${i}:00:00`,
		operatorNumber: '1000',
	}));
	const apiAudio = standIn.state.addAudio('Reminder', 'API');
	standIn.state.seedHistory(50);
	standIn.state.lists.BLOCKED_PHONES.add('380990000000');
	standIn.state.messages.set(42, { id: 42, type: 'SMS', to: '380971234567', text: 'x' });
	const distributionId = standIn.state.newId();
	standIn.state.distributions.set(distributionId, {
		id: distributionId,
		name: 'Spring',
		messageType: 'SMS',
		text: 'Hi',
		status: 'IN_PROGRESS',
		paused: false,
	});
	return { standIn, autodialerId, apiAudio, distributionId };
}

/** A key per case: each case's requests have the key's whole budget, so no case waits on another's pacing. */
const caseKeys = cases.map((_, i) => `operations-key-${i}`);

describe('every operation, through n8n against the stand-in', () => {
	const standIn = useStandIn({ apiKeys: [...caseKeys, 'test-key'] });

	it('has a case for every declared operation', () => {
		const declared = RESOURCES.flatMap((r) => r.operations.map((o) => `${r.value} ${o.value}`));
		// A case's name starts with the resource and operation values: 'user getAll …', 'user getAll: …'.
		const covered = new Set(cases.map((c) => /^\S+ [A-Za-z]+/.exec(c.name)?.[0]));
		expect(declared.filter((d) => !covered.has(d))).toEqual([]);
	});

	it.each(cases.map((c, i) => [c.name, c, caseKeys[i]] as const))(
		'%s',
		async (_name, testCase, key) => {
			const ctx = seed(standIn);
			const items = (testCase.items ?? [{}]).map((item) => {
				if (item.link === 'PLACEHOLDER')
					return { link: standIn.state.history[standIn.state.history.length - 2].link };
				if (!item.__binary) return item;
				return {
					json: {},
					binary: {
						data: {
							data: Buffer.alloc(2048, 7).toString('base64'),
							mimeType: 'audio/mpeg',
							fileName: 'greeting.mp3',
						},
					},
				};
			});
			const result = await run(standIn, testCase.params(ctx), items as IDataObject[], {
				credentials: credentialsFor(standIn, { apiKey: key }),
			});
			expect(result.error).toBeUndefined();
			if (testCase.request) {
				const sent = standIn.requests.filter((r) => r.path === testCase.request!.path);
				expect(sent.length).toBeGreaterThan(0);
				const last = sent[sent.length - 1];
				if (testCase.request.body) expect(last.body).toMatchObject(testCase.request.body);
				if (testCase.request.query) expect(last.query).toMatchObject(testCase.request.query);
				if (testCase.request.contentType)
					expect(last.contentType).toMatch(testCase.request.contentType);
			}
			expect(result.items.length).toBeGreaterThan(0);
			// Every output item is paired with an input item, and every input item has output.
			const paired = result.items.map((item) => (item.pairedItem as { item: number }).item);
			expect(new Set(paired)).toEqual(new Set(items.map((_, i) => i)));
			testCase.check(result.items, ctx);
			standIn.state.tasks.clear();
			standIn.state.distributions.clear();
		},
	);

	it('says in an execution hint when a list operation ran once per input item', async () => {
		standIn.state.seedHistory(10);
		const history = {
			resource: 'history',
			operation: 'getAll',
			dateFrom: '2024-01-01',
			dateTo: '2024-02-01',
			returnAll: true,
		};
		const { run: execution } = await run(standIn, history, [{}, {}, {}]);
		const hints = execution.data.resultData.runData.UniTalk[0].hints ?? [];
		expect(hints.map((h) => h.message)).toEqual([
			expect.stringMatching(
				/ran once for each of the 3 input items \(\d+ items in all\).*Execute Once/,
			),
		]);
	});
});
