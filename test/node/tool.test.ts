// #40 7: as an AI Agent tool (version 3) the node opens on Message → Send and asks the agent for phone
// numbers; as a step, and as a tool saved with version 1 or 2, nothing changes.
import type { INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { UniTalk } from '../../nodes/UniTalk/UniTalk.node';
import { PHONE_FROM_INPUT } from '../../nodes/UniTalk/shared/validation';

const step = new UniTalk().description;
// n8n's tool variant is the same description named "…Tool" (n8n's `@tool` reads only that name).
const tool: INodeTypeDescription = { ...step, name: 'uniTalkTool' };

/** The parameters n8n stores and runs with, defaults included, as the editor and the engine get them. */
const resolved = (
	description: INodeTypeDescription,
	typeVersion: number,
	saved: INodeParameters = {},
) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		saved,
		true,
		false,
		{ typeVersion },
		description,
	)!;

const TO_FROM_AGENT =
	'={{ $fromAI("to", "To: the phone number in international format, digits only (e.g. 380971234567)", \'string\') }}';

describe('the UniTalk node as an AI Agent tool (#40 7)', () => {
	it('version 3 is the default', () => {
		expect(step.defaultVersion).toBe(3);
	});

	it('a new tool opens on Message → Send, its To asked of the agent', () => {
		const p = resolved(tool, 3);
		expect(p).toMatchObject({ resource: 'message', operation: 'send', to: TO_FROM_AGENT });
	});

	it('every phone field of the tool is asked of the agent; none reads $json', () => {
		for (const property of step.properties.filter((p) => p.default === PHONE_FROM_INPUT)) {
			const show = property.displayOptions?.show ?? {};
			const saved = {
				resource: show.resource?.[0],
				operation: show.operation?.[0],
			} as INodeParameters;
			const value = resolved(tool, 3, saved)[property.name];
			expect({ field: `${saved.resource}.${saved.operation}.${property.name}`, value }).toEqual({
				field: `${saved.resource}.${saved.operation}.${property.name}`,
				value: expect.stringMatching(/^=\{\{ \$fromAI\(/),
			});
		}
	});

	it('a new step keeps its defaults: Autodialer → Get Many, To from the input item', () => {
		expect(resolved(step, 3)).toMatchObject({ resource: 'autodial', operation: 'getAll' });
		expect(resolved(step, 3, { resource: 'message', operation: 'send' }).to).toBe(PHONE_FROM_INPUT);
	});

	it('tools saved with version 2 keep the defaults they were saved with (fixture)', () => {
		const saved = require('../trigger/fixtures/agent-sms-tool.v2.json') as {
			nodes: Array<{ typeVersion: number; parameters: INodeParameters }>;
		};
		const [sms, autodialers] = saved.nodes;
		expect(sms.typeVersion).toBe(2);
		expect(resolved(tool, sms.typeVersion, sms.parameters).to).toBe(PHONE_FROM_INPUT);
		expect(resolved(tool, autodialers.typeVersion, autodialers.parameters)).toMatchObject({
			resource: 'autodial',
			operation: 'getAll',
		});
	});

	it('each parameter shows once, whatever the version and mode', () => {
		for (const [description, version] of [
			[step, 1],
			[step, 2],
			[step, 3],
			[tool, 2],
			[tool, 3],
		] as const) {
			const shown = description.properties.filter(
				(p) =>
					p.name === 'resource' &&
					NodeHelpers.displayParameter({}, p, { typeVersion: version }, description),
			);
			expect(shown).toHaveLength(1);
		}
	});

	it('Schedule a Callback as a tool asks the agent for the phone, the missed call and the name', () => {
		const saved = { resource: 'callback', operation: 'schedule' } as INodeParameters;
		const p = resolved(tool, 3, saved);
		expect(p.phone).toMatch(/^=\{\{ \$fromAI\("phone", /);
		expect(p.missedCallId).toMatch(/^=\{\{ \$fromAI\("missedCallId", /);
		expect(p.name).toBe(`={{ $fromAI("name", "The client's name, if known", 'string', "") }}`);
		expect(p.oncePerMissedCall).toBe(true);
		// As a step, nothing is asked: the missed call is found on the input.
		expect(resolved(step, 3, saved)).toMatchObject({ phone: '', missedCallId: '', name: '' });
	});

	it('the callback operations tell an agent what they do and what they need', () => {
		const menu = tool.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('callback'),
		)!.options as Array<{ value: string; action: string; description: string }>;
		expect(menu.map((o) => o.action).sort()).toEqual([
			'Create or update a callback autodialer',
			'Schedule a callback for a missed call',
		]);
		for (const option of menu) expect(option.description.length).toBeGreaterThan(80);
	});
});
