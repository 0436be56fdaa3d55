import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { text, toCallRecord } from './shared/callRecord';
import { isTimeZone } from './shared/validation';
import { downloadRecording } from './transport/download';
import { apiKeyOf, CREDENTIAL_NAME } from './transport/request';
import { triggerProperties } from './trigger/description';
import { kindOf, parseBody } from './trigger/parse';
import { isRepeat } from './trigger/repeats';
import { verify, type Verification } from './trigger/verify';

export class UniTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UniTalk Trigger',
		name: 'uniTalkTrigger',
		icon: { light: 'file:unitalk.svg', dark: 'file:unitalk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"]}}',
		description: 'Starts on UniTalk call webhooks and answers ROUTE and voice-queue requests',
		defaults: { name: 'UniTalk Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'uniTalkApi', required: false }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'unitalk',
				// "responseNode": Call Routing → Answer Route replies the moment it runs, so UniTalk does not
				// wait for the rest of the workflow or for n8n saving the execution. Every other answer is
				// written by webhook() itself (reply below): n8n 2.x's onReceived would send a `responseData`
				// value, or its 'firstEntryJson' default, as the literal body.
				responseMode:
					'={{ ["route", "queue"].includes($parameter["mode"]) && $parameter["answer"] !== "fixed" ? "responseNode" : "onReceived" }}',
			},
		],
		properties: triggerProperties,
	};

	// UniTalk has no API to register webhooks: the URL is pasted on its "Event handling" or
	// incoming-scenario page by hand (see README), so there is nothing to create or delete here.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const reply = (
			status: number,
			body: IDataObject,
			workflowData?: IWebhookResponseData['workflowData'],
		): IWebhookResponseData => {
			res.status(status).json(body);
			return { noWebhookResponse: true, workflowData };
		};
		const mode = this.getNodeParameter('mode') as string;
		const method = this.getNodeParameter('verification') as Verification;
		const check = verify({
			method,
			headers: this.getHeaderData() as IDataObject,
			query: this.getQueryData() as IDataObject,
			expected:
				method === 'apiKey'
					? await expectedKey(this)
					: String(this.getNodeParameter('secret', '')).trim(),
			headerName: String(this.getNodeParameter('headerName', 'X-UniTalk-Secret')),
		});
		if (check !== 'ok')
			return reply(check, {
				status: 'Error',
				message: check === 401 ? 'Missing credentials' : 'Forbidden',
			});

		const parsed = parseBody(
			this.getBodyData(),
			(this.getRequestObject() as { rawBody?: Buffer }).rawBody,
		);
		if (!parsed.body)
			return reply(400, { status: 'Error', message: parsed.error ?? 'Invalid body' });
		const body = parsed.body;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const kind = kindOf(body);
		const base: IDataObject = { kind };
		if (parsed.problems.length) base.problems = parsed.problems;
		const raw = options.includeRaw === false ? {} : { raw: body };

		if (mode === 'route' || mode === 'queue') {
			const call = (body.call as IDataObject) ?? body;
			const item = {
				...base,
				event: mode === 'route' ? 'ROUTE' : 'QUEUE',
				customerNumber: text(call.from),
				outerNumber: text(call.outerNumber),
				...raw,
			};
			return this.getNodeParameter('answer') === 'fixed'
				? reply(200, fixedAnswer(this, mode), [[{ json: item }]])
				: { workflowData: [[{ json: item }]] };
		}
		// `kind` is ours: a body that carries its own "kind" must not decide what it is.
		if (mode === 'notifications')
			return reply(200, RECEIVED, [[{ json: { ...body, ...base, ...raw } }]]);

		if (kind !== 'call')
			return reply(400, {
				status: 'Error',
				message:
					'Not a UniTalk call event: the body needs "event" (CALL_NEW, CALL_ANSWER, CALL_REDIRECT or CALL_END) and "call"',
			});
		const event = String(body.event ?? '').toUpperCase() || null;
		if (!event) base.problems = [...((base.problems as string[]) ?? []), 'The body has no "event"'];
		const record = toCallRecord((body.call as IDataObject) ?? {}, await accountZone(this));
		const ignored = ignoreReason(this, event, record);
		if (ignored) return reply(200, { status: 'Success', message: `Ignored: ${ignored}` });
		const deliveryKey = `${this.getWorkflow().id}|${this.getNode().id}|${event}|${record.callId ?? record.dbId}`;
		if (
			options.ignoreRepeats !== false &&
			(record.callId || record.dbId) &&
			isRepeat(deliveryKey)
		) {
			return reply(200, {
				status: 'Success',
				message: 'Received (a repeat of an event already delivered)',
			});
		}
		const item: IDataObject = { event, ...record, ...base, ...raw };
		if (!(event === 'CALL_END' && options.attachRecording))
			return reply(200, RECEIVED, [[{ json: item }]]);
		const answered = reply(200, RECEIVED); // answer UniTalk before downloading
		const binary = await attachRecording(this, item, String(options.binaryProperty || 'recording'));
		return { ...answered, workflowData: [[{ json: item, binary }]] };
	}
}

const RECEIVED: IDataObject = { status: 'Success', message: 'Received' };

async function expectedKey(ctx: IWebhookFunctions): Promise<string> {
	try {
		return apiKeyOf(await ctx.getCredentials(CREDENTIAL_NAME));
	} catch (error) {
		ctx.logger.warn(
			`UniTalk Trigger: no credential to verify the sender (${(error as Error).message})`,
		);
		return '';
	}
}

/** UniTalk's call times are wall-clock times of the account's zone (credential), else the workflow's. */
async function accountZone(ctx: IWebhookFunctions): Promise<string> {
	try {
		const zone = String((await ctx.getCredentials(CREDENTIAL_NAME)).timeZone ?? '').trim();
		if (zone && isTimeZone(zone)) return zone;
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
