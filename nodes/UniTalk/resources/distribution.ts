// Message distributions (SMS / Viber campaigns). Create packs many items into one distribution.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { notRepeatable, READS } from '../engine/effect';
import { compact, type Params } from '../engine/params';
import type { Operation } from '../engine/types';
import { InputError, requireLength, requireRange } from '../shared/validation';
import {
	bool,
	collection,
	dateTime,
	fromAccount,
	num,
	phoneList,
	pick,
	str,
	when,
	PHONE_FROM_INPUT,
} from './fields';
import { phoneSummary, phoneUnits, unitsInData } from './units';

const distribution = fromAccount('distributionId', 'Distribution Name or ID', 'getDistributions', {
	required: true,
});
const idOf = (p: Params) => p.id('distributionId', 'Distribution');
const viber = when({ messageType: ['VIBER'] });
/** For options inside a collection, which see the top-level Type as '/messageType'. */
const viberOption = when({ '/messageType': ['VIBER'] });

const createFields: INodeProperties[] = [
	str('name', 'Name', { required: true, description: 'Unique, at most 45 characters' }),
	pick('messageType', 'Type', [
		['SMS', 'SMS'],
		['Viber', 'VIBER'],
	]),
	pick(
		'viberMessageType',
		'Viber Message',
		[
			['Promo', 'PROMO'],
			['Transactional', 'TRANSACTIONAL'],
			['Carousel', 'CAROUSEL'],
		],
		viber,
	),
	phoneList('numbers', 'Numbers', {
		required: true,
		default: PHONE_FROM_INPUT,
		description:
			'Recipients of this item; items with the same settings share one distribution (up to 10,000 numbers)',
	}),
	str('text', 'Text', { required: true, typeOptions: { rows: 3 } }),
	num('viberTTL', 'Viber Time to Live (S)', {
		default: 3600,
		typeOptions: { minValue: 60, maxValue: 86400 },
		...viber,
	}),
	collection('options', 'Options', 'Add option', [
		str('alphaName', 'Sender Name'),
		dateTime('startTime', 'Start At', { description: 'Leave empty to start at once' }),
		// Viber only: an SMS distribution has no image, button or SMS fallback.
		str('imageProperty', 'Image (Binary Field)', {
			description: 'Viber Promo: name of the binary field holding the image',
			...viberOption,
		}),
		str('buttonText', 'Button Text', {
			description: 'Viber Promo: up to 30 characters',
			...viberOption,
		}),
		str('buttonUrl', 'Button URL', viberOption),
		bool(
			'sendSmsAfterViber',
			'SMS When Viber Fails',
			'Whether to send an SMS to numbers Viber did not reach',
			viberOption,
		),
		str('smsText', 'SMS Text', {
			description: 'Sent to numbers Viber did not reach',
			...viberOption,
		}),
		str('smsAlphaName', 'SMS Sender Name', viberOption),
	]),
	{
		displayName: 'Carousel Cards',
		name: 'carousel',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true, multipleValueButtonText: 'Add Card' },
		default: {},
		description: '2 to 5 cards',
		...when({ messageType: ['VIBER'], viberMessageType: ['CAROUSEL'] }),
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					str('title', 'Title'),
					str('imageProperty', 'Image (Binary Field)', { default: 'data' }),
					str('label', 'Button Text'),
					str('actionUrl', 'Button URL'),
					str('secondaryLabel', 'Second Button Text'),
					str('secondaryUrl', 'Second Button URL'),
				],
			},
		],
	},
];

async function image(p: Params, property: string, field: string): Promise<IDataObject> {
	const binary = p.item.binary?.[property];
	if (!binary)
		throw new InputError(
			`Item ${p.itemIndex} has no binary field "${property}" for ${field}`,
			field,
		);
	const buffer = await p.ctx.helpers.getBinaryDataBuffer(p.itemIndex, property);
	return {
		base64Image: buffer.toString('base64'),
		mimeType: binary.mimeType,
		fileName: (binary.fileName ?? property).replace(/\.[^.]+$/, '').slice(0, 20),
	};
}

/** Everything of a Create except the numbers: items with equal settings share a distribution. */
async function settings(p: Params): Promise<IDataObject> {
	const o = p.collection('options');
	const type = p.str('messageType');
	const body: IDataObject = compact({
		name: requireLength(p.str('name'), 45, 'Name', 1),
		messageType: type,
		text: p.text('text').trim() ? p.text('text') : undefined,
		alphaName: (o.alphaName as string) || undefined,
		startTime: o.startTime ? p.dateTime('options.startTime', 'Start At') : undefined,
	});
	if (!body.text) throw new InputError('"Text" is empty', 'text');
	if (type !== 'VIBER') return body;
	body.viberMessageType = p.str('viberMessageType');
	body.viberTTL = requireRange(p.num('viberTTL'), 60, 86400, 'Viber Time to Live');
	if (body.viberMessageType === 'PROMO' && o.imageProperty)
		Object.assign(body, await image(p, String(o.imageProperty), 'Image'));
	if (o.buttonText)
		Object.assign(body, {
			buttonText: requireLength(String(o.buttonText), 30, 'Button Text'),
			buttonUrl: o.buttonUrl || undefined,
		});
	if (o.buttonText && !o.buttonUrl)
		throw new InputError('"Button URL" is required with "Button Text"', 'buttonUrl');
	if (body.viberMessageType === 'CAROUSEL') {
		const cards = (p.collection('carousel').card as IDataObject[] | undefined) ?? [];
		if (cards.length < 2 || cards.length > 5)
			throw new InputError(`A carousel needs 2 to 5 cards (got ${cards.length})`, 'carousel');
		body.carouselItems = await Promise.all(
			cards.map(async (c) =>
				compact({
					title: requireLength(String(c.title ?? ''), 38, 'Card Title', 2),
					...(await image(p, String(c.imageProperty || 'data'), 'Card Image')),
					primaryButton: {
						label: requireLength(String(c.label ?? ''), 10, 'Button Text', 1),
						actionUrl: c.actionUrl,
					},
					secondaryButton: c.secondaryLabel
						? {
								label: requireLength(String(c.secondaryLabel), 12, 'Second Button Text'),
								actionUrl: c.secondaryUrl,
							}
						: undefined,
				} as IDataObject),
			),
		);
	}
	if (o.sendSmsAfterViber) {
		if (!o.smsText)
			throw new InputError('"SMS Text" is required for "SMS When Viber Fails"', 'smsText');
		Object.assign(
			body,
			compact({
				sendSmsAfterViber: true,
				smsText: o.smsText,
				smsAlphaName: (o.smsAlphaName as string) || undefined,
			} as IDataObject),
		);
	}
	return body;
}

const settingsCache = new WeakMap<Params, IDataObject>();

export const distributionOperations: Operation[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many distributions',
		description: 'List message distributions with their status',
		path: '/messageDistribution/getAll',
		body: 'json',
		effect: READS,
		limitList: true,
		build: () => ({}),
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create a distribution',
		description:
			'Create an SMS or Viber distribution (promo, transactional, carousel, SMS fallback)',
		path: '/messageDistribution/create',
		body: 'json',
		effect: notRepeatable(
			'Creates a distribution that sends its messages: a second one sends them again.',
		),
		fields: createFields,
		batch: {
			maxPerRequest: 10_000,
			units: async (p) => {
				const units = await phoneUnits(p, 'numbers', 'Numbers');
				const viber = p.str('messageType') === 'VIBER';
				const viberSettings = viber
					? {
							viber: p.str('viberMessageType'),
							ttl: p.num('viberTTL'),
							cards: p.str('viberMessageType') === 'CAROUSEL' ? p.collection('carousel') : null,
						}
					: {};
				// items share a distribution only when all settings match; images are per item
				const image =
					p.collection('options').imageProperty || viberSettings.cards ? p.itemIndex : null;
				const group = JSON.stringify({
					...p.collection('options'),
					name: p.str('name'),
					type: p.str('messageType'),
					text: p.text('text'),
					...viberSettings,
					image,
				});
				return { group, units };
			},
			payload: async (p, units, chunk) => {
				const base = settingsCache.get(p) ?? (await settings(p));
				settingsCache.set(p, base);
				const name = chunk === 0 ? base.name : `${String(base.name).slice(0, 40)} #${chunk + 1}`;
				return { ...base, name, numbers: units.map((u) => u.key) };
			},
			results: (response, units) =>
				units.map((unit) => ({
					unit,
					ok: true,
					data: { distributionId: (response as IDataObject).data },
				})),
			rejected: (message, data, units) =>
				message === 'Wrong numbers' ? unitsInData(data, units) : undefined,
			summarize: (_p, results) => ({
				distributionIds: [
					...new Set(results.filter((r) => r.ok).map((r) => r.data?.distributionId)),
				],
				...phoneSummary(results, {}, 'added'),
			}),
		},
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a distribution',
		description: 'Change name, type, text or start time of a distribution that has not finished',
		path: '/messageDistribution/update',
		body: 'json',
		effect: notRepeatable(
			'A repeat that lands after someone else changed the distribution would undo their change.',
		),
		fields: [
			distribution,
			str('name', 'Name', { required: true }),
			pick('messageType', 'Type', [
				['SMS', 'SMS'],
				['Viber', 'VIBER'],
			]),
			str('text', 'Text', { required: true, typeOptions: { rows: 3 } }),
			dateTime('startTime', 'Start At'),
		],
		build: (p) =>
			compact({
				id: idOf(p),
				name: requireLength(p.str('name'), 45, 'Name', 1),
				messageType: p.str('messageType'),
				text: requireLength(p.text('text'), 100_000, 'Text', 1),
				startTime: p.str('startTime') ? p.dateTime('startTime', 'Start At') : undefined,
			}),
		output: (response, p) => ({ id: idOf(p), ...(response as IDataObject) }),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a distribution',
		description: 'Delete a distribution',
		path: '/messageDistribution/remove',
		body: 'form',
		effect: notRepeatable(
			'A second delete is refused as not found and would hide that the first one worked.',
		),
		fields: [distribution],
		build: (p) => ({ id: idOf(p) }),
		output: (response, p) => ({ id: idOf(p), ...(response as IDataObject) }),
	},
	{
		value: 'pause',
		name: 'Pause',
		action: 'Pause a distribution',
		description: 'Pause a running distribution',
		path: '/messageDistribution/setPaused',
		body: 'form',
		effect: notRepeatable(
			'A repeat that lands after someone unpaused the distribution would pause it again.',
		),
		fields: [distribution],
		build: (p) => ({ id: idOf(p), paused: true }),
		output: (response, p) => ({ id: idOf(p), paused: true, ...(response as IDataObject) }),
	},
	{
		value: 'unpause',
		name: 'Unpause',
		action: 'Unpause a distribution',
		description: 'Continue a paused distribution',
		path: '/messageDistribution/setPaused',
		body: 'form',
		effect: notRepeatable(
			'A repeat that lands after someone paused the distribution would unpause it again.',
		),
		fields: [distribution],
		build: (p) => ({ id: idOf(p), paused: false }),
		output: (response, p) => ({ id: idOf(p), paused: false, ...(response as IDataObject) }),
	},
];
