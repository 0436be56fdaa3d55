// Distribution: one case per operation at least (test/operations/cases.ts runs them).

import { runCases, type Case } from './cases';

const cases: Case[] = [
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
];

runCases('distribution', cases, (standIn) => {
	const distributionId = standIn.state.newId();
	standIn.state.distributions.set(distributionId, {
		id: distributionId,
		name: 'Spring',
		messageType: 'SMS',
		text: 'Hi',
		status: 'IN_PROGRESS',
		paused: false,
	});
	return { distributionId };
});
