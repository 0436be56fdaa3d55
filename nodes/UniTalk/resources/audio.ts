// Project audio: upload from binary data, synthesize from text (5 per request), list by section.
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable, READS } from '../engine/effect';
import type { Operation } from '../engine/types';
import { dictionaryToRecords } from '../shared/records';
import { InputError, requireLength, ttsPayload } from '../shared/validation';
import { AUDIO_SECTIONS, bool, fromAccount, pick, str } from './fields';

const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export const audioOperations: Operation[] = [
	{
		value: 'upload',
		name: 'Upload',
		action: 'Upload an audio file',
		description: 'Add an audio or video file (max 15 MB) from a binary field to the project',
		path: '/audio/upload',
		body: 'multipart',
		effect: notRepeatable('Adds a new audio to the project each time.'),
		fields: [
			str('binaryProperty', 'Input Binary Field', { default: 'data', required: true }),
			str('name', 'Name', { required: true, description: 'At most 200 characters' }),
			pick('type', 'Section', AUDIO_SECTIONS),
			bool('temp', 'Temporary', 'Whether UniTalk deletes the file at 04:00'),
		],
		build: async (p) => {
			const property = p.str('binaryProperty') || 'data';
			const binary = p.ctx.helpers.assertBinaryData(p.itemIndex, property);
			const buffer = await p.ctx.helpers.getBinaryDataBuffer(p.itemIndex, property);
			if (buffer.length > MAX_UPLOAD_BYTES)
				throw new InputError(
					`The file is ${(buffer.length / 1048576).toFixed(1)} MB; UniTalk accepts at most 15 MB`,
					'binaryProperty',
				);
			return {
				multipart: [
					{ field: 'name', content: requireLength(p.str('name'), 200, 'Name', 1) },
					{ field: 'type', content: p.str('type') },
					{ field: 'temp', content: String(p.bool('temp')) },
					{
						field: 'file',
						content: buffer,
						fileName: binary.fileName ?? 'audio',
						mimeType: binary.mimeType,
					},
				],
			};
		},
		output: (response, p) => ({
			id: Number((response as IDataObject).message),
			name: p.str('name'),
			type: p.str('type'),
		}),
	},
	{
		value: 'synthesize',
		name: 'Synthesize',
		action: 'Synthesize audio from text',
		description: 'Create a project audio from text or SSML; up to 5 items per request',
		path: '/audio/tts',
		body: 'json',
		effect: notRepeatable('Creates a new audio each time.'),
		fields: [
			str('name', 'Name', { required: true }),
			pick('type', 'Section', AUDIO_SECTIONS),
			pick('format', 'Input', [
				['Text', 'text'],
				['SSML', 'ssml'],
			]),
			str('text', 'Text', {
				required: true,
				typeOptions: { rows: 4 },
				description: 'Text up to 4960 characters, or SSML up to 5000 wrapped in <speak>',
			}),
			fromAccount('settingsId', 'Synthesis Profile Name or ID', 'getTtsProfiles', {
				required: true,
			}),
		],
		batch: {
			maxPerRequest: 5,
			units: (p) => {
				const name = requireLength(p.str('name'), 200, 'Name', 1);
				const tts = {
					...ttsPayload(p.str('text'), p.str('format') === 'ssml' ? 'ssml' : 'text', 'Text'),
					settingsId: p.id('settingsId', 'Synthesis Profile'),
				};
				return {
					group: 'tts',
					units: [{ item: p.itemIndex, key: name, value: { name, type: p.str('type'), tts } }],
				};
			},
			payload: (_p, units) => ({ data: units.map((u) => u.value as IDataObject) }),
			results: (response, units) => {
				const data = ((response as IDataObject).data as IDataObject[] | undefined) ?? [];
				return units.map((unit, i) =>
					data[i]?.id
						? { unit, ok: true, data: { id: data[i].id } }
						: { unit, ok: false, error: String(data[i]?.error ?? 'No result') },
				);
			},
			summarize: (p, results) => ({
				id: results[0]?.data?.id ?? null,
				name: results[0]?.unit.key,
				type: p.str('type'),
				error: results[0]?.error ?? null,
			}),
		},
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many audios',
		description: 'Audios of the project, of one section or all',
		path: '/dictionary',
		body: 'query',
		effect: READS,
		limitList: true,
		fields: [
			pick('section', 'Section', [
				['All', 'ALL'],
				...AUDIO_SECTIONS,
				['Voice Queue Calls', 'VOICE_QUEUE'],
				['Voice Robots', 'VOICE_ROBOT'],
			]),
		],
		build: (p) => ({ type: `AUDIO_${p.str('section')}` }),
		output: (response, p) =>
			dictionaryToRecords(response).map((r) => ({ ...r, section: p.str('section') })),
	},
];
