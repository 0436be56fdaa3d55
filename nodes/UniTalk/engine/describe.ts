// The node's parameters, generated from the resources and their operation declarations.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PHONE_FROM_INPUT } from '../shared/validation';
import { alwaysDoesTwice } from './effect';
import { DEFAULT_KEYS_REMEMBERED } from './once';
import type { Operation } from './types';

export interface Resource {
	name: string;
	value: string;
	description: string;
	operations: Operation[];
}

/** The node's parameter list, generated from the operation declarations. */
export function describeResources(resources: Resource[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const properties: INodeProperties[] = withToolDefault(
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((r) => ({ name: r.name, value: r.value, description: r.description })),
			default: firstResource,
		},
		TOOL_RESOURCE,
	);
	for (const resource of resources) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: [...resource.operations]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map(
					(op): INodePropertyOptions => ({
						name: op.name,
						value: op.value,
						action: op.action,
						description: op.description,
					}),
				),
			default: firstOperation,
		});
	}
	for (const resource of resources) {
		for (const op of resource.operations) {
			const show = { resource: [resource.value], operation: [op.value] };
			for (const field of [...(op.fields ?? []), ...standardFields(op)]) {
				const shown: INodeProperties = {
					...field,
					displayOptions: {
						...field.displayOptions,
						show: { ...field.displayOptions?.show, ...show },
					},
				};
				const toolDefault =
					op.toolDefaults?.[field.name] ??
					(field.default === PHONE_FROM_INPUT ? phoneFromAgent(field) : undefined);
				if (toolDefault !== undefined) properties.push(...withToolDefault(shown, toolDefault));
				else properties.push(shown);
			}
		}
	}
	return properties;
}

/** The version from which the node, as an AI Agent tool, has defaults an agent can use. */
export const TOOL_DEFAULTS_SINCE = 3;

/**
 * As a tool the node opens on Message → Send (an SMS or Viber message: what an agent is asked to do
 * most, and what the node's description leads with) rather than on the first resource, Autodialer.
 */
const TOOL_RESOURCE = 'message';

/**
 * A parameter whose default differs when the node is an AI Agent tool (n8n's `@tool`), from version 3:
 * saved steps and saved tools of versions 1 and 2 keep the default they were saved with.
 */
function withToolDefault(
	property: INodeProperties,
	toolDefault: string | boolean,
): INodeProperties[] {
	const variant = (show: NonNullable<INodeProperties['displayOptions']>['show']) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	});
	const since = [{ _cnd: { gte: TOOL_DEFAULTS_SINCE } }];
	return [
		variant({ '@version': [1, 2] }),
		variant({ '@version': since, '@tool': [false] }),
		{ ...variant({ '@version': since, '@tool': [true] }), default: toolDefault },
	];
}

/**
 * A phone field's default for an agent: the input item's customerNumber means nothing to a chat, and
 * the agent cannot fill an expression, so the agent is asked for the number ($fromAI).
 */
function phoneFromAgent(field: INodeProperties): string {
	const what =
		field.typeOptions?.multipleValues || /numbers/i.test(field.displayName)
			? 'phone numbers, separated by commas'
			: 'phone number';
	const hint = `${field.displayName}: the ${what} in international format, digits only (e.g. 380971234567)`;
	return `={{ $fromAI(${JSON.stringify(field.name)}, ${JSON.stringify(hint)}, 'string') }}`;
}

/**
 * The canvas subtitle, "Add Numbers: Autodialer": display names, as n8n's own nodes show them,
 * instead of the internal values the usual `$parameter["operation"]` expression gives.
 */
export function describeSubtitle(resources: Resource[]): string {
	const labels: Record<string, string> = {};
	for (const resource of resources)
		for (const op of resource.operations)
			labels[`${resource.value}:${op.value}`] = `${op.name}: ${resource.name}`;
	return `={{ ${JSON.stringify(labels)}[$parameter["resource"] + ":" + $parameter["operation"]] || "" }}`;
}

/** Return All + Limit, Simplify and Batching, added where an operation declares them. */
function standardFields(op: Operation): INodeProperties[] {
	const fields: INodeProperties[] = [];
	if (op.paginate || op.limitList) {
		fields.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { returnAll: [false] } },
			},
		);
	}
	if (op.simplify) {
		fields.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
		});
	}
	if (op.batch) {
		fields.push({
			displayName: 'Batching',
			name: 'batching',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Combine Items Into Requests',
					name: 'combineItems',
					type: 'boolean',
					default: true,
					description: `Whether to pack many input items into one request (up to ${op.batch.maxPerRequest} per request). Turn off to send one request per item; requests are still paced so the account is never blocked.`,
				},
				{
					displayName: 'Resend the Rest When Numbers Are Refused',
					name: 'sendValidRest',
					type: 'boolean',
					default: true,
					description:
						'Whether, with Continue On Fail on, to report the numbers UniTalk refuses on their items and send the rest of that request again (UniTalk executes nothing of a refused request). With Continue On Fail off, a refusal stops the node and nothing is re-sent.',
				},
			],
		});
	}
	// An operation with a key of its own (op.once) declares its own switch among its fields.
	if (!op.run && !op.once && alwaysDoesTwice(op.effect)) fields.push(...oncePerKeyFields());
	return fields;
}

/** Send Once Per Key (engine/once.ts): on every operation that sends, calls, creates or changes. */
function oncePerKeyFields(): INodeProperties[] {
	const whenOn = { show: { sendOncePerKey: [true] } };
	return [
		{
			displayName: 'Send Once Per Key',
			name: 'sendOncePerKey',
			type: 'boolean',
			default: false,
			description:
				"Whether to send each item at most once per key, across executions and n8n processes: an item whose key was used before is skipped, not sent. Keys are kept in n8n's database.",
		},
		{
			displayName: 'Key',
			name: 'onceKey',
			type: 'string',
			default: '',
			required: true,
			// Shown as typed: no leading "=", which is how n8n stores an expression, not what a user types.
			placeholder: '{{ $json.dbId }}-missed-sms',
			description:
				'What makes an item the same business event, e.g. the call ID and what the step does. A key is kept once UniTalk accepted the item (or may have received it), and given back when UniTalk did not act, so the next run sends it.',
			displayOptions: whenOn,
		},
		{
			displayName: 'Remember Keys Per',
			name: 'onceScope',
			type: 'options',
			options: [
				{ name: 'This Node', value: 'node', description: 'Keys of this node only' },
				{
					name: 'Workflow',
					value: 'workflow',
					description: 'Keys shared by every UniTalk node of this workflow with this setting',
				},
			],
			default: 'node',
			displayOptions: whenOn,
		},
		{
			displayName: 'Keys Remembered',
			name: 'onceKeysRemembered',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_KEYS_REMEMBERED,
			description:
				'How many keys n8n keeps; the oldest are forgotten first (n8n keeps them in one database row per node or workflow)',
			displayOptions: whenOn,
		},
	];
}
