// What the trigger does with a verified, parsed delivery, one handler per "Trigger On" mode.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { text, toCallRecord } from '../shared/callRecord';
import { credentialZone, isTimeZone } from '../shared/validation';
import { downloadRecording } from '../transport/download';
import { CREDENTIAL_NAME } from '../transport/credential';
import { type Delivery, RECEIVED, reply } from './delivery';
import { isRepeat } from './repeats';

export type Mode = 'events' | 'route' | 'queue' | 'notifications';
type Handler = (ctx: IWebhookFunctions, delivery: Delivery) => Promise<IWebhookResponseData>;

/** ROUTE and voice queue: one item; answered by Answer Route / Answer Queue Priority, or at once. */
const routing =
	(mode: 'route' | 'queue'): Handler =>
	async (ctx, { body, base, raw }) => {
		const call = (body.call as IDataObject) ?? body;
		const item = {
			...base,
			event: mode === 'route' ? 'ROUTE' : 'QUEUE',
			customerNumber: text(call.from),
			outerNumber: text(call.outerNumber),
			...raw,
		};
		return ctx.getNodeParameter('answer') === 'fixed'
			? reply(ctx, 200, fixedAnswer(ctx, mode), [[{ json: item }]])
			: { workflowData: [[{ json: item }]] };
	};

/** Autodialer, voice menu and balance webhooks, as they come. */
const notifications: Handler = async (ctx, { body, base, raw }) =>
	// `kind` is ours: a body that carries its own "kind" must not decide what it is.
	reply(ctx, 200, RECEIVED, [[{ json: { ...body, ...base, ...raw } }]]);

/** Call events: one normalized call record, filtered, repeats dropped, recording attached on request. */
const events: Handler = async (ctx, { body, base, raw, options }) => {
	if (base.kind !== 'call') {
		return reply(ctx, 400, {
			status: 'Error',
			message:
				'Not a UniTalk call event: the body needs "event" (CALL_NEW, CALL_ANSWER, CALL_REDIRECT or CALL_END) and "call"',
		});
	}
	const event = String(body.event ?? '').toUpperCase() || null;
	if (!event) base.problems = [...((base.problems as string[]) ?? []), 'The body has no "event"'];
	const record = toCallRecord((body.call as IDataObject) ?? {}, await accountZone(ctx));
	const ignored = ignoreReason(ctx, event, record);
	if (ignored) return reply(ctx, 200, { status: 'Success', message: `Ignored: ${ignored}` });
	const callKey = record.callId ?? record.dbId;
	const deliveryKey = `${ctx.getWorkflow().id}|${ctx.getNode().id}|${event}|${callKey}`;
	if (options.ignoreRepeats !== false && callKey && isRepeat(deliveryKey)) {
		const message = 'Received (a repeat of an event already delivered)';
		return reply(ctx, 200, { status: 'Success', message });
	}
	const item: IDataObject = { event, ...record, ...base, ...raw };
	if (!(event === 'CALL_END' && options.attachRecording)) {
		return reply(ctx, 200, RECEIVED, [[{ json: item }]]);
	}
	const answered = reply(ctx, 200, RECEIVED); // answer UniTalk before downloading
	const binary = await attachRecording(ctx, item, String(options.binaryProperty || 'recording'));
	return { ...answered, workflowData: [[{ json: item, binary }]] };
};

export const HANDLERS: Record<Mode, Handler> = {
	events,
	route: routing('route'),
	queue: routing('queue'),
	notifications,
};

/**
 * UniTalk's call times are wall-clock times of the account's zone, read as the UniTalk node reads
 * it (credential, its default when empty); without a credential, the workflow's zone.
 */
async function accountZone(ctx: IWebhookFunctions): Promise<string> {
	try {
		const zone = credentialZone(await ctx.getCredentials(CREDENTIAL_NAME));
		if (isTimeZone(zone)) return zone;
	} catch {
		// no credential: the workflow's zone is the best guess left
	}
	return ctx.getTimezone();
}

function fixedAnswer(ctx: IWebhookFunctions, mode: string): IDataObject {
	if (mode === 'queue')
		return {
			setPriority: Math.min(
				10,
				Math.max(1, Math.round(Number(ctx.getNodeParameter('priority', 5)) || 5)),
			),
		};
	const ivrId = Number(ctx.getNodeParameter('ivrId', 0));
	return {
		operatorNumber: text(ctx.getNodeParameter('operatorNumber', '')),
		callerName: null,
		ivrId: ivrId > 0 ? ivrId : null,
	};
}

function ignoreReason(
	ctx: IWebhookFunctions,
	event: string | null,
	record: ReturnType<typeof toCallRecord>,
): string | undefined {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (event && events.length && !events.includes(event)) return `${event} is not selected`;
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	if (filters.onlyMissed && !(event === 'CALL_END' && record.missed)) return 'not a missed call';
	const directions = (filters.directions as string[] | undefined) ?? [];
	if (directions.length && !directions.includes(String(record.direction)))
		return `direction ${String(record.direction)} is filtered out`;
	const outer = String(filters.outerNumbers ?? '')
		.split(/[,;\s]+/)
		.filter(Boolean);
	if (outer.length && !outer.includes(String(record.outerNumber)))
		return `outer number ${String(record.outerNumber)} is filtered out`;
	return undefined;
}

async function attachRecording(ctx: IWebhookFunctions, item: IDataObject, property: string) {
	const link = item.recordingUrl as string | null;
	if (!link) {
		item.recording = {
			attached: false,
			reason: 'The call has no recording link (only answered calls are recorded)',
		};
		return undefined;
	}
	try {
		const file = await downloadRecording(ctx, link);
		item.recording = { attached: true, fileName: file.fileName, size: file.data.length };
		return {
			[property]: await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType),
		};
	} catch (error) {
		item.recording = {
			attached: false,
			reason: `${(error as Error).message} (UniTalk may add recordings 10–15 minutes after the call)`,
		};
		return undefined;
	}
}
