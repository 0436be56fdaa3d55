import axios from 'axios';

import { UniTalkApi } from '../../credentials/UniTalkApi.credentials';
import { useStandIn } from '../helpers';

/** Sends the credential's declared test request the way n8n resolves it, and applies its rule. */
async function testCredential(baseUrl: string, apiKey: string, authScheme = 'plain') {
	const credential = new UniTalkApi();
	const url = `${baseUrl.replace(/\/+$/, '')}${credential.test.request.url}`;
	const authorization = authScheme === 'bearer' ? `Bearer ${apiKey}` : apiKey;
	const response = await axios.post(url, undefined, {
		headers: { Authorization: authorization },
		validateStatus: () => true,
	});
	const rule = credential.test.rules?.[0];
	const failedByRule =
		rule?.type === 'responseSuccessBody' &&
		response.data?.[rule.properties.key] === rule.properties.value;
	return {
		ok: response.status < 300 && !failedByRule,
		status: response.status,
		message: failedByRule ? rule.properties.message : response.data?.message,
	};
}

describe('UniTalk API credential', () => {
	const standIn = useStandIn();

	it('declares key, scheme, base URL and budget', () => {
		const credential = new UniTalkApi();
		expect(credential.properties.map((p) => p.name)).toEqual([
			'apiKey',
			'authScheme',
			'baseUrl',
			'timeZone',
			'requestBudget',
		]);
		expect(credential.properties[0].typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://api.unitalk.cloud/api',
		);
	});

	it('passes with a good key, plain or Bearer, at the cost of one request', async () => {
		expect((await testCredential(standIn.apiUrl, 'test-key')).ok).toBe(true);
		expect((await testCredential(standIn.apiUrl + '/', 'test-key', 'bearer')).ok).toBe(true);
		expect(standIn.requests.map((r) => r.path)).toEqual(['/users/getStatus', '/users/getStatus']);
	});

	it('fails with a readable message on a bad key', async () => {
		const result = await testCredential(standIn.apiUrl, 'nope');
		expect(result.ok).toBe(false);
		expect(result.status).toBe(401);
		standIn.inject({
			path: '/users/getStatus',
			reply: { status: 200, body: { status: 'Error', message: 'Wrong API key' } },
		});
		const ruled = await testCredential(standIn.apiUrl, 'test-key');
		expect(ruled).toMatchObject({
			ok: false,
			message: expect.stringMatching(/rejected the API key/),
		});
	});
});
