// #19 2–4: recording downloads against hostile file hosts — they never stall the API's requests,
// they end at a total deadline and a size cap, and no hop leaves the allow-list.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { WebhookHarness } from '../harness/webhook';
import { credentialsFor, run, useStandIn } from '../helpers';
import { standard } from '../trigger/fixtures/bodies';
import { Forbidden } from './hosts';

const post = async (url: string, body: unknown) =>
	await axios.post(url, body, {
		headers: { Authorization: 'test-key' },
		validateStatus: () => true,
	});

describe('recording downloads on hostile hosts', () => {
	const standIn = useStandIn();
	const forbidden = new Forbidden();
	const harnesses: WebhookHarness[] = [];
	beforeAll(async () => void (await forbidden.start()));
	afterAll(async () => await forbidden.stop());
	afterEach(async () => {
		await Promise.all(harnesses.splice(0).map(async (h) => await h.stop()));
		forbidden.hits = 0;
	});

	async function trigger(options: IDataObject) {
		const harness = await new WebhookHarness({
			trigger: {
				mode: 'events',
				verification: 'apiKey',
				options: { attachRecording: true, ...options },
			},
			credentials: credentialsFor(standIn),
		}).start();
		harnesses.push(harness);
		return harness;
	}
	const recording = (h: WebhookHarness, n = 0) =>
		h.executions[n].data.resultData.runData.Trigger[0].data!.main[0]![0];
	const link = (path: string) => `${standIn.url}/tracking/rec/${path}`;

	it('ten downloads from a host that never answers do not hold up a read of the same key', async () => {
		standIn.inject({
			path: '/tracking/rec/hang/*',
			times: 10,
			reply: { status: 200, body: '', stream: { hang: true } },
		});
		const h = await trigger({ downloadTimeout: 5 });
		for (let i = 0; i < 10; i++)
			expect(
				(await post(h.url, standard('CALL_END', { id: 5000 + i, link: link(`hang/${i}`) }))).status,
			).toBe(200);
		const read = await run(standIn, { resource: 'user', operation: 'getStatuses' });
		expect(read.error).toBeUndefined();
		expect(read.items.length).toBeGreaterThan(0);
		// The read is done while every download still hangs: none has ended, none started a run.
		expect(h.executions).toHaveLength(0);
		expect(standIn.calls('/users/getStatus')).toHaveLength(1);
	}, 40_000);

	it('the timeout is a total deadline: a host trickling 1 byte every 100 ms is cut off', async () => {
		standIn.inject({
			path: '/tracking/rec/1/slow',
			reply: { status: 200, body: '', stream: { bytes: 600, everyMs: 100 } },
		});
		const h = await trigger({ downloadTimeout: 2 });
		await post(h.url, standard('CALL_END', { id: 5100, link: link('1/slow') }));
		await h.settled();
		const item = recording(h);
		expect(item.binary).toBeUndefined();
		expect(item.json.recording).toEqual({
			attached: false,
			reason: expect.stringMatching(
				/^UniTalk: The recording download did not finish within 2 s\. /,
			),
		});
	}, 20_000);

	it('a recording over the size cap is refused with the reason, streamed or declared', async () => {
		standIn.inject({
			path: '/tracking/rec/1/big',
			reply: { status: 200, body: '', stream: { bytes: 3 * 1024 * 1024 } },
		});
		standIn.inject({
			path: '/tracking/rec/2/declared',
			reply: {
				status: 200,
				body: '',
				headers: { 'Content-Length': String(300 * 1024 * 1024) },
				stream: { hang: false, bytes: 0 },
			},
		});
		const h = await trigger({ maxRecordingMb: 1 });
		await post(h.url, standard('CALL_END', { id: 5200, link: link('1/big') }));
		await h.settled();
		await post(h.url, standard('CALL_END', { id: 5201, link: link('2/declared') }));
		await h.settled();
		expect(recording(h, 0).json.recording).toMatchObject({
			attached: false,
			reason: expect.stringMatching(
				/^UniTalk: The recording is larger than 1 MB; it was not downloaded/,
			),
		});
		expect(recording(h, 1).json.recording).toMatchObject({
			attached: false,
			reason: expect.stringMatching(/larger than 1 MB \(300 MB\)/),
		});
	});

	it.each([
		[
			'localhost on another port',
			(port: number) => `http://localhost:${port}/latest/meta-data/iam`,
		],
		['a decimal IP literal', (port: number) => `http://2130706433:${port}/latest/meta-data/iam`],
		['a hex IP literal', (port: number) => `http://0x7f.1:${port}/latest/meta-data/iam`],
		['a public host', () => 'https://files.example.com/rec.mp3'],
	])('a redirect to %s is refused and never fetched', async (_name, target) => {
		standIn.inject({
			path: '/tracking/rec/1/redirect',
			reply: { status: 302, body: '', headers: { Location: target(forbidden.port) } },
		});
		const h = await trigger({});
		await post(h.url, standard('CALL_END', { id: 5300, link: link('1/redirect') }));
		await h.settled();
		expect(recording(h).binary).toBeUndefined();
		expect((recording(h).json.recording as IDataObject).reason).toMatch(
			/^UniTalk: The recording link redirected to .*, which was not fetched: .* is (a local or private address|another host), neither the credential's Base URL/,
		);
		expect(forbidden.hits).toBe(0);
	});

	it.each([
		[
			'gopher',
			(port: number) => `gopher://127.0.0.1:${port}/x`,
			/only http and https links are fetched, not gopher:/,
		],
		['a file link', () => 'file:///etc/passwd', /only http and https links are fetched, not file:/],
		[
			'an IP literal on another port',
			(port: number) => `http://2130706433:${port}/rec`,
			/is a local or private address/,
		],
		[
			'a user name in the link',
			() => 'https://user:pw@api.unitalk.cloud/rec',
			/user name or password/,
		],
	])('Get Recording refuses %s at once, sending nothing', async (_name, target, reason) => {
		const { error } = await run(standIn, {
			resource: 'call',
			operation: 'getRecording',
			recordingUrl: target(forbidden.port),
		});
		expect(error?.message).toMatch(reason);
		expect(error?.message).toMatch(/^The recording link was not fetched: /);
		expect(standIn.requests).toHaveLength(0);
		expect(forbidden.hits).toBe(0);
	});

	it('the Base URL host written as a decimal IP literal is the same host and port: fetched', async () => {
		standIn.state.seedHistory(3);
		const call = standIn.state.history.find((c) => c.link)!;
		const sameHost = String(call.link).replace('127.0.0.1', '2130706433');
		const { items, error } = await run(standIn, {
			resource: 'call',
			operation: 'getRecording',
			recordingUrl: sameHost,
			options: { maxRecordingMb: 1, downloadTimeout: 10 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ size: 1024 });
	});
});
