// The UniTalk Call History Trigger: polls UniTalk's call history and starts once per finished call,
// with the same item as the UniTalk Trigger's CALL_END. No public URL and no set-up in UniTalk.
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollProperties } from './poll/description';
import { pollHistory } from './poll/history';

export class UniTalkCallHistoryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UniTalk Call History Trigger',
		name: 'uniTalkCallHistoryTrigger',
		icon: { light: 'file:unitalk.svg', dark: 'file:unitalk.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts once for every call that ends in UniTalk, by checking the call history',
		subtitle: 'Finished Calls',
		defaults: { name: 'UniTalk Call History Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'uniTalkApi', required: true }],
		properties: pollProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHistory(this);
	}
}
