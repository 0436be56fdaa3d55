import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeTypeDescription,
	type IDataObject,
	type IWorkflowExecuteAdditionalData,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

import { UniTalkApi } from '../../credentials/UniTalkApi.credentials';
import { NODE_TYPES } from './nodeTypes';
import { stub } from './stub';

/**
 * Credential resolution the way n8n's CLI does it: decrypted data by type, and the credential
 * type's generic `authenticate` block applied with real expression evaluation ($credentials).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		const options = requestOptions as IHttpRequestOptions;
		if (typeof type?.authenticate === 'function')
			return await type.authenticate(credentials, options);
		if (type?.authenticate?.type !== 'generic') return options;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					)
				: value;
		const { headers = {}, qs = {} } = type.authenticate.properties;
		options.headers = { ...(options.headers ?? {}) };
		for (const [key, value] of Object.entries(headers))
			options.headers[key] = resolve(value) as string;
		options.qs = { ...(options.qs ?? {}) };
		for (const [key, value] of Object.entries(qs)) options.qs[key] = resolve(value) as string;
		return options;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return data;
	}

	async getCredentials(): Promise<Credentials> {
		return new Credentials({ id: null, name: '' }, '', '');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return [];
	}

	/** n8n 2.x asks before it decrypts: the node type must list the credential, as in n8n's CLI. */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const { credentials = [] } = (NODE_TYPES[nodeType]?.description ?? {}) as INodeTypeDescription;
		return credentials.some((credential) => credential.name === credentialType);
	}
}

/**
 * n8n's additional data for a run with the UniTalk credential `credentials`: what the node and both
 * n8n lines read, every other property a no-op (stub). n8n-core 2.x reads the runner identity
 * before a run starts, so it is set (to none): a no-op function would be taken for an encrypted one.
 */
export function additionalDataFor(
	credentials: IDataObject,
	values: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return stub<IWorkflowExecuteAdditionalData>({
		encryptedRunnerIdentity: undefined,
		credentialsHelper: new TestCredentialsHelper(
			{ uniTalkApi: new UniTalkApi() },
			{ uniTalkApi: credentials as ICredentialDataDecryptedObject },
		),
		...values,
	} as Partial<IWorkflowExecuteAdditionalData>);
}
