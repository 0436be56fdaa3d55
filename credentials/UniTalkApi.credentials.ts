import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			description: 'Change only for a UniTalk-compatible test server',
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
				'Most requests this n8n process sends with this key in any 10 seconds. UniTalk blocks a key at 30 and bans it permanently at 100. In queue mode every process paces on its own: split 25 across all of them that use the key (main, webhook processes, workers), e.g. 6 each for main + 1 webhook process + 2 workers. Lower it too when other systems use the same key.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{($credentials.authScheme === "bearer" ? "Bearer " : "") + String($credentials.apiKey).trim()}}',
			},
		},
	};

	// One cheap read. UniTalk may answer a bad key with HTTP 200 and {"status": "Error"}, hence the rule.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/users/getStatus',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'Error',
					message:
						'UniTalk rejected the API key. Copy it again from the "API" page of your UniTalk account.',
				},
			},
		],
	};
}
