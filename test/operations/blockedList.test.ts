// Blocked List: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
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
];

runCases('blockedList', cases, (standIn) => {
	standIn.state.lists.BLOCKED_PHONES.add('380990000000');
	return {};
});
