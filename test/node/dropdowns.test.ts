import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode } from 'n8n-workflow';

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

	it('searches autodialers by name', async () => {
		seedAutodialer(standIn, 'Windows spring');
		const id = seedAutodialer(standIn, 'Doors');
		const found = await node.methods.listSearch.searchAutodialers.call(context(), 'door');
		expect(found.results).toEqual([{ name: `Doors (${id})`, value: String(id) }]);
	});
});
