// Every resource of the node, in menu order, and the lookup of one operation.
import type { Resource } from '../engine/describe';
import type { Operation } from '../engine/types';
import { audioOperations } from './audio';
import { autodialResource } from './autodial';
import { callOperations } from './call';
import { callbackResource } from './callback';
import { distributionOperations } from './distribution';
import { historyOperations } from './history';
import { messageOperations } from './message';
import { routingOperations } from './routing';
import { blockedListOperations } from './blockedList';
import { dictionaryOperations } from './dictionary';
import { eventHandlerOperations } from './eventHandler';
import { lineOperations } from './line';
import { statisticsOperations } from './statistics';
import { userOperations } from './user';
import { webDialerOperations } from './webDialer';

/**
 * Every resource of the node, in menu order: n8n's nodes panel lists the actions in this order too.
 * Autodialer stays first (the default of saved steps); Message comes next, so "Send SMS" is found near
 * the top rather than about 40th; Callback after it, the missed-call story's next step (SMS now, call
 * back in working hours); the rest alphabetically.
 */
export const RESOURCES: Resource[] = [
	autodialResource,
	{
		name: 'Message',
		value: 'message',
		description: 'SMS and Viber messages',
		operations: messageOperations,
	},
	callbackResource,
	{
		name: 'Audio',
		value: 'audio',
		description: 'Project audio files and text-to-speech',
		operations: audioOperations,
	},
	{
		name: 'Blocked List',
		value: 'blockedList',
		description: 'Blocked numbers',
		operations: blockedListOperations,
	},
	{
		name: 'Call',
		value: 'call',
		description: 'Start, end and analyse calls',
		operations: callOperations,
	},
	{
		name: 'Call Routing',
		value: 'callRouting',
		description: "Answers to the UniTalk Trigger's ROUTE and queue requests",
		operations: routingOperations,
	},
	{
		name: 'Dictionary',
		value: 'dictionary',
		description: 'IDs and names of project entities',
		operations: dictionaryOperations,
	},
	{
		name: 'Distribution',
		value: 'distribution',
		description: 'SMS and Viber distributions',
		operations: distributionOperations,
	},
	{
		name: 'Event Handler',
		value: 'eventHandler',
		description: 'Scheduled event handlers',
		operations: eventHandlerOperations,
	},
	{ name: 'History', value: 'history', description: 'Call history', operations: historyOperations },
	{
		name: 'Line',
		value: 'line',
		description: 'Internal lines and groups',
		operations: lineOperations,
	},
	{
		name: 'Statistics',
		value: 'statistics',
		description: 'Operator statistics',
		operations: statisticsOperations,
	},
	{
		name: 'User',
		value: 'user',
		description: 'Users and work statuses',
		operations: userOperations,
	},
	{
		name: 'Web Dialer',
		value: 'webDialer',
		description: 'Web Dialer notifications',
		operations: webDialerOperations,
	},
];

export function findOperation(resource: string, operation: string): Operation | undefined {
	return RESOURCES.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
