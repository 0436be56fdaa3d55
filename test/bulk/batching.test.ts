import { RESOURCES } from '../../nodes/UniTalk/resources';
import { rl, run, seedAutodialer, useStandIn } from '../helpers';

const phone = (i: number) => `38097${String(1_000_000 + i).slice(-7)}`;
const addNumbers = (id: number, extra = {}) => ({
	resource: 'autodial',
	operation: 'addNumbers',
	autodialerId: rl(id),
	phones: '={{ $json.phone }}',
	...extra,
});

describe('bulk: many items, fewest requests, one result per item', () => {
	const standIn = useStandIn();

	it.each([300, 10_000])(
		'adds %i rows to an autodialer in 1 request',
		async (count) => {
			const id = seedAutodialer(standIn);
			const items = Array.from({ length: count }, (_, i) => ({ phone: phone(i) }));
			const { items: out, error } = await run(standIn, addNumbers(id), items);
			expect(error).toBeUndefined();
			expect(standIn.calls('/autodial/action', 'ADD_NUMBERS')).toHaveLength(1);
			expect(standIn.state.tasks.get(id)!.numbers.size).toBe(count);
			expect(out).toHaveLength(count);
			expect(out[count - 1]).toEqual({
				json: {
					autodialerId: id,
					phone: phone(count - 1),
					added: [phone(count - 1)],
					rejected: [],
				},
				pairedItem: { item: count - 1 },
			});
			expect(standIn.stats()).toMatchObject({ blocks: 0, banned: false });
		},
		120_000,
	);

	it('reports numbers UniTalk rejects on their items and sends the valid rest once more', async () => {
		const id = seedAutodialer(standIn);
		const items = [{ phone: phone(1) }, { phone: '999123456789' }, { phone: phone(2) }];
		const { items: out } = await run(standIn, addNumbers(id), items, { continueOnFail: true });
		const sent = standIn.calls('/autodial/action', 'ADD_NUMBERS');
		expect(sent.map((r) => r.body.numbers)).toEqual([
			[phone(1), '999123456789', phone(2)],
			[phone(1), phone(2)],
		]);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.added).toEqual([phone(1)]);
		expect(out[1].json).toMatchObject({
			unitalkMessage: 'Wrong numbers',
			invalid: ['999123456789'],
			rejected: [{ phone: '999123456789', error: 'UniTalk: Wrong numbers' }],
		});
		expect(standIn.state.tasks.get(id)!.numbers.size).toBe(2);
	});

	it('never sends numbers that fail our own validation, and says which item they came from', async () => {
		const id = seedAutodialer(standIn);
		const items = [{ phone: phone(1) }, { phone: 'call me' }, { phone: [phone(3), '0441234567'] }];
		const { items: out } = await run(standIn, addNumbers(id), items, { continueOnFail: true });
		expect(standIn.calls('/autodial/action', 'ADD_NUMBERS').map((r) => r.body.numbers)).toEqual([
			[phone(1), phone(3)],
		]);
		expect(out[1].json.error).toMatch(/No valid phone number in "Phone Numbers": call me/);
		expect(out[2].json).toMatchObject({ added: [phone(3)], rejected: [{ phone: '0441234567' }] });
	});

	it('stops before sending anything when an item is invalid and Continue On Fail is off', async () => {
		const id = seedAutodialer(standIn);
		const { error } = await run(standIn, addNumbers(id), [{ phone: phone(1) }, { phone: 'nope' }]);
		expect(error?.message).toMatch(/No valid phone number/);
		expect(standIn.calls('/autodial/action')).toHaveLength(0);
	});

	it('keeps different autodialers and settings in separate requests', async () => {
		const a = seedAutodialer(standIn, 'A');
		const b = seedAutodialer(standIn, 'B');
		const items = [
			{ id: a, phone: phone(1) },
			{ id: b, phone: phone(2) },
			{ id: a, phone: phone(3) },
		];
		await run(
			standIn,
			{ ...addNumbers(0), autodialerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			items,
		);
		const sent = standIn.calls('/autodial/action', 'ADD_NUMBERS');
		expect(sent.map((r) => [r.body.id, r.body.numbers])).toEqual([
			[a, [phone(1), phone(3)]],
			[b, [phone(2)]],
		]);
	});

	it('sends one request per item when batching is switched off', async () => {
		const id = seedAutodialer(standIn);
		const items = Array.from({ length: 5 }, (_, i) => ({ phone: phone(i) }));
		await run(standIn, addNumbers(id, { batching: { combineItems: false } }), items);
		expect(standIn.calls('/autodial/action', 'ADD_NUMBERS')).toHaveLength(5);
	});

	it('refuses more than 1,000,000 numbers for one autodialer before sending', async () => {
		const id = seedAutodialer(standIn);
		const phones = Array.from({ length: 1_000_001 }, (_, i) => `3809${String(i).padStart(8, '0')}`);
		const { error } = await run(standIn, addNumbers(id), [{ phone: phones }]);
		expect(error?.message).toMatch(
			/1000001 numbers to one autodialer; UniTalk allows at most 1,000,000/,
		);
		expect(standIn.calls('/autodial/action')).toHaveLength(0);
	}, 60_000);

	it('sends 1,000 SMS items in 10 bulk requests with a message id per item', async () => {
		const items = Array.from({ length: 1000 }, (_, i) => ({
			phone: i === 7 ? '999123456789' : phone(i),
			name: `N${i}`,
		}));
		const { items: out } = await run(
			standIn,
			{
				resource: 'message',
				operation: 'send',
				messageType: 'SMS',
				to: '={{ $json.phone }}',
				text: '=Hi {{ $json.name }}',
			},
			items,
			{ continueOnFail: true },
		);
		const bulk = standIn.calls('/message/sendBulk');
		expect(bulk).toHaveLength(10);
		expect(Object.keys(bulk[0].body.messages)).toHaveLength(100);
		expect(out).toHaveLength(1000);
		expect(out[0].json).toMatchObject({ to: phone(0), sent: true, messageId: expect.any(Number) });
		expect(out[7].json).toMatchObject({
			error: expect.stringMatching(/wrong recipient phone number/),
		});
		expect(out[7].pairedItem).toEqual({ item: 7 });
		expect(standIn.state.messages.size).toBe(999);
	});

	it('uses one shared text as "recipients", and sends items with a sender name one by one', async () => {
		const items = [{ phone: phone(1) }, { phone: phone(2) }, { phone: phone(3), alpha: 'Shop' }];
		await run(
			standIn,
			{
				resource: 'message',
				operation: 'send',
				messageType: 'VIBER',
				to: '={{ $json.phone }}',
				text: 'Sale',
				alphaName: '={{ $json.alpha ?? "" }}',
			},
			items,
		);
		expect(standIn.calls('/message/sendBulk').map((r) => r.body)).toEqual([
			{ messagesType: 'VIBER', recipients: [phone(1), phone(2)], text: 'Sale' },
		]);
		expect(standIn.calls('/message/send').map((r) => r.body)).toEqual([
			{ messageType: 'VIBER', alfaName: 'Shop', to: phone(3), text: 'Sale' },
		]);
	});

	it('puts a repeated recipient into another request instead of overwriting it', async () => {
		const items = [{ t: 'first' }, { t: 'second' }];
		const { items: out } = await run(
			standIn,
			{
				resource: 'message',
				operation: 'send',
				messageType: 'SMS',
				to: phone(1),
				text: '={{ $json.t }}',
			},
			items,
		);
		expect(standIn.calls('/message/send').map((r) => r.body.text)).toEqual(['first', 'second']);
		expect(out.every((o) => o.json.sent)).toBe(true);
	});

	it('synthesizes 12 texts in 3 requests, blocks 250 numbers in 3, removes 25,000 numbers in 3', async () => {
		const tts = Array.from({ length: 12 }, (_, i) => ({ name: `Audio ${i}` }));
		const out = await run(
			standIn,
			{
				resource: 'audio',
				operation: 'synthesize',
				name: '={{ $json.name }}',
				type: 'API',
				format: 'text',
				text: 'Hello',
				settingsId: 18,
			},
			tts,
		);
		expect(standIn.calls('/audio/tts').map((r) => r.body.data.length)).toEqual([5, 5, 2]);
		expect(out.items[11].json).toMatchObject({ name: 'Audio 11', id: expect.any(Number) });

		await run(
			standIn,
			{
				resource: 'blockedList',
				operation: 'add',
				list: 'BLOCKED_PHONES',
				phones: '={{ $json.phone }}',
			},
			Array.from({ length: 250 }, (_, i) => ({ phone: phone(i) })),
		);
		expect(standIn.calls('/lists').map((r) => r.body.items.length)).toEqual([100, 100, 50]);

		const id = seedAutodialer(
			standIn,
			'Big',
			Array.from({ length: 25_000 }, (_, i) => phone(i)),
		);
		await run(
			standIn,
			{
				resource: 'autodial',
				operation: 'removeNumbers',
				autodialerId: rl(id),
				removeBy: 'numbers',
				phones: '={{ $json.phone }}',
			},
			Array.from({ length: 25_000 }, (_, i) => ({ phone: phone(i) })),
		);
		expect(
			standIn.calls('/autodial/action', 'REMOVE_NUMBERS').map((r) => r.body.numbers.length),
		).toEqual([10_000, 10_000, 5_000]);
		expect(standIn.state.tasks.get(id)!.numbers.size).toBe(0);
	}, 120_000);

	it('creates one distribution per 10,000 numbers from 12,000 items', async () => {
		const items = Array.from({ length: 12_000 }, (_, i) => ({ phone: phone(i) }));
		const { items: out } = await run(
			standIn,
			{
				resource: 'distribution',
				operation: 'create',
				name: 'Autumn',
				messageType: 'SMS',
				numbers: '={{ $json.phone }}',
				text: 'Hi',
			},
			items,
		);
		const sent = standIn.calls('/messageDistribution/create');
		expect(sent.map((r) => [r.body.name, r.body.numbers.length])).toEqual([
			['Autumn', 10_000],
			['Autumn #2', 2_000],
		]);
		expect(new Set(out.map((o) => (o.json.distributionIds as number[])[0])).size).toBe(2);
	}, 120_000);
});

describe('a request carries only what its items share (#30)', () => {
	const standIn = useStandIn();
	const sms = (extra = {}) => ({
		resource: 'message',
		operation: 'send',
		messageType: 'SMS',
		to: '={{ $json.phone }}',
		text: 'Hi',
		...extra,
	});

	it("the Batching options are each item's own: an item that turns Combine off goes alone", async () => {
		const items = [0, 1, 2].map((i) => ({ phone: phone(i), combine: i !== 1 }));
		const batching = { batching: { combineItems: '={{ $json.combine }}' } };
		const { error, items: out } = await run(standIn, sms(batching), items);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(3);
		const bulk = standIn.calls('/message/sendBulk');
		expect(bulk).toHaveLength(1);
		expect(bulk[0].body.recipients).toEqual([phone(0), phone(2)]);
		expect(standIn.calls('/message/send').map((call) => call.body.to)).toEqual([phone(1)]);
	});

	it('a declaration whose group key misses a field its payload reads is refused before anything is sent', async () => {
		const add = RESOURCES.flatMap((r) => r.operations).find(
			(op) => op.path === '/lists' && op.value === 'add',
		)!;
		const declared = add.batch!.units;
		// A planted defect: every item in one group, though each names its own list.
		add.batch!.units = async (p) => ({ ...(await declared(p)), group: 'all' });
		try {
			const items = [
				{ phone: phone(0), list: 'BLOCKED_PHONES' },
				{ phone: phone(1), list: 'BLOCKED_FOR_AUTODIAL_PHONES' },
			];
			const params = {
				resource: 'blockedList',
				operation: 'add',
				list: '={{ $json.list }}',
				phones: '={{ $json.phone }}',
			};
			const { error } = await run(standIn, params, items);
			expect(error?.message).toBe(
				'Items 0 and 1 would share one request, but their "List" differs',
			);
			expect(error?.description).toMatch(/Nothing was sent/);
			expect(standIn.calls('/lists')).toHaveLength(0);
		} finally {
			add.batch!.units = declared;
		}
	});
});
