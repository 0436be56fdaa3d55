// SMS and Viber. Items without a sender name are sent through /message/sendBulk, 100 per request.
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable, READS } from '../engine/effect';
import type { Params } from '../engine/params';
import type { Batch, Operation, Unit, UnitResult } from '../engine/types';
import {
	InputError,
	parseJsonField,
	requireId,
	requireLength,
	requirePhone,
	requireText,
} from '../shared/validation';
import { phone, phoneList, pick, str, when } from './fields';
import { phoneSummary, phoneUnits } from './units';

const TYPES: Array<[string, string]> = [
	['SMS', 'SMS'],
	['Viber', 'VIBER'],
];

/**
 * Viber's 1000 characters are documented. The reference gives no SMS limit; 1600 characters (ten
 * concatenated SMS parts) is our own guard so a mistaken expression cannot send a megabyte.
 */
const MAX_TEXT: Record<string, number> = { VIBER: 1000, SMS: 1600 };

/** The text as typed (leading spaces and line breaks are the sender's), never empty. */
function checkText(text: unknown, type: string, field: string): string {
	const value = requireText(text, field);
	if (!value.trim()) throw new InputError(`"${field}" is empty`, field);
	return requireLength(value, MAX_TEXT[type] ?? 1600, field);
}

/** Request body and per-number outcome shared by Send and Send Bulk. */
function bulkPayload(type: string, units: Unit[]): IDataObject {
	const texts = new Set(units.map((u) => u.value as string));
	if (texts.size === 1)
		return {
			messagesType: type,
			recipients: units.map((u) => u.key),
			text: units[0].value as string,
		};
	return {
		messagesType: type,
		messages: Object.fromEntries(units.map((u) => [u.key, u.value as string])),
	};
}

const MISSING_FROM_ANSWER = `UniTalk's answer did not list this number: it may have been sent. It is not sent again.`;

function bulkResults(response: unknown, units: Unit[]): UnitResult[] {
	const data = ((response as IDataObject).data ?? {}) as IDataObject;
	if (typeof data !== 'object')
		return units.map((unit) => ({ unit, ok: true, data: { messageId: data } }));
	return units.map((unit) => {
		const entry = data[unit.key] as IDataObject | undefined;
		if (!entry) return { unit, ok: false, unknown: true, error: MISSING_FROM_ANSWER };
		return entry.error
			? { unit, ok: false, error: String(entry.error), data: { messageId: entry.id ?? null } }
			: { unit, ok: true, data: { messageId: entry.id } };
	});
}

const sendBatch: Batch = {
	maxPerRequest: 100,
	uniqueKeys: true,
	units: (p) => {
		const type = p.str('messageType');
		const text = checkText(p.get<unknown>('text', ''), type, 'Text');
		const senderName = p.str('alphaName');
		// sendBulk has no sender name, so an item with one travels alone through /message/send
		const group = senderName ? `single|${p.itemIndex}` : `bulk|${type}`;
		return { group, units: [{ item: p.itemIndex, key: p.phone('to', 'To'), value: text }] };
	},
	pathFor: (_p, units) => (units.length === 1 ? '/message/send' : '/message/sendBulk'),
	payload: (p, units) =>
		units.length === 1
			? {
					messageType: p.str('messageType'),
					alfaName: p.opt('alphaName'), // UniTalk's spelling of the field
					to: units[0].key,
					text: units[0].value as string,
				}
			: bulkPayload(p.str('messageType'), units),
	results: (response, units) =>
		units.length === 1
			? [{ unit: units[0], ok: true, data: { messageId: (response as IDataObject).data } }]
			: bulkResults(response, units),
	summarize: (p, results) => ({
		to: results[0]?.unit.key,
		messageType: p.str('messageType'),
		messageId: results[0]?.data?.messageId ?? null,
		sent: results[0]?.ok ?? false,
		error: results[0]?.error ?? null,
	}),
};

const bulkMode = (p: Params) => p.str('mode');

export const messageOperations: Operation[] = [
	{
		value: 'send',
		name: 'Send',
		action: 'Send an SMS or Viber message',
		description: 'Send one message per item; many items are combined into bulk requests of 100',
		path: '/message/send',
		body: 'json',
		effect: notRepeatable('Sends a message: a second request reaches the person again.'),
		fields: [
			pick('messageType', 'Type', TYPES, {
				description:
					'SMS, or Viber (through the messaging service connected to your UniTalk project)',
			}),
			phone('to', 'To'),
			str('text', 'Text', {
				required: true,
				typeOptions: { rows: 3 },
				description: 'Viber: at most 1,000 characters; SMS: at most 1,600 (ten SMS parts)',
			}),
			str('alphaName', 'Sender Name', {
				description:
					'The sender name (alpha name) to use when your messaging service has more than one; messages with a sender name are sent one request each',
			}),
		],
		batch: sendBatch,
	},
	{
		value: 'sendBulk',
		name: 'Send Bulk',
		action: 'Send a message to many numbers',
		description: 'Send one text to a list of numbers, or a different text per number',
		path: '/message/sendBulk',
		body: 'json',
		effect: notRepeatable('Sends messages: a second request reaches everyone again.'),
		fields: [
			pick('messageType', 'Type', TYPES, {
				description:
					'SMS, or Viber (through the messaging service connected to your UniTalk project)',
			}),
			pick('mode', 'Texts', [
				['Same Text for All', 'recipients'],
				['Text per Number (JSON)', 'messages'],
			]),
			phoneList('recipients', 'Recipients', { required: true, ...when({ mode: ['recipients'] }) }),
			str('text', 'Text', {
				required: true,
				typeOptions: { rows: 3 },
				...when({ mode: ['recipients'] }),
			}),
			{
				displayName: 'Messages',
				name: 'messages',
				type: 'json',
				default: '{\n  "380971234567": "Hello!"\n}',
				required: true,
				description: 'Object of phone number → text',
				...when({ mode: ['messages'] }),
			},
		],
		batch: {
			maxPerRequest: 100,
			uniqueKeys: true,
			units: async (p) => {
				const type = p.str('messageType');
				if (bulkMode(p) === 'recipients') {
					const text = checkText(p.get<unknown>('text', ''), type, 'Text');
					return {
						group: `${type}`,
						units: await phoneUnits(p, 'recipients', 'Recipients', () => text),
					};
				}
				const messages = parseJsonField(p.get<unknown>('messages', '{}'), 'Messages');
				if (!messages || typeof messages !== 'object' || Array.isArray(messages)) {
					throw new InputError('"Messages" must be an object of phone number → text', 'messages');
				}
				const entries = Object.entries(messages as IDataObject);
				if (!entries.length) throw new InputError('"Messages" is empty', 'messages');
				const units = entries.map(([to, text]) => ({
					item: p.itemIndex,
					key: requirePhone(to, 'Messages (key)'),
					value: checkText(text, type, `Messages → ${to}`),
				}));
				return { group: type, units };
			},
			payload: (p, units) => bulkPayload(p.str('messageType'), units),
			results: bulkResults,
			summarize: (p, results) => ({
				messageType: p.str('messageType'),
				...phoneSummary(results, {}, 'sent'),
				messageIds: Object.fromEntries(
					results.filter((r) => r.ok).map((r) => [r.unit.key, r.data?.messageId]),
				),
			}),
		},
	},
	{
		value: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a message',
		description:
			'Delivery status of sent messages (SENT, DELIVERED, NOT_DELIVERED or ERROR), one request and one item per message ID',
		path: '/message/getStatus',
		body: 'form',
		effect: READS,
		fields: [
			str('messageId', 'Message IDs', {
				required: true,
				default: '={{ $json.messageId }}',
				description:
					'One message ID, or several (a list, or separated by commas), e.g. {{ Object.values($json.messageIds) }} after Send Bulk. UniTalk answers one ID per request: one output item per ID.',
			}),
		],
		// UniTalk has no status call for many messages: one paced request per ID.
		fanOut: {
			payloads: (p) => messageIds(p).map((id) => ({ id })),
			output: (response, p, index) => ({
				messageId: messageIds(p)[index],
				...((response as IDataObject).data as IDataObject),
			}),
		},
	},
];

/** The item's message IDs, each a whole number; none is an error naming the field. */
function messageIds(p: Params): number[] {
	const ids = p.list('messageId').map((id) => requireId(id, 'Message IDs'));
	if (!ids.length) throw new InputError('"Message IDs" is empty', 'messageId');
	return ids;
}
