// Small constructors for node parameters, so operation files read as declarations.
import type { INodeProperties } from 'n8n-workflow';

import { PHONE_FROM_INPUT } from '../shared/validation';

type Extra = Partial<INodeProperties>;

const FROM_LIST =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

export const str = (name: string, displayName: string, extra: Extra = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

export const num = (name: string, displayName: string, extra: Extra = {}): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	...extra,
});

export const bool = (
	name: string,
	displayName: string,
	description: string,
	extra: Extra = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
	...extra,
});

export const pick = (
	name: string,
	displayName: string,
	values: Array<string | [string, string]>,
	extra: Extra = {},
): INodeProperties => {
	const options = values.map((v) =>
		Array.isArray(v) ? { name: v[0], value: v[1] } : { name: v, value: v },
	);
	const first = options[0].value;
	return { displayName, name, type: 'options', options, default: first, ...extra };
};

export const pickMany = (
	name: string,
	displayName: string,
	values: Array<string | [string, string]>,
	extra: Extra = {},
): INodeProperties => ({
	...pick(name, displayName, values),
	type: 'multiOptions',
	default: [],
	...extra,
});

/** A group of optional fields ("Add filter", "Add option"…). */
export const collection = (
	name: string,
	displayName: string,
	placeholder: string,
	options: INodeProperties[],
	extra: Extra = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'collection',
	placeholder,
	default: {},
	options,
	...extra,
});

export const when = (show: Record<string, Array<string | boolean | number>>): Extra => ({
	displayOptions: { show },
});

export const dateTime = (
	name: string,
	displayName: string,
	extra: Extra = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	...extra,
});

/** A dropdown filled from the account (UniTalk dictionary), with an ID/expression fallback. */
export const fromAccount = (
	name: string,
	displayName: string,
	method: string,
	extra: Extra = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod: method },
	default: '',
	description: FROM_LIST,
	...extra,
});

// Declared in shared/, where the engine reads it too.
export { PHONE_FROM_INPUT };

export const phone = (name: string, displayName: string, extra: Extra = {}): INodeProperties =>
	str(name, displayName, {
		placeholder: '380971234567',
		required: true,
		default: PHONE_FROM_INPUT,
		description: 'Phone number in international format; spaces, brackets and + are removed',
		...extra,
	});

export const phoneList = (name: string, displayName: string, extra: Extra = {}): INodeProperties =>
	str(name, displayName, {
		placeholder: '380971234567, 380671234567',
		description:
			'Numbers in international format, separated by commas or new lines, or an array from an expression',
		...extra,
	});

export const autodialer: INodeProperties = {
	displayName: 'Autodialer',
	name: 'autodialerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAutodialers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '1307',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[0-9]+$', errorMessage: 'An autodialer ID is a number' },
				},
			],
		},
	],
};

export const CALL_STATES = [
	'NEW',
	'DIALING',
	'ANSWER',
	'ANSW_RJCT',
	'NOANSWER',
	'BUSY',
	'FAIL',
	'BLOCKED',
	'TALKING',
	'UNREACHABLE',
	'NOT_EXIST',
	'VOICE_MAIL',
	'CLIENT_CALLED',
	'CANCEL',
	'ANSW_NF_OP',
	'ANSW_OP_NA',
	'BUSYOUT',
	'AUDIO_ERR',
	'WRONG_DIR',
	'AUTOCANCEL',
];
export const REFRESHABLE_STATES = CALL_STATES.filter((s) => s !== 'NEW' && s !== 'DIALING');
export const AUDIO_SECTIONS: Array<[string, string]> = [
	['API Calls', 'API'],
	['Autodialers', 'AUTODIAL'],
	['Scripts', 'GENERAL'],
	['Voice Menus (IVR)', 'IVR'],
	['Waiting Melodies', 'MELODY'],
];
