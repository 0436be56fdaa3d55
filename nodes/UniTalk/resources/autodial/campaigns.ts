// Autodialer-level actions of /autodial/action (the list, status changes, removal).
import type { IDataObject } from 'n8n-workflow';

import { type Effect, notRepeatable, READS } from '../../engine/effect';
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
	effect: Effect,
): Operation => ({
	value,
	name,
	action: `${name} an autodialer`,
	description,
	path: PATH,
	apiAction: action,
	body: 'json',
	effect,
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
		effect: READS,
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
		effect: READS,
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
	simpleAction(
		'delete',
		'REMOVE',
		'Delete',
		'Delete an autodialer',
		notRepeatable(
			'A second delete is refused as not found and would hide that the first one worked.',
		),
	),
	simpleAction(
		'cancel',
		'CANCEL',
		'Cancel',
		'Stop an autodialer that is waiting, running or paused',
		notRepeatable(
			'A cancelled autodialer cannot be cancelled again: a repeat is refused and would hide that the first one worked.',
		),
	),
	simpleAction(
		'pause',
		'PAUSE',
		'Pause',
		'Pause a waiting or running autodialer',
		notRepeatable(
			'A repeat that lands after someone unpaused the autodialer would pause it again.',
		),
	),
	simpleAction(
		'unpause',
		'UNPAUSE',
		'Unpause',
		'Continue a paused autodialer',
		notRepeatable(
			'A repeat that lands after someone paused the autodialer would unpause it again.',
		),
	),
	{
		value: 'recall',
		name: 'Re-Call Numbers',
		action: 'Re-call numbers of an autodialer',
		description:
			'Set numbers in the chosen states back to NEW so they are called again (once a minute at most)',
		path: PATH,
		apiAction: 'REFRESH',
		body: 'json',
		effect: notRepeatable(
			'Calls the numbers again: a second request would call the same people again.',
		),
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
