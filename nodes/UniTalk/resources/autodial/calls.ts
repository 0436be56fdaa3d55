// GET_CALLS_HISTORY: the calls an autodialer made, paged by offset (max 1000 per page).
import type { IDataObject } from 'n8n-workflow';

import { READS } from '../../engine/effect';
import { compact } from '../../engine/params';
import type { Operation } from '../../engine/types';
import { normalizePhone } from '../../shared/validation';
import { autodialer, CALL_STATES, collection, dateTime, pickMany, str } from '../fields';
import { autodialerId, PATH } from './campaigns';

export const callOperations: Operation[] = [
	{
		value: 'getCalls',
		name: 'Get Calls',
		action: 'Get calls of an autodialer',
		description: 'Calls an autodialer made, newest first, with filters',
		path: PATH,
		apiAction: 'GET_CALLS_HISTORY',
		body: 'json',
		effect: READS,
		fields: [
			autodialer,
			collection('filters', 'Filters', 'Add filter', [
				dateTime('dateFrom', 'From', { description: 'Calls at or after this time' }),
				dateTime('dateTo', 'To', { description: 'Calls before this time' }),
				pickMany('states', 'States', CALL_STATES),
				str('phone', 'Phone Contains'),
				str('operatorNumber', 'Operator Line'),
				str('name', 'Name Contains'),
				str('note', 'Note Contains'),
				str('link', 'Web Dialer Data Contains'),
				str('param', 'Any Parameter Contains'),
				str('voiceSecretaryIds', 'Voice Robot IDs', { placeholder: '118, 119' }),
				pickMany('voiceSecretaryEndNodeTypes', 'Voice Robot End Node Types', [
					'INTERMEDIATE',
					'END_SUCCESS',
					'END_FAIL',
					'BACKGROUND',
					'BACKGROUND_DEFER',
				]),
				pickMany('voiceSecretaryEndReasons', 'Voice Robot End Reasons', [
					'NORMAL',
					'USER_REJECT',
					'GREETING_SILENCE',
					'ANSWERING_MACHINE',
					'RECOGNITION_ERROR',
					'JUMP_LIMIT',
					'NODE_LIMIT',
					'FAIL',
				]),
			]),
		],
		build: (p) => {
			const f = p.collection('filters');
			const list = (key: string) =>
				(f[key] as string[] | undefined)?.length ? (f[key] as string[]) : undefined;
			const filter = compact({
				states: list('states'),
				phone: f.phone ? normalizePhone(f.phone) : undefined,
				operatorNumber: f.operatorNumber ? normalizePhone(f.operatorNumber) : undefined,
				name: (f.name as string) || undefined,
				note: (f.note as string) || undefined,
				link: (f.link as string) || undefined,
				param: (f.param as string) || undefined,
				voiceSecretaryIds: f.voiceSecretaryIds ? p.list('filters.voiceSecretaryIds') : undefined,
				voiceSecretaryEndNodeTypes: list('voiceSecretaryEndNodeTypes'),
				voiceSecretaryEndReasons: list('voiceSecretaryEndReasons'),
			} as IDataObject);
			const request = compact({
				dateFrom: f.dateFrom ? p.dateTime('filters.dateFrom', 'From') : undefined,
				dateTo: f.dateTo ? p.dateTime('filters.dateTo', 'To') : undefined,
				filter,
			} as IDataObject);
			return { id: autodialerId(p), callHistoryRequest: request };
		},
		paginate: {
			maxPageSize: 1000,
			page: (payload, offset, limit) =>
				Object.assign(payload.callHistoryRequest as IDataObject, { offset, limit }),
			records: (response) => ((response as IDataObject).items as IDataObject[]) ?? [],
			total: (response) => (response as IDataObject).count as number | undefined,
		},
	},
];
