import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IRunExecutionData,
} from 'n8n-workflow';

import { additionalDataFor } from './credentials';
import { deferred, stub } from './stub';
import { TestNodeTypes } from './nodeTypes';
import { UniTalk } from '../../nodes/UniTalk/UniTalk.node';

export interface RunOptions {
	/** Parameters of the UniTalk node (resource, operation, …). */
	parameters: IDataObject;
	/** Input items of the UniTalk node (json, optional binary). */
	items?: Array<IDataObject | INodeExecutionData>;
	credentials: IDataObject;
	continueOnFail?: boolean;
	/** n8n's node setting "Retry On Fail": WorkflowExecute runs the node again, same execution. */
	retryOnFail?: { maxTries: number };
	timezone?: string;
	/** The credential's ID in n8n: two IDs holding one key are two credentials of one account. */
	credentialId?: string;
	/** The UniTalk node's typeVersion, as a saved workflow has it; default: the one n8n adds today. */
	typeVersion?: number;
	/** Called as the UniTalk node starts and ends (benchmarks time the node alone). */
	onUniTalk?: (phase: 'start' | 'end') => void;
}

export interface RunResult {
	items: INodeExecutionData[];
	/** The node's error when it failed (Continue On Fail off). */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	run: IRun;
}

const nodeTypes = new TestNodeTypes();
const UNITALK_VERSION = new UniTalk().description.defaultVersion ?? 1;

/** Runs Items → UniTalk through n8n-core's WorkflowExecute, as n8n runs a manual execution. */
export async function runUniTalk(options: RunOptions): Promise<RunResult> {
	const items = (options.items ?? [{}]).map((item) => ('json' in item ? item : { json: item }));
	const nodes: INode[] = [
		{
			id: '1',
			name: 'Items',
			type: 'harness.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items) },
		},
		{
			id: '2',
			name: 'UniTalk',
			type: 'n8n-nodes-unitalk.uniTalk',
			typeVersion: options.typeVersion ?? UNITALK_VERSION,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { uniTalkApi: { id: options.credentialId ?? '1', name: 'UniTalk account' } },
			onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
			...(options.retryOnFail
				? { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: 0 }
				: {}),
		},
	];
	const connections = { Items: { main: [[{ node: 'UniTalk', type: 'main' as const, index: 0 }]] } };
	const run = await execute(nodes, connections, options.credentials, options.timezone, (hooks) => {
		hooks.addHandler('nodeExecuteBefore', (name) => {
			if (name === 'UniTalk') options.onUniTalk?.('start');
		});
		hooks.addHandler('nodeExecuteAfter', (name) => {
			if (name === 'UniTalk') options.onUniTalk?.('end');
		});
	});
	const task = run.data.resultData.runData.UniTalk?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error as RunResult['error'], run };
}

export async function execute(
	nodes: INode[],
	connections: Workflow['connectionsBySourceNode'],
	credentials: IDataObject,
	timezone = 'Europe/Kyiv',
	addHooks?: (hooks: ExecutionLifecycleHooks) => void,
): Promise<IRun> {
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: { timezone },
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', stub());
	const done = deferred<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	addHooks?.(hooks);
	const additionalData = additionalDataFor(credentials, {
		hooks,
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost',
	});
	const start = workflow.getNode(nodes[0].name)!;
	const runData = {
		version: 1,
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	return await done.promise;
}
