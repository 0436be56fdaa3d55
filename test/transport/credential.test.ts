import axios from 'axios';

import { UniTalkApi } from '../../credentials/UniTalkApi.credentials';
import { useStandIn } from '../helpers';

/** An n8n-style `={{ … }}` expression evaluated against the credential's values. */
function resolve(expression: string, credentials: Record<string, unknown>): string {
	const body = expression.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$credentials', `return (${body});`)(credentials) as string;
}

/** Sends the credential's declared test request the way n8n resolves it, and applies its rules. */
async function testCredential(baseUrl: string, apiKey: string, authScheme = 'plain') {
	const credential = new UniTalkApi();
	const values = { baseUrl, apiKey, authScheme };
	const { request, rules = [] } = credential.test;
	const url = `${resolve(request.baseURL!, values)}${request.url}`;
	const headers = { Authorization: resolve(String(request.headers!.Authorization), values) };
	const response = await axios.post(url, undefined, { headers, validateStatus: () => true });
	const failed = rules.find((rule) =>
		rule.type === 'responseCode'
			? response.status === rule.properties.value
			: response.data?.[rule.properties.key] === rule.properties.value,
	);
	return {
		ok: response.status < 300 && !failed,
		status: response.status,
		message: failed?.properties.message ?? response.data?.message,
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

	it('has no generic authenticate, so n8n offers no unpaced Custom API Call or HTTP Request use', () => {
		expect(new UniTalkApi()).not.toHaveProperty('authenticate');
	});

	it('passes with a good key, plain or Bearer, at the cost of one request', async () => {
		expect((await testCredential(standIn.apiUrl, ' test-key\n')).ok).toBe(true);
		expect((await testCredential(standIn.apiUrl + '/', 'test-key', 'bearer')).ok).toBe(true);
		expect(standIn.requests.map((r) => r.path)).toEqual(['/users/getStatus', '/users/getStatus']);
	});

	it('fails with a readable message on a bad key', async () => {
		const result = await testCredential(standIn.apiUrl, 'nope');
		expect(result).toMatchObject({
			ok: false,
			status: 401,
			message: expect.stringMatching(/^UniTalk rejected the API key\. Copy it again from/),
		});
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
