// What n8n's editor derives from the descriptions: nodes-panel entries, subtitles, trigger guidance.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { UniTalk } from '../../nodes/UniTalk/UniTalk.node';
import { UniTalkTrigger } from '../../nodes/UniTalk/UniTalkTrigger.node';
import { RESOURCES } from '../../nodes/UniTalk/resources';

const trigger = new UniTalkTrigger().description;
const action = new UniTalk().description;

/** The parameters n8n shows for these values (displayOptions `show` only, as ours use). */
function visible(properties: INodeProperties[], values: Record<string, unknown>) {
	return properties.filter((p) =>
		Object.entries(p.displayOptions?.show ?? {}).every(([name, allowed]) =>
			(allowed as unknown[]).includes(values[name.replace(/^\//, '')]),
		),
	);
}

/** The label map inside a `={{ {...}[key] || "" }}` subtitle. */
function subtitleLabels(subtitle: string): Record<string, string> {
	return JSON.parse(subtitle.slice(subtitle.indexOf('{', 3), subtitle.lastIndexOf('}[') + 1));
}

describe('what the editor shows', () => {
	it('the nodes panel lists one readable "On …" entry per trigger mode, ROUTE and queue included', () => {
		// n8n takes the first parameter labelled Event(s) or Trigger On for the entries.
		const entries = trigger.properties.find((p) =>
			['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
		);
		expect(entries?.name).toBe('mode');
		expect((entries?.options as INodePropertyOptions[]).map((o) => o.action)).toEqual([
			'On call events (new, answered, redirected, ended)',
			'On ROUTE request (choose the operator for an incoming call)',
			"On voice queue request (set the caller's priority)",
			'On autodialer, voice menu or balance notification',
		]);
		expect(trigger.eventTriggerDescription).toMatch(/Test URL/);
		expect(trigger.activationMessage).toMatch(/Production URL/);
	});

	it('subtitles use display names, for every operation and mode', () => {
		const operations = subtitleLabels(action.subtitle!);
		expect(operations['autodial:addNumbers']).toBe('Add Numbers: Autodialer');
		expect(operations['history:getAll']).toBe('Get Many: History');
		const declared = RESOURCES.flatMap((r) => r.operations.map((o) => `${r.value}:${o.value}`));
		expect(Object.keys(operations).sort()).toEqual(declared.sort());
		expect(subtitleLabels(trigger.subtitle!)).toMatchObject({
			events: 'Call Events',
			route: 'ROUTE Request (Choose the Operator)',
		});
	});

	it('ROUTE mode guides the set-up, verifies by ?key= and hides call-event options', () => {
		const shown = visible(trigger.properties, { mode: 'route', routeVerification: 'query' });
		const names = shown.map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['routeSetup', 'secretUrlNotice', 'secret']));
		expect(names).not.toContain('verification');
		const verify = shown.find((p) => p.name === 'routeVerification');
		expect(verify?.default).toBe('query');
		const notices = shown.filter((p) => p.type === 'notice').map((p) => p.displayName);
		expect(notices.join(' ')).toMatch(/Answer Route.*To the department/);
		expect(notices.join(' ')).toMatch(/\?key=/);
		const options = shown.find((p) => p.name === 'options')?.options as INodeProperties[];
		const routeOptions = visible(options, { mode: 'route' }).map((o) => o.name);
		expect(routeOptions).not.toContain('attachRecording');
		expect(routeOptions).not.toContain('binaryProperty');
		expect(shown.find((p) => p.name === 'secret')).toMatchObject({
			required: true,
			description: expect.stringMatching(/\?key=/),
		});
	});

	it('Voice Analytics says that each run starts a new (paid) analysis, and when it does not', () => {
		const shown = visible(action.properties, { resource: 'call', operation: 'voiceAnalytics' });
		const notices = shown.filter((p) => p.type === 'notice');
		expect(notices).toHaveLength(1);
		const [notice] = notices;
		// Above the fields it is about.
		expect(shown.indexOf(notice)).toBeLessThan(shown.findIndex((p) => p.name === 'callId'));
		expect(notice.displayName).toMatch(/Each run starts a new analysis of each item's call/);
		expect(notice.displayName).toMatch(/UniTalk may charge/);
		expect(notice.displayName).toMatch(/Execute step runs one for every sample item/);
		// What transport/request.ts shares: this process, same profile and key, 30 minutes.
		expect(notice.displayName).toMatch(
			/this n8n process analysed with the same profile and API key in the last 30 minutes, or is analysing now/,
		);
		// Nowhere else.
		const others = visible(action.properties, { resource: 'call', operation: 'getRecording' });
		expect(others.some((p) => p.name === notice.name)).toBe(false);
	});

	it('call events keep the API key header as their default check', () => {
		const shown = visible(trigger.properties, { mode: 'events' });
		expect(shown.find((p) => p.name === 'verification')?.default).toBe('apiKey');
		expect(shown.map((p) => p.name)).not.toContain('routeVerification');
	});
});
