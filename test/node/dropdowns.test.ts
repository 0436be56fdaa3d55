import { LoadOptionsContext } from 'n8n-core';
import { NodeHelpers, Workflow, type INode, type INodeParameters } from 'n8n-workflow';

import { UniTalk } from '../../nodes/UniTalk/UniTalk.node';
import { additionalDataFor } from '../harness/credentials';
import { TestNodeTypes } from '../harness/nodeTypes';
import { credentialsFor, seedAutodialer, useStandIn } from '../helpers';

/** Dropdowns and the autodialer search, called through n8n-core's LoadOptionsContext. */
describe('dropdowns loaded from the account', () => {
	const standIn = useStandIn();
	const node = new UniTalk();

	function context(): LoadOptionsContext {
		const n: INode = {
			id: '1',
			name: 'UniTalk',
			type: 'n8n-nodes-unitalk.uniTalk',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { uniTalkApi: { id: '1', name: 'UniTalk' } },
		};
		const workflow = new Workflow({
			id: 'w',
			nodes: [n],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes(),
		});
		const additionalData = additionalDataFor(credentialsFor(standIn));
		return new LoadOptionsContext(workflow, n, additionalData, 'parameters');
	}

	it('fills every dropdown from /dictionary, sorted, with the ID shown', async () => {
		standIn.state.addAudio('Welcome', 'API');
		for (const [method, load] of Object.entries(node.methods.loadOptions)) {
			const options = await load.call(context());
			expect(Array.isArray(options)).toBe(true);
			if (method === 'getApiAudios')
				expect(options).toEqual([
					{ name: expect.stringMatching(/^Welcome \(\d+\)$/), value: expect.any(Number) },
				]);
		}
		expect(await node.methods.loadOptions.getIvrs.call(context())).toEqual([
			{ name: 'Departments (211)', value: 211 },
			{ name: 'Main menu (487)', value: 487 },
		]);
		expect(standIn.requests.every((r) => r.path === '/dictionary')).toBe(true);
	});

	/**
	 * The request n8n's editor sends for the Analytics Profile list as a node opens for the first
	 * time: the node just added (every parameter at its default, the Call ID's expression resolved
	 * to null with no input yet), and, when the list loads before the editor fills in the credential
	 * (#40), no credential at all. n8n's dynamic-node-parameters service builds the node this way.
	 */
	function firstOpen(credential: boolean): LoadOptionsContext {
		const parameters = NodeHelpers.getNodeParameters(
			node.description.properties,
			{ resource: 'call', operation: 'voiceAnalytics' },
			true,
			false,
			{ typeVersion: 2 },
			node.description,
		) as INodeParameters;
		const sent = { ...parameters, callId: null };
		const n: INode = {
			id: 'uuid-1234',
			name: 'Temp-Node',
			type: 'n8n-nodes-unitalk.uniTalk',
			typeVersion: 2,
			position: [0, 0],
			parameters: sent,
		};
		if (credential) n.credentials = { uniTalkApi: { id: '1', name: 'UniTalk' } };
		const workflow = new Workflow({
			nodes: [n],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes(),
		});
		const additionalData = additionalDataFor(credentialsFor(standIn), {
			currentNodeParameters: sent,
		});
		return new LoadOptionsContext(workflow, n, additionalData, 'parameters.profileId');
	}

	it('on first open, the Analytics Profile list loads from the defaults, or says why it cannot', async () => {
		const profiles = await node.methods.loadOptions.getAnalyticsProfiles.call(firstOpen(true));
		expect(profiles).toEqual([{ name: 'Sample Name (123)', value: 123 }]);
		expect(standIn.requests.map((r) => r.query?.type)).toEqual(['VOICE_ANALYTICS_PROFILE']);

		// Loaded before the editor filled in the credential: nothing can be read, and the message
		// (n8n shows it under "Error fetching options from UniTalk") says what happened and what to do.
		const before = standIn.requests.length;
		const refused = node.methods.loadOptions.getAnalyticsProfiles.call(firstOpen(false));
		await expect(refused).rejects.toThrow(/No UniTalk credential came with this request/);
		await expect(refused).rejects.toThrow(/"Refresh List".*reopen the node/);
		expect(standIn.requests.length).toBe(before);
	});

	it('searches autodialers by name', async () => {
		seedAutodialer(standIn, 'Windows spring');
		const id = seedAutodialer(standIn, 'Doors');
		const found = await node.methods.listSearch.searchAutodialers.call(context(), 'door');
		expect(found.results).toEqual([{ name: `Doors (${id})`, value: String(id) }]);
	});
});
