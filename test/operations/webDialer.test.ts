// Web Dialer: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
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
];

runCases('webDialer', cases);
