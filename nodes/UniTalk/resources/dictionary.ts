// Dictionaries: IDs and names of the project's voice menus, lines, users, scenarios and more.
import { READS } from '../engine/effect';
import { dictionaryToRecords } from '../shared/records';
import type { Operation } from '../engine/types';
import { pick } from './fields';

const DICTIONARY_TYPES = [
	'IVR',
	'INNER_PHONE',
	'USER',
	'SITE',
	'IN_SCENARIO',
	'OUT_SCENARIO',
	'TTS_PROFILE',
	'STT_PROFILE',
	'PHONE_GROUP',
	'TRIGGER_ACTION',
	'VOICE_ROBOT',
	'MESSAGE_DISTRIBUTION',
	'CONTACT_FORMS',
	'VOICE_ANALYTICS_PROFILE',
	'AUDIO_ALL',
	'AUDIO_GENERAL',
	'AUDIO_IVR',
	'AUDIO_AUTODIAL',
	'AUDIO_MELODY',
	'AUDIO_API',
	'AUDIO_VOICE_ROBOT',
	'AUDIO_VOICE_QUEUE',
	'AUTODIAL_ALL',
	'AUTODIAL_AUTODIALER',
	'AUTODIAL_PREDICTIVE',
	'AUTODIAL_ROBOT',
];

export const dictionaryOperations: Operation[] = [
	{
		value: 'get',
		name: 'Get Entities',
		action: 'Get entities of a type',
		description:
			'IDs and names of voice menus, lines, users, scenarios, audios, autodialers and more',
		path: '/dictionary',
		body: 'query',
		effect: READS,
		limitList: true,
		fields: [pick('type', 'Type', DICTIONARY_TYPES)],
		build: (p) => ({ type: p.str('type') }),
		output: (response, p) =>
			dictionaryToRecords(response).map((r) => ({ type: p.str('type'), ...r })),
	},
];
