// Autodialer-level actions of /autodial/action (the list, status changes, removal).
import type { IDataObject } from 'n8n-workflow';

import type { Params } from '../../engine/params';
import type { Operation } from '../../engine/types';
import { InputError } from '../../shared/validation';
import { autodialer, pickMany, REFRESHABLE_STATES } from '../fields';

export const PATH = '/autodial/action';
export const autodialerId = (p: Params) => p.id('autodialerId', 'Autodialer');

/** An action that only needs the autodialer id. */
const simpleAction = (
	value: string,
	action: string,
	name: string,
	description: string,
): Operation => ({
	value,
	name,
	action: `${name} an autodialer`,
	description,
	path: PATH,
	apiAction: action,
	body: 'json',
	sideEffect: true,
	fields: [autodialer],
	build: (p) => ({ id: autodialerId(p) }),
	output: (response, p) => ({ id: autodialerId(p), ...(response as IDataObject) }),
});

export const campaignOperations: Operation[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many autodialers',
		description: 'List the autodialers of the project',
		path: PATH,
		apiAction: 'GET_LIST',
		body: 'json',
		limitList: true,
		build: () => ({}),
		output: (response) => tasksOf(response),
	},
	{
		value: 'getAllWithData',
		name: 'Get Many With Data',
		action: 'Get many autodialers with full settings',
		description: 'Full settings of every autodialer plus the project dictionaries and limits',
		path: PATH,
		apiAction: 'GET_WITH_DATA',
		body: 'json',
		fields: [
			{
				displayName: 'Output',
				name: 'outputMode',
				type: 'options',
				options: [
					{ name: 'One Item per Autodialer', value: 'tasks' },
					{ name: 'One Item With Dictionaries and Limits', value: 'full' },
				],
				default: 'tasks',
			},
		],
		build: () => ({}),
		output: (response, p) =>
			p.str('outputMode') === 'full' ? (response as IDataObject) : tasksOf(response),
	},
	simpleAction('delete', 'REMOVE', 'Delete', 'Delete an autodialer'),
	simpleAction(
		'cancel',
		'CANCEL',
		'Cancel',
		'Stop an autodialer that is waiting, running or paused',
	),
	simpleAction('pause', 'PAUSE', 'Pause', 'Pause a waiting or running autodialer'),
	simpleAction('unpause', 'UNPAUSE', 'Unpause', 'Continue a paused autodialer'),
	{
		value: 'recall',
		name: 'Re-Call Numbers',
		action: 'Re-call numbers of an autodialer',
		description:
			'Set numbers in the chosen states back to NEW so they are called again (once a minute at most)',
		path: PATH,
		apiAction: 'REFRESH',
		body: 'json',
		sideEffect: true,
		fields: [
			autodialer,
			pickMany('callStates', 'States', REFRESHABLE_STATES, {
				required: true,
				description: 'Numbers in these states are called again',
			}),
		],
		build: (p) => {
			const callStates = p.get<string[]>('callStates', []);
			if (!callStates.length)
				throw new InputError('Choose at least one state in "States"', 'callStates');
			return { id: autodialerId(p), callStates };
		},
		output: (response, p) => ({ id: autodialerId(p), ...(response as IDataObject) }),
	},
];

function tasksOf(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	const body = response as IDataObject;
	return ((body?.tasks ?? body?.data ?? []) as IDataObject[]) || [];
}
