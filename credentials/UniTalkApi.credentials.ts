import type {
	IAuthenticateRuleResponseCode,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

const WRONG_KEY =
	'UniTalk rejected the API key. Copy it again from Integrations → API in your UniTalk account (no spaces around it), and check Send Key As.';

export class UniTalkApi implements ICredentialType {
	name = 'uniTalkApi';

	displayName = 'UniTalk API';

	icon: Icon = { light: 'file:unitalk.svg', dark: 'file:unitalk.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-unitalk#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Key from the "API" page of your UniTalk account (Integrations → API → Generate API key)',
		},
		{
			displayName: 'Send Key As',
			name: 'authScheme',
			type: 'options',
			options: [
				{ name: 'Authorization: <Key>', value: 'plain' },
				{ name: 'Authorization: Bearer <Key>', value: 'bearer' },
			],
			default: 'plain',
			description: 'UniTalk accepts the key on its own or prefixed with "Bearer"',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.unitalk.cloud/api',
			description:
				'Keep https://api.unitalk.cloud/api; change it only for a UniTalk-compatible test server',
			// Shown under the field: n8n's credential test shows a network failure as a bare code.
			hint: 'A test failing with ECONNREFUSED or ENOTFOUND means nothing answers at this address',
		},
		{
			displayName: 'UniTalk Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'Europe/Kyiv',
			placeholder: 'Europe/Kyiv',
			description:
				'Time zone your UniTalk project is set to (UniTalk project settings). UniTalk sends and expects times without an offset, in this zone; the nodes convert to and from it. An IANA name such as Europe/Kyiv or Europe/Warsaw.',
		},
		{
			displayName: 'Request Budget (per 10 Seconds)',
			name: 'requestBudget',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 29 },
			default: 25,
			description:
				'Most requests this n8n process sends with this key in any 10 seconds, evenly spread. UniTalk blocks a key at 30 and bans it permanently at 100. When several n8n processes use the key (queue mode), the default is safe: after a first block each lowers its pace to its share. To avoid that first block, split 25 across them, e.g. 6 each for main + 1 webhook process + 2 workers. Lower it when other systems use the same key.',
		},
	];

	// No `authenticate`: the nodes add the key themselves, inside their pacing queue, so n8n's HTTP
	// Request node and "Custom API Call" cannot send with this key unpaced (see transport/request.ts).
	// The test is one cheap read; UniTalk may answer a bad key with HTTP 200 and {"status": "Error"}.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/users/getStatus',
			headers: {
				Authorization:
					'={{($credentials.authScheme === "bearer" ? "Bearer " : "") + String($credentials.apiKey).trim()}}',
			},
		},
		// n8n applies responseCode rules to error answers and responseSuccessBody rules to 2xx answers;
		// its type admits only one kind per list, hence the cast.
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: WRONG_KEY },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `${WRONG_KEY} If the key is right, UniTalk may have blocked the account for too many requests: ask UniTalk support.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'UniTalk has blocked this key for a short while: too many requests (30 in 10 s). Wait a minute and test again; lower Request Budget if other systems use the key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing that answers like UniTalk is at this Base URL. Use https://api.unitalk.cloud/api.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'Error',
					message: WRONG_KEY,
				},
			},
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
