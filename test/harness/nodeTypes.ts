import type {
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IExecuteFunctions,
	IVersionedNodeType,
} from 'n8n-workflow';

import { UniTalk } from '../../nodes/UniTalk/UniTalk.node';
import { UniTalkCallHistoryTrigger } from '../../nodes/UniTalk/UniTalkCallHistoryTrigger.node';
import { UniTalkTrigger } from '../../nodes/UniTalk/UniTalkTrigger.node';

/** Emits the items given in its `items` parameter: the input of the node under test. */
class ItemsSource implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as INodeExecutionData[];
		return [
			items.map((item, index) => ({
				json: item.json ?? item,
				binary: item.binary,
				pairedItem: { item: index },
			})),
		];
	}
}

/** Always fails: stands for a workflow step that breaks (e.g. a CRM lookup timing out). */
class Fail implements INodeType {
	description = {
		...new ItemsSource().description,
		displayName: 'Fail',
		name: 'fail',
		inputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new Error('CRM lookup failed');
	}
}

/** Passes its input on once the test opens the gate: stands for slow work after the answer (a CRM write). */
export const gate = { open: (): void => undefined, opened: Promise.resolve() };
export function closeGate(): void {
	gate.opened = new Promise((resolve) => (gate.open = resolve));
}
class Gate implements INodeType {
	description = {
		...new ItemsSource().description,
		displayName: 'Gate',
		name: 'gate',
		inputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		await gate.opened;
		return [this.getInputData()];
	}
}

export const NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-unitalk.uniTalk': new UniTalk(),
	'n8n-nodes-unitalk.uniTalkTrigger': new UniTalkTrigger(),
	'n8n-nodes-unitalk.uniTalkCallHistoryTrigger': new UniTalkCallHistoryTrigger(),
	'harness.items': new ItemsSource(),
	'harness.fail': new Fail(),
	'harness.gate': new Gate(),
};

export class TestNodeTypes implements INodeTypes {
	getByName(type: string): INodeType | IVersionedNodeType {
		return this.get(type);
	}

	getByNameAndVersion(type: string): INodeType {
		return this.get(type);
	}

	getKnownTypes() {
		return {};
	}

	private get(type: string): INodeType {
		const node = NODE_TYPES[type];
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	}
}
