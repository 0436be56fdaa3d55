// Dropdowns and list searches filled from the UniTalk account.
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { dictionaryToRecords } from '../shared/records';
import { unitalkRequest } from '../transport/request';

/** Entities of one `/dictionary?type=…` as dropdown options. */
async function dictionary(
	ctx: ILoadOptionsFunctions,
	type: string,
): Promise<INodePropertyOptions[]> {
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
