// /history/get: the project's call history, paged by 1,000 (the API maximum).
import type { IDataObject } from 'n8n-workflow';

import { READS } from '../engine/effect';
import { toCallRecord } from '../shared/callRecord';
import { compact } from '../engine/params';
import type { Operation } from '../engine/types';
import { collection, dateTime, num, pick, str } from './fields';

const tristate = (name: string, displayName: string) =>
	pick(
		name,
		displayName,
		[
			['Any', ''],
			['Yes', 'true'],
			['No', 'false'],
		],
		{ default: '' },
	);

export const historyOperations: Operation[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many calls from history',
		description: 'Calls of the project in a period, newest first, with filters',
		path: '/history/get',
		body: 'json',
		effect: READS,
		fields: [
			dateTime('dateFrom', 'From', {
				required: true,
				default: '={{ $now.minus({ days: 1 }).startOf("day") }}',
			}),
			dateTime('dateTo', 'To', {
				required: true,
				default: '={{ $now }}',
				description: 'Calls before this time',
			}),
			collection('filters', 'Filters', 'Add filter', [
				pick('direction', 'Direction', [
					['Incoming', 'IN'],
					['Outgoing', 'OUT'],
					['Internal', 'INNER'],
				]),
				num('minDuration', 'Min Talk Seconds'),
				str('calledFrom', 'From Number Contains', {
					description: 'Parts of numbers, comma separated',
				}),
				str('calledTo', 'To Number Contains', { description: 'Parts of numbers, comma separated' }),
				str('outerNum', 'Outer Lines', { description: 'External line numbers, comma separated' }),
				str('exactPhone', 'Exact Numbers', {
					description: 'Full numbers that called or were called, comma separated',
				}),
				tristate('newLead', 'First Call From Number'),
				tristate('answered', 'Answered'),
				tristate('lost', 'Lost (Missed and Not Called Back)'),
				tristate('voiceMessage', 'Voice Message Left'),
			]),
		],
		build: (p) => {
			const f = p.collection('filters');
			const flag = (key: string) =>
				f[key] === 'true' ? true : f[key] === 'false' ? false : undefined;
			const list = (key: string) => (f[key] ? p.list(`filters.${key}`) : undefined);
			return {
				dateFrom: p.dateTime('dateFrom', 'From'),
				dateTo: p.dateTime('dateTo', 'To'),
				filter: compact({
					direction: (f.direction as string) || undefined,
					minDuration: f.minDuration ? Number(f.minDuration) : undefined,
					calledFrom: list('calledFrom'),
					calledTo: list('calledTo'),
					outerNum: list('outerNum'),
					exactPhone: list('exactPhone'),
					newLead: flag('newLead'),
					answered: flag('answered'),
					lost: flag('lost'),
					voiceMessage: flag('voiceMessage'),
				} as IDataObject),
			};
		},
		paginate: {
			maxPageSize: 1000,
			page: (payload, offset, limit) => Object.assign(payload, { offset, limit }),
			records: (response) => ((response as IDataObject).calls as IDataObject[]) ?? [],
			total: (response) => (response as IDataObject).count as number | undefined,
		},
		simplify: (record, p) => ({
			...toCallRecord(record, p.timezone),
			from: record.from ?? null,
			to: record.to ?? [],
		}),
	},
];
