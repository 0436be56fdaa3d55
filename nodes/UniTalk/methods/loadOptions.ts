// Dropdowns and list searches filled from the UniTalk account.
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { dictionaryToRecords } from '../shared/records';
import { CREDENTIAL_NAME } from '../transport/credential';
import { unitalkRequest } from '../transport/request';

/**
 * On a node's first open, n8n's editor loads its lists as the panel opens, sometimes before it has
 * filled in the credential, and drops the reload the credential then asks for while that first load
 * is pending (#40). n8n's own answer, "Node does not have any credentials set", reads as if none
 * were chosen; this one says what happened and what to do.
 */
export const NO_CREDENTIAL_YET =
	'No UniTalk credential came with this request: n8n loaded the list before the node had its credential. Choose "Refresh List" in this field\'s menu, or close and reopen the node; if "Credential to connect with" is empty, choose or create a UniTalk credential first.';

/** Entities of one `/dictionary?type=…` as dropdown options. */
async function dictionary(
	ctx: ILoadOptionsFunctions,
	type: string,
): Promise<INodePropertyOptions[]> {
	if (!ctx.getNode().credentials?.[CREDENTIAL_NAME])
		throw new NodeOperationError(ctx.getNode(), NO_CREDENTIAL_YET, { level: 'warning' });
	const response = await unitalkRequest(ctx, {
		path: '/dictionary',
		query: { type },
		sideEffect: false,
	});
	return dictionaryToRecords(response)
		.map((entry) => ({
			name: `${String(entry.name ?? entry.id)} (${String(entry.id)})`,
			value: entry.id as number | string,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const byType = (type: string) =>
	async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await dictionary(this, type);
	};

export const loadOptions = {
	getApiAudios: byType('AUDIO_API'),
	getAutodialers: byType('AUTODIAL_ALL'),
	getAutodialAudios: byType('AUDIO_AUTODIAL'),
	getMelodyAudios: byType('AUDIO_MELODY'),
	getAnalyticsProfiles: byType('VOICE_ANALYTICS_PROFILE'),
	getDistributions: byType('MESSAGE_DISTRIBUTION'),
	getGroups: byType('PHONE_GROUP'),
	getInScenarios: byType('IN_SCENARIO'),
	getIvrs: byType('IVR'),
	getOutScenarios: byType('OUT_SCENARIO'),
	getSipLines: byType('INNER_PHONE'),
	getTtsProfiles: byType('TTS_PROFILE'),
	getUsers: byType('USER'),
	getVoiceRobots: byType('VOICE_ROBOT'),
};

export const listSearch = {
	async searchAutodialers(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const options = await dictionary(this, 'AUTODIAL_ALL');
		const needle = (filter ?? '').toLowerCase();
		return {
			results: options
				.filter((o) => !needle || o.name.toLowerCase().includes(needle))
				.map((o) => ({ name: o.name, value: String(o.value) })),
		};
	},
};
