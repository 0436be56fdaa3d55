// Numbers of an autodialer: add (batched), get, list, remove (batched), remove all.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { notRepeatable, READS } from '../../engine/effect';
import type { Params } from '../../engine/params';
import type { Operation } from '../../engine/types';
import { InputError, normalizePhone, requireLength } from '../../shared/validation';
import {
	autodialer,
	bool,
	CALL_STATES,
	fromAccount,
	phoneList,
	pick,
	pickMany,
	str,
	when,
	PHONE_FROM_INPUT,
} from '../fields';
import { phoneSummary, phoneUnits, unitsInData } from '../units';
import { autodialerId, PATH } from './campaigns';

const numberData: INodeProperties = {
	displayName: 'Number Data',
	name: 'numberData',
	type: 'collection',
	placeholder: 'Add field',
	default: {},
	description: 'Sent with every number of this item (UniTalk "numbersWithData")',
	options: [
		str('name', 'Name', { description: 'First 100 characters are used' }),
		str('note', 'Note', { description: 'First 500 characters are used' }),
		str('link', 'Web Dialer Link'),
		{
			displayName: 'Parameters',
			name: 'params',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Parameter' },
			default: {},
			options: [
				{
					displayName: 'Parameter',
					name: 'param',
					values: [
						pick('key', 'Number', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
						str('value', 'Value'),
					],
				},
			],
		},
		fromAccount('audioId', 'Audio Name or ID', 'getAutodialAudios', {
			description:
				'Played instead of the autodialer audio. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
		str('ttsText', 'Text to Speak', {
			typeOptions: { rows: 3 },
			description: 'Synthesized for this number (max 2500 characters)',
		}),
		fromAccount('ttsSettingsId', 'Synthesis Profile Name or ID', 'getTtsProfiles'),
	],
};

function withData(p: Params): IDataObject | undefined {
	const data = p.collection('numberData');
	if (!Object.keys(data).length) return undefined;
	const params = Object.fromEntries(
		(((data.params as IDataObject)?.param as IDataObject[] | undefined) ?? []).map((e) => [
			String(e.key),
			String(e.value ?? ''),
		]),
	);
	const audios: IDataObject[] = [];
	if (data.audioId) audios.push({ id: Number(data.audioId) });
	if (data.ttsText)
		audios.push({
			tts: {
				text: requireLength(String(data.ttsText), 2500, 'Text to Speak', 1),
				settingsId: data.ttsSettingsId ? Number(data.ttsSettingsId) : null,
			},
		});
	const entry: IDataObject = {
		name: data.name || undefined,
		note: data.note || undefined,
		link: data.link || undefined,
	};
	if (Object.keys(params).length) entry.params = params;
	if (audios.length) entry.audios = audios;
	return entry;
}

const ALREADY_THERE =
	'UniTalk added none of the numbers of this request: they are most likely in the autodialer already. Turn on "Call Again if Already Added" to have them processed again.';

export const numberOperations: Operation[] = [
	{
		value: 'addNumbers',
		name: 'Add Numbers',
		action: 'Add numbers to an autodialer',
		description:
			'Add numbers (optionally with name, note, parameters, audio); many items go in one request',
		path: PATH,
		apiAction: 'ADD_NUMBERS',
		body: 'json',
		effect: notRepeatable(
			'Puts numbers in the call queue: a repeat after they were called could queue them to be called again.',
		),
		fields: [
			autodialer,
			phoneList('phones', 'Phone Numbers', { required: true, default: PHONE_FROM_INPUT }),
			numberData,
			bool('highPriority', 'High Priority', 'Whether these numbers are called first'),
			bool(
				'refreshDuplicates',
				'Call Again if Already Added',
				'Whether numbers already in the autodialer are processed again',
			),
		],
		batch: {
			maxPerRequest: 100_000,
			maxPerGroup: {
				limit: 1_000_000,
				message:
					'These items add {count} numbers to one autodialer; UniTalk allows at most 1,000,000 per autodialer',
			},
			units: async (p) => {
				const data = withData(p);
				return {
					group: `${autodialerId(p)}|${p.bool('highPriority')}|${p.bool('refreshDuplicates')}`,
					units: await phoneUnits(p, 'phones', 'Phone Numbers', (phone) =>
						data ? { phone, ...data } : phone,
					),
				};
			},
			payload: (p, units) => {
				const numbers = units.filter((u) => typeof u.value === 'string').map((u) => u.value);
				const numbersWithData = units
					.filter((u) => typeof u.value === 'object')
					.map((u) => u.value);
				const body: IDataObject = {
					id: autodialerId(p),
					refreshDuplicates: p.bool('refreshDuplicates'),
					highPriority: p.bool('highPriority'),
				};
				if (numbers.length) body.numbers = numbers as string[];
				if (numbersWithData.length) body.numbersWithData = numbersWithData as IDataObject[];
				return body;
			},
			rejected: (message, data, units) =>
				['Wrong numbers', 'Wrong audios'].includes(message) ? unitsInData(data, units) : undefined,
			// Re-running an import is normal: without "Call Again if Already Added", UniTalk adds none
			// of the numbers that are already there and answers "Numbers not added" (reference:
			// "No numbers were added"; it does not say which were there, so the whole request is named).
			unchanged: (p, message) =>
				message === 'Numbers not added' && !p.bool('refreshDuplicates') ? ALREADY_THERE : undefined,
			summarize: (p, results) => phoneSummary(results, { autodialerId: autodialerId(p) }, 'added'),
		},
	},
	{
		value: 'getNumber',
		name: 'Get Number',
		action: 'Get a number of an autodialer',
		description: 'State, call counts and data of one number in an autodialer',
		path: PATH,
		apiAction: 'GET_NUMBER',
		body: 'json',
		effect: READS,
		fields: [
			autodialer,
			str('phone', 'Phone Number', { required: true, placeholder: '380971234567' }),
		],
		build: (p) => ({
			id: autodialerId(p),
			number: p.phone('phone', 'Phone Number'),
		}),
	},
	{
		value: 'getNumbers',
		name: 'Get Numbers',
		action: 'Get many numbers of an autodialer',
		description: 'Numbers of an autodialer, optionally only in some states',
		path: PATH,
		apiAction: 'GET_NUMBERS',
		body: 'json',
		effect: READS,
		fields: [autodialer, pickMany('callStates', 'Only in States', CALL_STATES)],
		build: (p) => ({
			id: autodialerId(p),
			callStates: p.get<string[]>('callStates', []),
		}),
		paginate: {
			maxPageSize: 5000,
			page: (payload, offset, limit) => Object.assign(payload, { offset, limit }),
			records: (response) => (Array.isArray(response) ? (response as IDataObject[]) : []),
		},
	},
	{
		value: 'removeNumbers',
		name: 'Remove Numbers',
		action: 'Remove numbers from an autodialer',
		description: 'Remove given numbers (many items per request) or all numbers in some states',
		path: PATH,
		apiAction: 'REMOVE_NUMBERS',
		body: 'json',
		effect: notRepeatable(
			'A repeat that lands after the same numbers were added again would remove them again.',
		),
		fields: [
			autodialer,
			pick('removeBy', 'Remove By', [
				['Numbers', 'numbers'],
				['States', 'states'],
			]),
			phoneList('phones', 'Phone Numbers', {
				required: true,
				default: PHONE_FROM_INPUT,
				...when({ removeBy: ['numbers'] }),
			}),
			pickMany('callStates', 'States', CALL_STATES, {
				required: true,
				...when({ removeBy: ['states'] }),
			}),
		],
		batch: {
			maxPerRequest: 10_000,
			units: async (p) => {
				if (p.str('removeBy') !== 'states')
					return {
						group: String(autodialerId(p)),
						units: await phoneUnits(p, 'phones', 'Phone Numbers'),
					};
				const states = p.get<string[]>('callStates', []);
				if (!states.length)
					throw new InputError('Choose at least one state in "States"', 'callStates');
				return {
					group: `states|${autodialerId(p)}|${p.itemIndex}`,
					units: [{ item: p.itemIndex, key: states.join(','), value: states }],
				};
			},
			payload: (p, units) =>
				p.str('removeBy') === 'states'
					? {
							id: autodialerId(p),
							callStates: units[0].value as string[],
						}
					: { id: autodialerId(p), numbers: units.map((u) => u.key) },
			results: (response, units) => {
				const invalid = new Set(
					(((response as IDataObject).data as string[] | undefined) ?? []).map(normalizePhone),
				);
				return units.map((unit) =>
					invalid.has(normalizePhone(unit.key))
						? { unit, ok: false, error: 'UniTalk: invalid number' }
						: { unit, ok: true },
				);
			},
			summarize: (p, results) =>
				p.str('removeBy') === 'states'
					? {
							autodialerId: autodialerId(p),
							callStates: p.get<string[]>('callStates', []),
							removed: results.every((r) => r.ok),
						}
					: phoneSummary(results, { autodialerId: autodialerId(p) }, 'removed'),
		},
	},
	{
		value: 'removeAllNumbers',
		name: 'Remove All Numbers',
		action: 'Remove all numbers from an autodialer',
		description: 'Empty an autodialer',
		path: PATH,
		apiAction: 'REMOVE_ALL_NUMBERS',
		body: 'json',
		effect: notRepeatable(
			'A repeat that lands after new numbers were added would remove those too.',
		),
		fields: [autodialer],
		build: (p) => ({ id: autodialerId(p) }),
		output: (response, p) => ({ id: autodialerId(p), ...(response as IDataObject) }),
	},
];
