// Operator statistics for a period.
import type { IDataObject } from 'n8n-workflow';

import { READS } from '../engine/effect';
import { compact } from '../engine/params';
import type { Operation } from '../engine/types';
import { collection, dateTime, num, str } from './fields';

export const statisticsOperations: Operation[] = [
	{
		value: 'operators',
		name: 'Operator Statistics',
		action: 'Get operator statistics',
		description: 'Calls, durations and availability per operator for a period',
		path: '/operator/statistic',
		body: 'json',
		effect: READS,
		fields: [
			dateTime('from', 'From', { required: true }),
			dateTime('to', 'To', { required: true }),
			collection('filters', 'Filters', 'Add filter', [
				str('callTypes', 'Call Types', { description: 'Call type codes, comma separated' }),
				str('innerPhones', 'Lines', { description: 'Internal lines, comma separated' }),
				num('minTimeSeconds', 'Min Talk Seconds'),
				num('minTimeAwaitingSeconds', 'Min Wait Seconds'),
				num('maxTimeAwaitingSeconds', 'Max Wait Seconds'),
			]),
		],
		build: (p) => {
			const f = p.collection('filters');
			const list = (key: string) => (f[key] ? p.list(`filters.${key}`) : undefined);
			const filter = compact({
				callTypes: list('callTypes'),
				innerPhones: list('innerPhones'),
				minTimeSeconds: f.minTimeSeconds as number,
				minTimeAwaitingSeconds: f.minTimeAwaitingSeconds as number,
				maxTimeAwaitingSeconds: f.maxTimeAwaitingSeconds as number,
			} as IDataObject);
			return compact({
				from: p.dateTime('from', 'From'),
				to: p.dateTime('to', 'To'),
				filter: Object.keys(filter).length ? filter : undefined,
			});
		},
	},
];
