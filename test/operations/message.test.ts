// Message: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
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
];

runCases('message', cases, (standIn) => {
	standIn.state.messages.set(42, { id: 42, type: 'SMS', to: '380971234567', text: 'x' });
	return {};
});
