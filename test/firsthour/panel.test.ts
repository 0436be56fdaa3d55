// #18 4, 3, 11: what a new user meets in the nodes panel, in the parameters, and in demo:event.
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import codex from '../../nodes/UniTalk/UniTalk.node.json';
import { UniTalk } from '../../nodes/UniTalk/UniTalk.node';

const node = new UniTalk().description;
const all = (properties: INodeProperties[]): INodeProperties[] =>
	properties.flatMap((p) => [
		p,
		...all(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o)),
	]);
const find = (name: string, resource: string) =>
	all(node.properties).find(
		(p) => p.name === name && p.displayOptions?.show?.resource?.includes(resource),
	);

describe('first hour: the nodes panel and the parameters', () => {
	it('the merged nodes-panel entry is found by "missed", "missed call", "route" and "answer route"', () => {
		// n8n shows one entry for UniTalk and UniTalk Trigger, searched by the action node's aliases.
		expect(codex.alias).toEqual(
			expect.arrayContaining(['missed', 'missed call', 'route', 'answer route']),
		);
	});

	it("the nodes panel lists Message's actions (Send SMS) right after Autodialer's, which stays the default", () => {
		const resource = node.properties.find((p) => p.name === 'resource')!;
		const values = (resource.options as Array<{ value: string }>).map((o) => o.value);
		expect(values.slice(0, 2)).toEqual(['autodial', 'message']);
		expect(resource.default).toBe('autodial');
	});

	it('no placeholder shows n8n\'s internal "=" of an expression (Send Once Per Key\'s Key)', () => {
		const placeholders = all(node.properties).filter(
			(p) => typeof p.placeholder === 'string' && p.placeholder.startsWith('='),
		);
		expect(placeholders.map((p) => `${p.name}: ${p.placeholder}`)).toEqual([]);
	});

	it('the same entry is found by "call history" and "polling", for the Call History Trigger', () => {
		// The polling trigger is in that entry too: the words a user types for it are the action node's.
		expect(codex.alias).toEqual(expect.arrayContaining(['call history', 'polling']));
	});

	it('labels: no credential for Call Routing, Voice Menu ID empty, users from the account, plain names', () => {
		expect(node.credentials).toEqual([
			{
				name: 'uniTalkApi',
				required: true,
				displayOptions: { hide: { resource: ['callRouting'] } },
			},
		]);
		expect(find('ivrId', 'callRouting')).toMatchObject({ type: 'string', default: '' });
		expect(find('userIds', 'webDialer')).toMatchObject({
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getUsers' },
		});
		const resources = node.properties.find((p) => p.name === 'resource')!.options as Array<{
			name: string;
		}>;
		expect(resources.map((r) => r.name)).toContain('Statistics');
		const callOps = node.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('call'),
		)!.options as Array<{ name: string; action: string; description: string }>;
		const direct = callOps.find((o) => o.name === 'Direct Call')!;
		expect(direct.description).not.toMatch(/click-to-call/i);
		expect(direct.action).toBe('Direct call from a SIP line');
		expect(callOps.find((o) => o.name === 'Click-to-Call')!.action).toBe(
			'Click-to-call a client (callback)',
		);
		const lists = all(node.properties).filter(
			(p) => p.type === 'fixedCollection' && p.typeOptions?.multipleValues,
		);
		expect(
			lists
				.filter((p) => !p.typeOptions?.multipleValueButtonText && !p.placeholder)
				.map((p) => p.name),
		).toEqual([]);
	});
});

describe('first hour: demo:event', () => {
	const script = join(__dirname, '../../scripts/demo-event.js');

	it('--list names every event with its body', () => {
		const out = execFileSync(process.execPath, [script, '--list'], { encoding: 'utf8' });
		for (const event of ['new', 'redirect', 'answer', 'answered', 'missed', 'route'])
			expect(out).toMatch(new RegExp(`^  ${event} `, 'm'));
		expect(out).toContain('"event": "CALL_END"');
	});

	it('--url posts to any trigger URL, and says "is npm start running?" when nothing answers', async () => {
		const port = await new Promise<number>((resolve) => {
			const server = createServer().listen(0, '127.0.0.1', () => {
				const { port: free } = server.address() as AddressInfo;
				server.close(() => resolve(free));
			});
		});
		const result = spawnSync(
			process.execPath,
			[script, 'answered', '--url', `http://127.0.0.1:${port}/webhook-test/x/unitalk`],
			{
				encoding: 'utf8',
			},
		);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(
			/^Nothing answered at http:\/\/127\.0\.0\.1:\d+\/webhook-test\/x\/unitalk \(ECONNREFUSED\)\. Is `npm start` running\?/,
		);
	});
});

describe('the Call History Trigger panel (#40 7)', () => {
	it('its notice points up to Poll Times, where n8n-core puts it when it loads a polling node', () => {
		const { DirectoryLoader } = require('n8n-core') as typeof import('n8n-core');
		const { UniTalkCallHistoryTrigger } =
			require('../../nodes/UniTalk/UniTalkCallHistoryTrigger.node') as typeof import('../../nodes/UniTalk/UniTalkCallHistoryTrigger.node');
		const trigger = new UniTalkCallHistoryTrigger();
		// A copy: the loader adds to the list in place, and the list is the module's own.
		trigger.description = {
			...trigger.description,
			properties: [...trigger.description.properties],
		};
		// The loader's own step, as n8n runs it for every node it loads (it reads only the node).
		(
			DirectoryLoader.prototype as unknown as {
				applySpecialNodeParameters: (nodeType: unknown) => void;
			}
		).applySpecialNodeParameters.call(undefined, trigger);
		const names = trigger.description.properties.map((p) => p.name);
		expect(names.indexOf('pollTimes')).toBeLessThan(names.indexOf('pollNotice'));
		const notice = trigger.description.properties.find((p) => p.name === 'pollNotice')!;
		expect(notice.displayName).toContain('on the schedule above (Poll Times)');
		expect(notice.displayName).not.toMatch(/below/);
	});
});
