// What the trigger does with a verified, parsed delivery, one handler per "Trigger On" mode.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { queueAnswer, routeAnswer } from '../shared/answers';
import { text, toCallRecord } from '../shared/callRecord';
import { attachRecording } from '../shared/attachRecording';
import { filteredOut } from '../shared/callFilters';
import { ignoredItem } from '../shared/ignoredEvent';
import { accountZone } from '../transport/credential';
import { type Delivery, RECEIVED, reply } from './delivery';
import { callEventOf } from './parse';
import { isRepeat } from './repeats';

export type Mode = 'events' | 'route' | 'queue' | 'notifications';
type Handler = (ctx: IWebhookFunctions, delivery: Delivery) => Promise<IWebhookResponseData>;

/** ROUTE and voice queue: one item; answered by Answer Route / Answer Queue Priority, or at once. */
const routing =
	(mode: 'route' | 'queue'): Handler =>
	async (ctx, { body, computed, rawCopy }) => {
		const call = objectOf(body.call) ?? body;
		const item = {
			...computed,
			event: mode === 'route' ? 'ROUTE' : 'QUEUE',
			customerNumber: text(call.from),
			outerNumber: text(call.outerNumber),
			...rawCopy,
		};
		if (ctx.getNodeParameter('answer') !== 'fixed') return { workflowData: [[{ json: item }]] };
		let answer: IDataObject;
		try {
			answer = fixedAnswer(ctx, mode);
		} catch (error) {
			// A wrong Fixed Answer: 500 makes UniTalk go on with the scenario's next step.
			const message = `The trigger's fixed answer is not valid: ${(error as Error).message}`;
			return reply(ctx, 500, { status: 'Error', message });
		}
		return reply(ctx, 200, answer, [[{ json: item }]]);
	};

/** Autodialer, voice menu and balance webhooks, as they come. */
const notifications: Handler = async (ctx, { body, computed, rawCopy }) =>
	// `kind` is ours: a body that carries its own "kind" must not decide what it is.
	reply(ctx, 200, RECEIVED, [[{ json: { ...body, ...computed, ...rawCopy } }]]);

/** Call events: one normalized call record, filtered, repeats dropped, recording attached on request. */
const events: Handler = async (ctx, { body, computed, rawCopy, options }) => {
	// Only a known event can be matched to Events: anything else is refused at both URLs, so a
	// template without "event" or a forged shape never starts a workflow that chose some events.
	const recognised = callEventOf(body);
	if ('reason' in recognised) {
		const message = `Not a UniTalk call event: ${recognised.reason}`;
		return reply(ctx, 400, { status: 'Error', message });
	}
	const { event, call } = recognised;
	const problems = [...((computed.problems as string[] | undefined) ?? [])];
	const { zone, problem } = await accountZone(ctx);
	if (problem) problems.push(`${problem}; the call's times were read in ${zone}`);
	// A webhook comes as the event happens: a start time of the repeated hour (clocks going back) is
	// the reading nearest now.
	const { problems: valueProblems, ...record } = toCallRecord(call, zone, event, Date.now());
	problems.push(...(valueProblems ?? []));
	// Test URL: an event that starts nothing shows why, as an item with no call fields, and a re-sent
	// test event is never a repeat. Since version 2 that item leaves by the second output, which
	// nothing follows: the run stays green instead of the next step failing on a missing number.
	const testing = ctx.getMode?.() === 'manual';
	const ignored = ignoreReason(ctx, event, record);
	if (ignored) {
		const json = ignoredItem(event, ignored);
		const message = json.ignored as string;
		const item = [{ json }];
		const shown = ctx.getNode().typeVersion >= IGNORED_OUTPUT_SINCE ? [[], item] : [item];
		return reply(ctx, 200, { status: 'Success', message }, testing ? shown : undefined);
	}
	const callKey = record.callId ?? record.dbId;
	const slot = `${ctx.getWorkflow().id}|${ctx.getNode().id}|${event}|${callKey}`;
	const checkRepeats = options.ignoreRepeats !== false && callKey !== null && !testing;
	if (checkRepeats && isRepeat(slot, { event, ...record })) {
		const message = 'Received (a repeat of an event already delivered)';
		return reply(ctx, 200, { status: 'Success', message });
	}
	const item: IDataObject = { event, ...record, ...computed, ...rawCopy };
	if (problems.length) item.problems = problems;
	else delete item.problems;
	if (!(event === 'CALL_END' && options.attachRecording)) {
		return reply(ctx, 200, RECEIVED, [[{ json: item }]]);
	}
	const answered = reply(ctx, 200, RECEIVED); // answer UniTalk before downloading
	const binary = await attachRecording(ctx, item, options);
	return { ...answered, workflowData: [[{ json: item, binary }]] };
};

/** The version from which a left-out test event goes to the second output. */
export const IGNORED_OUTPUT_SINCE = 2;

export const HANDLERS: Record<Mode, Handler> = {
	events,
	route: routing('route'),
	queue: routing('queue'),
	notifications,
};

/** A JSON object (not a list, not a scalar), or undefined. */
function objectOf(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** The same rules as Answer Route and Answer Queue Priority (shared/answers.ts). */
function fixedAnswer(ctx: IWebhookFunctions, mode: string): IDataObject {
	if (mode === 'queue') return queueAnswer(ctx.getNodeParameter('priority', 5));
	return routeAnswer(
		{
			operatorNumber: ctx.getNodeParameter('operatorNumber', ''),
			ivrId: ctx.getNodeParameter('ivrId', 0),
		},
		// Version 1 answered "no operator" for a value that is not a number; version 2 refuses it (500).
		ctx.getNode().typeVersion < 2
			? (problem) => ctx.logger.warn(`UniTalk Trigger: ${problem}; answered without an operator`)
			: undefined,
	);
}

function ignoreReason(
	ctx: IWebhookFunctions,
	event: string,
	record: ReturnType<typeof toCallRecord>,
): string | undefined {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (events.length && !events.includes(event)) return `${event} is not selected`;
	return filteredOut(ctx.getNodeParameter('filters', {}) as IDataObject, event, record);
}
