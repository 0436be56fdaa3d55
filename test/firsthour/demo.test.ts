// #32: what `npm start` gives a new user: every example, and a polling trigger that has calls to show.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { credentialsFor, useStandIn, useTriggers } from '../helpers';

type Workflow = IDataObject & { name: string; nodes: IDataObject[] };
const {
	alreadyImported,
	crmStandInWorkflows,
	exampleFiles,
	exampleId,
	exampleWorkflows,
	legacyExampleId,
	placeholdersIn,
	publishable,
} = require('../../scripts/demo/examples') as {
	alreadyImported: (remembered?: string[], legacy?: Array<{ name: string }>) => Set<string>;
	crmStandInWorkflows: (
		options: IDataObject,
	) => Array<{ file: string; crm: string; workflow: Workflow; triggers: IDataObject[] }>;
	exampleFiles: () => string[];
	exampleId: (file: string) => string;
	exampleWorkflows: (options: IDataObject) => Array<{ file: string; workflow: Workflow }>;
	legacyExampleId: (file: string) => string;
	placeholdersIn: (workflow: Workflow) => string[];
	publishable: (workflow: Workflow) => boolean;
};
interface Launched {
	child: ChildProcess;
	url: string;
	restored: number;
	seeded: boolean;
}
const { startCrmStandIns, startDemoAccount } = require('../../scripts/demo/standin') as {
	startCrmStandIns: () => Promise<{ child: ChildProcess } & Record<string, IDataObject>>;
	startDemoAccount: (options: IDataObject) => Promise<Launched>;
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
		// missed-call-callback.json (#41) shares that legacy id too; it is imported as well, as it
		// should be: no start before #32 could have imported it.
		expect(exampleFiles().filter((f) => !kept.has(f))).toEqual([
			'missed-call-callback.json',
			'missed-call-sms-polling.json',
		]);
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
		expect(await testRun({ answered: 'missed' })).toEqual([
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
	// A cache of its own: not the machine's `npm start` (its stand-in would get the calls that end).
	const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'demo-event-')) };
	const demo = async (...args: string[]) =>
		(await run(process.execPath, [script, ...args], { env })).stdout
			.trimEnd()
			.split('\n')
			.slice(1)
			.join('\n');

	it('a new call each run (dbId, date, "No answer" on a missed one); a left-out event is named, not "see the run"', async () => {
		const h = await serve({
			trigger: { mode: 'events', verification: 'apiKey', filters: { answered: 'missed' } },
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

/** A tiny webhook receiver: answers 200 "Received" and keeps every body it got. */
function useReceiver() {
	const bodies: IDataObject[] = [];
	const server = createHttpServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			bodies.push(JSON.parse(raw) as IDataObject);
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"Received"}');
		});
	});
	const receiver = { url: '', bodies };
	beforeAll(
		async () =>
			await new Promise<void>((resolve) =>
				server.listen(0, '127.0.0.1', () => {
					receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
					resolve();
				}),
			),
	);
	afterEach(() => void (bodies.length = 0));
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));
	return receiver;
}

describe('#40: the demo points only at the stand-in, and plays one call’s life', () => {
	const standIn = useStandIn();
	const receiver = useReceiver();
	const script = join(ROOT, 'scripts/demo-event.js');
	// A cache of its own: neither the machine's `npm start` state nor its remembered calls.
	const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'demo-event-')) };
	const demo = async (...args: string[]) =>
		(await run(process.execPath, [script, ...args, '--key', 'k'], { env })).stdout;
	const calls = () => receiver.bodies.map((b) => b.call as IDataObject);

	it("an answered call's recording link is on the stand-in, where it is served; none names UniTalk's host", async () => {
		await demo('answered', '--url', receiver.url, '--standin', standIn.url);
		const [call] = calls();
		expect(call.link).toBe(
			`${standIn.url}/tracking/rec/${call.id}/${String(call.date).slice(0, 10)}`,
		);
		// The call ended, so it is in the demo account's history, with the same ids: the link is served.
		expect(standIn.state.history).toEqual([
			expect.objectContaining({ id: Number(call.id), dbid: call.dbid, state: 'ANSWER' }),
		]);
		const recording = await fetch(String(call.link));
		expect([recording.status, recording.headers.get('content-type')]).toEqual([200, 'audio/mpeg']);

		// Without a stand-in (a real account, or no npm start) there is no link rather than UniTalk's.
		await demo('answered', '--url', receiver.url);
		expect(calls()[1].link).toBeNull();
		for (const list of [await demo('--list'), await demo('--list', '--standin', standIn.url)])
			expect(list).not.toMatch(/unitalk\.cloud/);
		expect(await demo('--list', '--standin', standIn.url)).toContain(
			`"link": "${standIn.url}/tracking/rec/`,
		);
	});

	it('--life plays new → redirect → answer → end with one call id and dbId; its help says so', async () => {
		const out = await demo(
			'--life',
			'--url',
			receiver.url,
			'--pause',
			'0',
			'--standin',
			standIn.url,
		);
		expect(receiver.bodies.map((b) => b.event)).toEqual([
			'CALL_NEW',
			'CALL_REDIRECT',
			'CALL_ANSWER',
			'CALL_END',
		]);
		const [first] = calls();
		for (const call of calls())
			expect([call.id, call.dbid, call.date]).toEqual([first.id, first.dbid, first.date]);
		expect(calls()[3]).toMatchObject({
			state: 'ANSWER',
			link: expect.stringContaining(standIn.url),
		});
		expect(out).toContain(
			`call id ${String(first.id)} (dbId ${String(first.dbid)}) in every event`,
		);

		const help = await demo('--help');
		expect(help).toContain('npm run demo:event -- --life ');
		expect(help).toContain('--call 42');
	});

	it('--call ID: separate runs tell the same call (id, dbId, start), a missed life ends "No answer"', async () => {
		for (const event of ['new', 'answer', 'answered'])
			await demo(event, '--call', '42', '--url', receiver.url, '--standin', standIn.url);
		expect(receiver.bodies.map((b) => b.event)).toEqual(['CALL_NEW', 'CALL_ANSWER', 'CALL_END']);
		expect(new Set(calls().map((c) => JSON.stringify([c.id, c.dbid, c.date])))).toEqual(
			new Set([JSON.stringify(['42', calls()[0].dbid, calls()[0].date])]),
		);
		receiver.bodies.length = 0;
		await demo('--life', 'missed', '--url', receiver.url, '--pause', '0');
		expect(receiver.bodies.map((b) => b.event)).toEqual(['CALL_NEW', 'CALL_REDIRECT', 'CALL_END']);
		expect(new Set(calls().map((c) => c.id)).size).toBe(1);
		expect(calls()[2]).toMatchObject({ state: 'NOANSWER', cause: '19' });
	});
});

describe('#40: npm start seeds the demo history once', () => {
	const started: ChildProcess[] = [];
	afterAll(() => started.forEach((child) => child.kill()));
	const account = async (historyFile: string) => {
		const standIn = await startDemoAccount({ apiKey: 'k', historyFile });
		started.push(standIn.child);
		return standIn;
	};

	it('a second start restores the same four calls (dbid, date) instead of writing four new ones; demo:call calls are kept too', async () => {
		const historyFile = join(mkdtempSync(join(tmpdir(), 'demo-history-')), 'history.json');
		const first = await account(historyFile);
		expect([first.restored, first.seeded]).toEqual([0, true]);
		const seeded = JSON.parse(readFileSync(historyFile, 'utf8')) as IDataObject[];
		expect(seeded.map((c) => c.state)).toEqual(['NOANSWER', 'ANSWER', 'NOANSWER', 'ANSWER']);
		await run(process.execPath, [join(ROOT, 'scripts/demo-call.js'), 'missed', '--url', first.url]);
		first.child.kill();

		const second = await account(historyFile);
		expect([second.restored, second.seeded]).toEqual([5, false]);
		const kept = JSON.parse(readFileSync(historyFile, 'utf8')) as IDataObject[];
		expect(kept.slice(0, 4).map((c) => [c.dbid, c.date])).toEqual(
			seeded.map((c) => [c.dbid, c.date]),
		);
		// What the Call History Trigger reads: the same calls, recordings served from this start.
		const read = await fetch(`${second.url}/api/history/get`, {
			method: 'POST',
			headers: { Authorization: 'k', 'Content-Type': 'application/json' },
			body: JSON.stringify({
				dateFrom: `${String(seeded[0].date).slice(0, 10)} 00:00:00`,
				dateTo: '2099-01-01 00:00:00',
				limit: 100,
				offset: 0,
			}),
		});
		expect(read.status).toBe(200);
		const text = await read.text();
		for (const { dbid } of kept) expect(text).toContain(`"dbid":${String(dbid)}`);
		expect(text).not.toContain(first.url);
	});
});

describe('#40: CRM examples are imported unpublished, and --crm gives them stand-ins', () => {
	const credential = { id: 'cred1', name: 'UniTalk Demo' };
	const standIn = { url: 'http://127.0.0.1:9', autodialerId: 5001 };

	it('an example with a placeholder left is not published; the others are', () => {
		const out = Object.fromEntries(
			exampleWorkflows({ credential, standIn, secret: 's' }).map(({ file, workflow }) => [
				file,
				{ publish: publishable(workflow), left: placeholdersIn(workflow) },
			]),
		);
		expect(out['crm-vtiger.json']).toEqual({
			publish: false,
			left: [
				'https://YOUR-INSTANCE.od2.vtiger.com/modules/PhoneCalls/callbacks/Generic.php',
				'PASTE_YOUR_VTIGER_SECRET_KEY',
				'CHOOSE_A_CLICK_TO_CALL_KEY',
			],
		});
		expect(out['crm-leadsquared.json'].publish).toBe(false);
		expect(out['crm-elma365.json'].publish).toBe(false);
		for (const file of ['missed-call-sms.json', 'call-to-crm.json', 'route-to-manager.json'])
			expect(out[file]).toEqual({ publish: true, left: [] });
		// With a real account there is no stand-in CRM echo: call-to-crm keeps crm.example.com, unpublished.
		const real = exampleWorkflows({ credential, secret: 's' });
		const callToCrm = real.find((w) => w.file === 'call-to-crm.json')!.workflow;
		expect([publishable(callToCrm), placeholdersIn(callToCrm)]).toEqual([
			false,
			['https://crm.example.com/api/calls'],
		]);
	});

	it('npm start -- --crm: the CRM stand-ins answer, and a copy of each CRM example is filled with their settings, with ids and webhooks of its own', async () => {
		const crm = await startCrmStandIns();
		try {
			const copies = crmStandInWorkflows({ credential, standIn, secret: 's', crm, clickKey: 'c' });
			expect(copies.map((c) => [c.file, c.crm])).toEqual([
				['crm-elma365.json', 'elma365'],
				['crm-leadsquared.json', 'leadSquared'],
				['crm-vtiger.json', 'vtiger'],
			]);
			const originals = exampleWorkflows({ credential, standIn, secret: 's' });
			const hooksOf = (w: Workflow) =>
				w.nodes.flatMap((n) => [n.webhookId, (n.parameters as IDataObject).path]).filter(Boolean);
			for (const { file, crm: name, workflow, triggers } of copies) {
				const original = originals.find((o) => o.file === file)!.workflow;
				expect(placeholdersIn(workflow)).toEqual([]);
				expect(publishable(workflow)).toBe(true);
				expect(workflow.name).toBe(`${String(original.name)} (CRM stand-in)`);
				expect(workflow.id).not.toBe(original.id);
				for (const hook of hooksOf(workflow)) expect(hooksOf(original)).not.toContain(hook);
				expect(triggers.some((t) => t.mode === 'events')).toBe(true);
				expect(JSON.stringify(workflow)).toContain(String(crm[name].url));
				const report = await fetch(`${String(crm[name].url)}/__report`);
				expect(await report.json()).toMatchObject({ exchanges: [] });
			}
		} finally {
			crm.child.kill();
		}
	});
});
