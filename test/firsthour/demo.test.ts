// #32: what `npm start` gives a new user: every example, and a polling trigger that has calls to show.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { credentialsFor, useStandIn, useTriggers } from '../helpers';

const { alreadyImported, exampleFiles, exampleId, exampleWorkflows, legacyExampleId } =
	require('../../scripts/examples') as {
		alreadyImported: (remembered?: string[], legacy?: Array<{ name: string }>) => Set<string>;
		exampleFiles: () => string[];
		exampleId: (file: string) => string;
		exampleWorkflows: (options: IDataObject) => Array<{ file: string; workflow: IDataObject }>;
		legacyExampleId: (file: string) => string;
	};

const ROOT = join(__dirname, '../..');
const run = promisify(execFile);

describe('first hour: every example is imported', () => {
	const credential = { id: 'cred1', name: 'UniTalk Demo' };
	const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));

	it('each file in examples/ gets its own 16-character id, and a first start imports them all', () => {
		const workflows = exampleWorkflows({ credential, secret: 's' });
		expect(workflows.map((w) => w.file).sort()).toEqual([...files].sort());
		const ids = workflows.map((w) => w.workflow.id as string);
		expect(new Set(ids).size).toBe(files.length);
		for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9]{16}$/);
		expect(ids).toContain(exampleId('missed-call-sms-polling.json'));
		expect(alreadyImported(undefined, undefined).size).toBe(0);
		for (const { workflow } of workflows) {
			expect(JSON.stringify(workflow)).not.toContain('REPLACE_WITH_YOUR_CREDENTIAL_ID');
			expect(workflow).toMatchObject({ active: false });
		}
	});

	it('a start after the colliding ids imports the example that was overwritten, and only it', () => {
		// The ids before #32: two files shared one, and the later file replaced the earlier in n8n.
		expect(legacyExampleId('missed-call-sms-polling.json')).toBe(
			legacyExampleId('missed-call-sms.json'),
		);
		const legacyList = exampleWorkflows({ credential, secret: 's' }).map((w) => w.workflow);
		const kept = alreadyImported(undefined, legacyList as Array<{ name: string }>);
		expect(exampleFiles().filter((f) => !kept.has(f))).toEqual(['missed-call-sms-polling.json']);
		expect(alreadyImported(files, legacyList as Array<{ name: string }>).size).toBe(files.length);
	});
});

describe('first hour: demo:call ends a call the Call History Trigger finds', () => {
	const standIn = useStandIn({ apiKeys: ['test-key'] });
	const script = join(ROOT, 'scripts/demo-call.js');

	it('missed and answered calls land in the history; Fetch Test Event shows them, the answered one with its recording and operator', async () => {
		// A minute ago: a call written this very second is not yet inside a window that ends now.
		const missed = await run(process.execPath, [
			script,
			'missed',
			'--url',
			standIn.url,
			'--minutes-ago',
			'1',
		]);
		expect(missed.stdout).toMatch(/^missed: an incoming call nobody answered, from 380\d{9} at /);
		await run(process.execPath, [script, 'answered', '--url', standIn.url, '--minutes-ago', '3']);
		expect(standIn.state.history.map((c) => c.state)).toEqual(['NOANSWER', 'ANSWER']);

		const testRun = async (filters: IDataObject) =>
			(
				await new PollHarness(
					{ lookBackMinutes: 60, filters },
					credentialsFor(standIn, { timeZone: 'Europe/Kyiv' }),
				).poll('manual')
			).items?.map((i) => i.json) ?? [];
		expect(await testRun({ onlyMissed: true })).toEqual([
			expect.objectContaining({ missed: true, answeredBy: null }),
		]);
		const all = await testRun({});
		expect(all.map((c) => c.status)).toEqual(['ANSWER', 'NOANSWER']);
		expect(all[0]).toMatchObject({
			answered: true,
			answeredBy: '1000',
			recordingUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/tracking\/rec\//),
		});
	});

	it('says what it refuses: an unknown call, and no stand-in to write to', async () => {
		await expect(run(process.execPath, [script, 'nope', '--url', standIn.url])).rejects.toThrow(
			/Unknown call "nope"\. Calls: missed \(/,
		);
		const closed = await new Promise<number>((resolve) => {
			const server = createServer().listen(0, '127.0.0.1', () => {
				const { port } = server.address() as AddressInfo;
				server.close(() => resolve(port));
			});
		});
		await expect(
			run(process.execPath, [script, 'missed', '--url', `http://127.0.0.1:${closed}`]),
		).rejects.toThrow(
			/Nothing answered at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Is `npm start` running\?/,
		);
		expect(standIn.state.history).toHaveLength(0);
	});
});

describe('first hour: demo:event says what happened', () => {
	const standIn = useStandIn();
	const serve = useTriggers(standIn);
	const script = join(ROOT, 'scripts/demo-event.js');
	const demo = async (...args: string[]) =>
		(await run(process.execPath, [script, ...args])).stdout
			.trimEnd()
			.split('\n')
			.slice(1)
			.join('\n');

	it('a new call each run (dbId, date, "No answer" on a missed one); a left-out event is named, not "see the run"', async () => {
		const h = await serve({
			trigger: { mode: 'events', verification: 'apiKey', filters: { onlyMissed: true } },
		});
		for (let i = 0; i < 2; i++)
			expect(await demo('missed', '--url', h.url, '--key', 'test-key')).toMatch(
				/^n8n answered 200: .*\nStarted: see the run in n8n's Executions list\.$/,
			);
		expect(await demo('answered', '--url', h.url, '--key', 'test-key')).toContain(
			'The trigger left this event out (not a missed call): nothing started.',
		);
		await h.settled();
		const items = h.executions.map(
			(e) => e.data.resultData.runData.Trigger[0].data!.main[0]![0].json,
		);
		expect(items).toHaveLength(2);
		expect(items[0].dbId).not.toBe(items[1].dbId);
		expect(items[0]).toMatchObject({ endCause: 19, endCauseText: 'No answer' });
		expect(Math.abs(Date.parse(String(items[0].startTime)) - Date.now())).toBeLessThan(120_000);
	});

	it('401 and 403 say what to fix; a ROUTE 401 says to add ?key=', async () => {
		const events = await serve({ trigger: { mode: 'events', verification: 'apiKey' } });
		expect(await demo('missed', '--url', events.url, '--key', 'wrong')).toContain(
			"403: the key does not match the trigger's Verify Sender By",
		);
		const route = await serve({
			trigger: { mode: 'route', answer: 'fixed', operatorNumber: '1000', secret: 'k1' },
		});
		expect(await demo('route', '--url', route.url)).toContain(
			'401: the trigger wants its Secret in the URL: add ?key=<the Secret in the trigger> to the URL',
		);
		expect(await demo('route', '--url', `${route.url}?key=k1`)).toContain(
			'UniTalk would put the call through to operator 1000.',
		);
	});
});
