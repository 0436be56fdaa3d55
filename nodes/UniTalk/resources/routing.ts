import type { Operation } from '../engine/types';
import { InputError, normalizePhone } from '../validation';
import { num, str } from './fields';

/**
 * The answer to UniTalk's synchronous callbacks. Put it last in a workflow started by the UniTalk
 * Trigger in "Route Call to Operator" or "Voice Queue Priority" mode: the trigger replies to
 * UniTalk with this node's output. Sends nothing to UniTalk itself.
 */
export const routingOperations: Operation[] = [
	{
		resource: 'callRouting',
		value: 'answerRoute',
		name: 'Answer Route',
		action: 'Answer a ROUTE request',
		description: 'Tell UniTalk which operator takes the call (end of a UniTalk Trigger ROUTE workflow)',
		path: '',
		body: 'json',
		fields: [
			str('operatorNumber', 'Operator Number', { description: 'SIP line or phone number of the responsible operator; empty = let the scenario decide' }),
			str('fallbackOperatorNumber', 'Fallback Operator Number', { description: 'Used when Operator Number is empty or not a number' }),
			str('callerName', 'Caller Name', { description: 'Shown in the operator\'s SIP client' }),
			num('ivrId', 'Voice Menu ID', { description: 'Voice menu to play first; 0 = none' }),
		],
		run: async (p) => {
			const clean = (value: string) => (/^\+?[\d\s()-]{2,20}$/.test(value) ? normalizePhone(value) : '');
			const operatorNumber = clean(p.str('operatorNumber')) || clean(p.str('fallbackOperatorNumber')) || null;
			const ivrId = p.num('ivrId', 0);
			if (!Number.isInteger(ivrId) || ivrId < 0) throw new InputError('"Voice Menu ID" must be a whole number', 'ivrId');
			return { operatorNumber, callerName: p.str('callerName') || null, ivrId: ivrId > 0 ? ivrId : null };
		},
	},
	{
		resource: 'callRouting',
		value: 'answerQueue',
		name: 'Answer Queue Priority',
		action: 'Answer a voice queue priority request',
		description: 'Tell UniTalk which queue (1–10, default 5) the caller joins (end of a UniTalk Trigger queue workflow)',
		path: '',
		body: 'json',
		fields: [num('priority', 'Priority', { default: 5, description: '1 (lowest) to 10 (highest); anything else falls back to 5' })],
		run: async (p) => {
			const priority = Math.round(p.num('priority', 5));
			return { setPriority: priority >= 1 && priority <= 10 ? priority : 5 };
		},
	},
];
