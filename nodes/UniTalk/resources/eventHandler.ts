// Scheduled event handlers: cancel them for numbers (batched by 100).
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable } from '../engine/effect';
import type { Operation } from '../engine/types';
import { str, PHONE_FROM_INPUT } from './fields';
import { phoneSummary, phoneUnits, unitsInData } from './units';

// The reference's path is "/api/eventHandlers/…" relative to a base that already ends in /api;
// we use /eventHandlers/removeScheduledByPhones (the doubled /api reads as a documentation slip).
export const eventHandlerOperations: Operation[] = [
	{
		value: 'removeScheduled',
		name: 'Cancel Scheduled Actions for Numbers',
		action: 'Cancel scheduled event handler actions for numbers',
		description:
			'Cancel the event handler actions UniTalk scheduled for these numbers (e.g. a callback or an SMS later; 100 numbers per request)',
		path: '/eventHandlers/removeScheduledByPhones',
		body: 'json',
		effect: notRepeatable(
			'A repeat that lands after new events were scheduled for the numbers would remove those too.',
		),
		fields: [str('phones', 'Phone Numbers', { required: true, default: PHONE_FROM_INPUT })],
		batch: {
			maxPerRequest: 100,
			units: async (p) => ({ group: 'all', units: await phoneUnits(p, 'phones', 'Phone Numbers') }),
			payload: (_p, units) => ({ phones: units.map((u) => u.key) }),
			rejected: (message, data, units) =>
				message === 'Invalid phones' ? unitsInData(data, units) : undefined,
			results: (response, units) =>
				units.map((unit) => ({
					unit,
					ok: true,
					data: { removedInRequest: (response as IDataObject).data },
				})),
			summarize: (_p, results) => ({
				...phoneSummary(results, {}, 'processed'),
				removedInRequest: results.find((r) => r.ok)?.data?.removedInRequest ?? 0,
			}),
		},
	},
];
