import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type IConnections,
	type IDataObject,
	type IExecuteResponsePromiseData,
	type INode,
	type INodeType,
	type IRun,
	type IRunExecutionData,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { additionalDataFor } from './credentials';
import { deferred, stub } from './stub';
import { NODE_TYPES, TestNodeTypes } from './nodeTypes';

/**
 * Serves a workflow's UniTalk Trigger over real HTTP the way n8n's webhook server does: raw body kept,
 * JSON parsed when valid, node's webhook() called through n8n-core's WebhookContext, the answer given
 * per responseMode (onReceived: at once; responseNode: whatever a node hands to sendResponse, else
 * 500 when the run failed or an empty 200 when it ended without one), and the workflow run by
 * WorkflowExecute. The e2e suite repeats these checks in a real n8n.
 */
export interface WebhookWorkflow {
	trigger: IDataObject;
	/** Nodes after the trigger, connected in a line. */
	then?: Array<Pick<INode, 'name' | 'type' | 'parameters'> & Partial<Pick<INode, 'onError'>>>;
	/** The trigger's output the first of `then` is connected to (default 0, the first). */
	fromOutput?: number;
	credentials?: IDataObject;
	/** The workflow's time zone (default Europe/Kyiv). */
	timezone?: string;
	/** 'manual' serves the Test URL as n8n's test webhooks do; default: the Production URL. */
	mode?: 'manual' | 'webhook';
	/** The trigger's typeVersion, as a saved workflow has it; default: the one n8n adds today. */
	triggerVersion?: number;
}

/** Express's "extended" query parser, which n8n's webhook server uses (?key[a]=1 is an object). */
const { parse: parseQuery } = require('qs') as { parse: (text: string) => IDataObject };

/** Each harness is its own workflow, as each test's trigger would be in n8n. */
let workflowCount = 0;

export class WebhookHarness {
	readonly executions: IRun[] = [];
	private server?: Server;
	private pending: Array<Promise<unknown>> = [];
	url = '';
	private readonly id = `wh${++workflowCount}`;

	constructor(private readonly definition: WebhookWorkflow) {}

	async start(): Promise<this> {
		this.server = createServer((req, res) => void this.track(this.handle(req, res)));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook/unitalk`;
		return this;
	}

	async stop(): Promise<void> {
		await this.settled();
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	/** Waits for requests and the workflows they started (those run after the answer). */
	async settled(): Promise<void> {
		while (this.pending.length) await Promise.allSettled(this.pending.splice(0));
	}

	private async track<T>(work: Promise<T>): Promise<T> {
		this.pending.push(work);
		return await work;
	}

	private workflow() {
		const nodes: INode[] = [
			{
				id: 't',
				name: 'Trigger',
				type: 'n8n-nodes-unitalk.uniTalkTrigger',
				typeVersion:
					this.definition.triggerVersion ??
					(NODE_TYPES['n8n-nodes-unitalk.uniTalkTrigger'] as INodeType).description
						.defaultVersion ??
					1,
				position: [0, 0],
				parameters: this.definition.trigger as INode['parameters'],
				webhookId: 'unitalk',
				credentials: { uniTalkApi: { id: '1', name: 'UniTalk' } },
			},
			...(this.definition.then ?? []).map((n, i) => ({
				id: `n${i}`,
				typeVersion: 1,
				position: [200 * (i + 1), 0] as [number, number],
				credentials: { uniTalkApi: { id: '1', name: 'UniTalk' } },
				...n,
			})),
		];
		const connections: IConnections = {};
		for (let i = 0; i + 1 < nodes.length; i++) {
			const output = i === 0 ? (this.definition.fromOutput ?? 0) : 0;
			const main: IConnections[string]['main'] = Array.from({ length: output }, () => []);
			main.push([{ node: nodes[i + 1].name, type: 'main', index: 0 }]);
			connections[nodes[i].name] = { main };
		}
		return {
			nodes,
			workflow: new Workflow({
				id: this.id,
				nodes,
				connections,
				active: true,
				nodeTypes: new TestNodeTypes(),
				settings: { timezone: this.definition.timezone ?? 'Europe/Kyiv' },
			}),
		};
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		return additionalDataFor(this.definition.credentials ?? {});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://localhost');
		let body: unknown = {};
		if (String(req.headers['content-type']).includes('json')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = {}; // invalid JSON: the node sees an empty body and the raw bytes
			}
		} else if (String(req.headers['content-type']).includes('urlencoded')) {
			body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
		}
		const request = {
			headers: req.headers,
			query: parseQuery(url.search.slice(1)),
			body,
			rawBody,
			method: req.method,
			url: req.url,
			params: {},
		};
		const response = expressLike(res);

		const { nodes, workflow } = this.workflow();
		const trigger = nodes[0];
		const nodeType = NODE_TYPES[trigger.type] as INodeType;
		const additionalData = this.additionalData();
		Object.assign(additionalData, { httpRequest: request, httpResponse: response });
		const webhookData = {
			httpMethod: 'POST',
			node: trigger.name,
			path: 'unitalk',
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: 'wh',
		} as unknown as IWebhookData;
		const context = new WebhookContext(
			workflow,
			trigger,
			additionalData,
			this.definition.mode ?? 'webhook',
			webhookData,
			[],
			null,
		);
		const result = await nodeType.webhook!.call(context);
		const responseMode = workflow.expression.getSimpleParameterValue(
			trigger,
			nodeType.description.webhooks![0].responseMode as string,
			'webhook',
			{},
			undefined,
			'onReceived',
		);

		if (!result.workflowData) {
			if (!result.noWebhookResponse && !res.headersSent)
				response.status(200).json(result.webhookResponse ?? {});
			return;
		}
		const answer = deferred<IExecuteResponsePromiseData | undefined>();
		const execution = this.track(
			this.execute(workflow, trigger, result.workflowData, answer.resolve),
		);
		if (result.noWebhookResponse) return;
		if (responseMode !== 'responseNode') {
			response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
			return;
		}
		// As n8n does: the first sendResponse wins; a run that ends without one is answered at its end.
		void execution.then((run) =>
			answer.resolve(
				run.data.resultData.error
					? { statusCode: 500, body: { code: 0, message: 'Error in workflow' } }
					: undefined,
			),
		);
		const sent = await answer.promise;
		if (!sent) response.status(200).end();
		else response.status(Number(sent.statusCode ?? 200)).json(sent.body);
	}

	private async execute(
		workflow: Workflow,
		trigger: INode,
		data: NonNullable<Awaited<ReturnType<NonNullable<INodeType['webhook']>>>['workflowData']>,
		onResponse: (response: IExecuteResponsePromiseData) => void,
	): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks(
			'webhook',
			String(this.executions.length + 1),
			stub(),
		);
		const done = deferred<IRun>();
		hooks.addHandler('sendResponse', onResponse);
		hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
		const additionalData = this.additionalData();
		Object.assign(additionalData, { hooks, currentNodeParameters: undefined });
		const runData = {
			version: 1,
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: trigger, data: { main: data }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		await new WorkflowExecute(additionalData, 'webhook', runData).processRunExecutionData(workflow);
		const run = await done.promise;
		this.executions.push(run);
		return run;
	}
}

function expressLike(res: ServerResponse) {
	const response = {
		status(code: number) {
			res.statusCode = code;
			return response;
		},
		json(body: unknown) {
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(body));
			return response;
		},
		send(body: unknown) {
			res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
			return response;
		},
		end: (body?: unknown) => res.end(body as string),
		setHeader: (name: string, value: string) => res.setHeader(name, value),
		get headersSent() {
			return res.headersSent;
		},
	};
	return response;
}
