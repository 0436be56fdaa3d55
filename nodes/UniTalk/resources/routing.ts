// Call Routing: answers to the UniTalk Trigger's ROUTE and voice-queue requests (no API call).
import type { IDataObject } from 'n8n-workflow';

import { repeatable } from '../engine/effect';
import type { Params } from '../engine/params';
import type { Operation } from '../engine/types';
import { queueAnswer, routeAnswer } from '../shared/answers';
import { num, str } from './fields';

/**
 * The answer to UniTalk's synchronous callbacks, in a workflow started by the UniTalk Trigger in
 * "ROUTE Request" or "Voice Queue Request" mode. The first item's answer is handed to the
 * waiting webhook the moment this node runs (n8n's "responseNode" mode, as Respond to Webhook does);
 * it is also the node's output. Sends nothing to UniTalk's API. Outside a webhook run it only outputs.
 */
async function answerUniTalk(p: Params, answer: IDataObject): Promise<IDataObject> {
	// Absent when an AI agent runs the node as a tool: there is no waiting webhook then.
	if (p.itemIndex === 0 && typeof p.ctx.sendResponse === 'function')
		await p.ctx.sendResponse({ body: answer, headers: {}, statusCode: 200 });
	return answer;
}

/** Call Routing never calls UniTalk's API: a stop before the answer leaves the request unanswered. */
const NOTHING_ANSWERED =
	"No answer was given to the waiting request (Call Routing never calls UniTalk's API).";

export const routingOperations: Operation[] = [
	{
		value: 'answerRoute',
		name: 'Answer Route',
		action: 'Answer a ROUTE request',
		description:
			'Tell UniTalk which operator takes the call (replies to a UniTalk Trigger ROUTE request)',
		effect: repeatable(
			'Answers the waiting ROUTE request of this execution; it sends nothing to the API.',
		),
		nothingDone: NOTHING_ANSWERED,
		fields: [
			str('operatorNumber', 'Operator Number', {
				description:
					'SIP line or phone number of the responsible operator; empty = the fallback, or let the scenario decide',
			}),
			str('fallbackOperatorNumber', 'Fallback Operator Number', {
				description:
					'Used when Operator Number is empty (your lookup found nobody). A value that is not a number, in either field, is refused with the reason.',
			}),
			str('callerName', 'Caller Name', { description: "Shown in the operator's SIP client" }),
			str('ivrId', 'Voice Menu ID', {
				placeholder: '487',
				description: 'Voice menu to play first (its ID in UniTalk); leave empty for none',
			}),
		],
		run: async (p) =>
			await answerUniTalk(
				p,
				routeAnswer(
					{
						operatorNumber: p.str('operatorNumber'),
						fallbackOperatorNumber: p.str('fallbackOperatorNumber'),
						callerName: p.str('callerName'),
						ivrId: p.str('ivrId') || 0,
					},
					// Version 1 answered with the fallback: saved workflows keep that, and are told.
					p.ctx.getNode().typeVersion < 2
						? (problem) =>
								p.ctx.addExecutionHints?.({
									message: `Item ${p.itemIndex}: ${problem}. It was treated as empty (UniTalk node version 1; version 2 refuses it).`,
									location: 'outputPane',
								})
						: undefined,
				),
			),
	},
	{
		value: 'answerQueue',
		name: 'Answer Queue Priority',
		action: 'Answer a voice queue priority request',
		description:
			'Tell UniTalk which queue (1–10, default 5) the caller joins (replies to a UniTalk Trigger queue request)',
		effect: repeatable(
			'Answers the waiting voice-queue request of this execution; it sends nothing to the API.',
		),
		nothingDone: NOTHING_ANSWERED,
		fields: [
			num('priority', 'Priority', {
				default: 5,
				description: '1 (lowest) to 10 (highest); anything else falls back to 5',
			}),
		],
		run: async (p) => await answerUniTalk(p, queueAnswer(p.num('priority', 5))),
	},
];
