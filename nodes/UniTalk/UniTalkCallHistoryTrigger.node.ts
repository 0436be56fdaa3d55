// The UniTalk Call History Trigger: polls UniTalk's call history (or autodialers' call results) and
// starts once per call, with the UniTalk Trigger's CALL_END item. No public URL, no set-up in UniTalk.
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from './methods/loadOptions';
import { pollProperties } from './poll/description';
import { pollCalls } from './poll/poll';

export class UniTalkCallHistoryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UniTalk Call History Trigger',
		name: 'uniTalkCallHistoryTrigger',
		icon: { light: 'file:unitalk.svg', dark: 'file:unitalk.dark.svg' },
		group: ['trigger'],
		// 2: Filters offer Answered or Missed in place of Only Missed Calls (poll/description.ts).
		version: [1, 2],
		defaultVersion: 2,
		description:
			"Starts once for every call that ends in UniTalk, once its recording is ready, or once a scheduled callback's loop closes, by checking UniTalk",
		subtitle:
			'={{ {"autodialerCalls": "Autodialer Call Results", "recordingReady": "Recording Ready", "callbackOutcomes": "Callback Outcomes"}[$parameter["event"]] ?? "Finished Calls" }}',
		defaults: { name: 'UniTalk Call History Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'uniTalkApi', required: true }],
		properties: pollProperties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCalls(this);
	}
}
