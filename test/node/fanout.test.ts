import { run, useStandIn } from '../helpers';

// A fan-out operation (many requests per item): Message → Get Status with several message IDs.
describe('Message → Get Status with several IDs (a fan-out: one request per ID)', () => {
	const standIn = useStandIn();
	const statusRequests = () => standIn.requests.filter((r) => r.path === '/message/getStatus');
	const seedMessages = (...ids: number[]) => {
		for (const id of ids)
			standIn.state.messages.set(id, { id, type: 'SMS', to: '380971234567', text: 'x' });
	};
	const getStatus = (messageId: string) => ({
		resource: 'message',
		operation: 'getStatus',
		messageId,
	});

	it('sends one request per ID and puts out one item per ID, paired with the item it came from', async () => {
		seedMessages(42, 43, 44);
		const before = statusRequests().length;
		const { items, error } = await run(standIn, getStatus('={{ $json.ids }}'), [
			{ ids: '42, 43' },
			{ ids: [44] },
		]);
		expect(error).toBeUndefined();
		// Items are read side by side (the limiter paces them), so the order of requests may vary.
		const ids = statusRequests()
			.slice(before)
			.map((r) => Number(r.body?.id ?? r.query.id));
		expect(ids.sort()).toEqual([42, 43, 44]);
		expect(items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ messageId: 42, messageStatus: 'DELIVERED', errorText: null }, { item: 0 }],
			[{ messageId: 43, messageStatus: 'DELIVERED', errorText: null }, { item: 0 }],
			[{ messageId: 44, messageStatus: 'DELIVERED', errorText: null }, { item: 1 }],
		]);
	});

	it('stops on a bad ID in any item before sending anything, naming the item and the field', async () => {
		seedMessages(42);
		const before = standIn.requests.length;
		const { error } = await run(standIn, getStatus('={{ $json.ids }}'), [
			{ ids: '42' },
			{ ids: '42, abc' },
		]);
		expect(error?.message).toMatch(/Message IDs/);
		expect(error?.context?.itemIndex).toBe(1);
		expect(standIn.requests.length).toBe(before);
	});

	it('with Continue On Fail, an unknown ID fails its own item only', async () => {
		seedMessages(42);
		const { items } = await run(
			standIn,
			getStatus('={{ $json.ids }}'),
			[{ ids: '42' }, { ids: '999999' }],
			{ continueOnFail: true },
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ messageId: 42, messageStatus: 'DELIVERED' });
		expect(String(items[1].json.error)).toMatch(/Message not found|No message/);
	});
});
