// The UniTalk action node: every operation is a declaration in resources/, run by engine/.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { describeResources, describeSubtitle } from './engine/describe';
import { executeOperation } from './engine/execute';
import { listSearch, loadOptions } from './methods/loadOptions';
import { findOperation, RESOURCES } from './resources';

export class UniTalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UniTalk',
		name: 'uniTalk',
		icon: { light: 'file:unitalk.svg', dark: 'file:unitalk.dark.svg' },
		group: ['output'],
		// 2: Answer Route refuses an Operator Number that is not a number (1 used the fallback for it,
		// and now says so in a hint).
		// 3: as an AI Agent tool, the node opens on Message → Send and asks the agent for phone numbers
		// ($fromAI) instead of reading the input's customerNumber (engine/describe.ts, withToolDefault).
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: describeSubtitle(RESOURCES),
		description:
			'Autodialers, calls, audio, SMS/Viber, distributions, call history and users of UniTalk cloud PBX',
		defaults: { name: 'UniTalk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Call Routing answers the waiting trigger and sends nothing to UniTalk: no credential to pick.
		credentials: [
			{
				name: 'uniTalkApi',
				required: true,
				displayOptions: { hide: { resource: ['callRouting'] } },
			},
		],
		properties: describeResources(RESOURCES),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const declared = findOperation(resource, operation);
		if (!declared)
			throw new NodeOperationError(
				this.getNode(),
				`Unknown operation "${operation}" of "${resource}"`,
			);
		// Continue On Fail is handled here for every operation: the engine turns each failed item
		// into an error item paired with its input, and the other items go on.
		return [await executeOperation(this, declared, this.continueOnFail())];
	}
}
