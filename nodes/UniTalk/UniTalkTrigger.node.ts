// The UniTalk Trigger: verifies the sender, parses the body, then hands it to its mode's handler.
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiKeyOf, CREDENTIAL_NAME } from './transport/credential';
import { delivery, reply } from './trigger/delivery';
import { ANSWER_MODES, MODE_LABELS, triggerProperties } from './trigger/description';
import { IGNORED_OUTPUT } from './shared/ignoredEvent';
import { HANDLERS, IGNORED_OUTPUT_SINCE, type Mode } from './trigger/handlers';
import { parseBody } from './trigger/parse';
import { verify, type Verification } from './trigger/verify';

export class UniTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UniTalk Trigger',
		name: 'uniTalkTrigger',
		icon: { light: 'file:unitalk.svg', dark: 'file:unitalk.dark.svg' },
		group: ['trigger'],
		// 2: at the Test URL, a call event the trigger leaves out goes to a second output that nothing
		// follows, so a correct workflow stays green (1 sent it down the only output, into the next node).
		// 3: Filters offer Answered or Missed in place of Only Missed Calls (trigger/description.ts).
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: `={{ ${JSON.stringify(MODE_LABELS)}[$parameter["mode"]] }}`,
		// n8n's nodes panel shows this text for the UniTalk node and its actions too.
		description:
			'Calls, autodialers, SMS and Viber in UniTalk cloud PBX; starts workflows on calls and routing requests',
		eventTriggerDescription: 'Waiting for UniTalk to call the Test URL',
		activationMessage:
			'UniTalk can now start this workflow at the Production URL. Check that the URL is pasted in UniTalk as the panel describes.',
		defaults: { name: 'UniTalk Trigger' },
		inputs: [],
		outputs: `={{ ${IGNORED_OUTPUT_SINCE} <= $nodeVersion && ($parameter.mode ?? "events") === "events" ? ${JSON.stringify(
			[
				{ type: NodeConnectionTypes.Main, displayName: 'Call' },
				{ type: NodeConnectionTypes.Main, displayName: IGNORED_OUTPUT },
			],
		)} : ["${NodeConnectionTypes.Main}"] }}`,
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
	// incoming-scenario page by hand (see docs/uniTalk-trigger.md), so there is nothing to create or delete here.
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
		try {
			return await receive(this);
		} catch (error) {
			// Nothing a sender posts may fail the webhook (n8n would answer 500 and save a failed run).
			this.logger.warn(
				`UniTalk Trigger: a delivery could not be read (${(error as Error).message})`,
			);
			if ((this.getResponseObject() as { headersSent?: boolean }).headersSent)
				return { noWebhookResponse: true };
			const message = `The body could not be read as a UniTalk event: ${(error as Error).message}`;
			return reply(this, 400, { status: 'Error', message });
		}
	}
}

/** Verify the sender, parse the body, then the mode's handler answers and starts the workflow. */
async function receive(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const mode = ctx.getNodeParameter('mode') as Mode;
	const method = ctx.getNodeParameter(
		ANSWER_MODES.includes(mode) ? 'routeVerification' : 'verification',
	) as Verification;
	const check = verify({
		method,
		headers: ctx.getHeaderData() as IDataObject,
		query: ctx.getQueryData() as IDataObject,
		expected:
			method === 'apiKey' || method === 'apiKeyQuery'
				? await expectedKey(ctx)
				: String(ctx.getNodeParameter('secret', '')).trim(),
		headerName: String(ctx.getNodeParameter('headerName', 'X-UniTalk-Secret')),
	});
	if (check !== 'ok') {
		const message = check === 401 ? 'Missing credentials' : 'Forbidden';
		return reply(ctx, check, { status: 'Error', message });
	}
	const parsed = parseBody(
		ctx.getBodyData(),
		(ctx.getRequestObject() as { rawBody?: Buffer }).rawBody,
	);
	if (!parsed.body) {
		return reply(ctx, 400, { status: 'Error', message: parsed.error ?? 'Invalid body' });
	}
	return await HANDLERS[mode](ctx, delivery(ctx, parsed.body, parsed.problems));
}

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
