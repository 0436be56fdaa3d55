// Calls: start, end, assist, analyse, and fetch recordings.
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable, READS, repeatable } from '../engine/effect';
import { compact, type Params } from '../engine/params';
import type { Operation } from '../engine/types';
import {
	InputError,
	requireLength,
	requirePhone,
	requireRange,
	ttsPayload,
} from '../shared/validation';
import { collection, fromAccount, num, phone, pick, str, when } from './fields';
import { text as textOf } from '../shared/callRecord';
import { recordingFile } from '../shared/recordingFile';
import { recordingLimitOptions } from '../shared/recordingOptions';

const meta = str('meta', 'Meta (Your Own Data)', {
	description: 'Any text (max 1000 characters) that UniTalk repeats in the call webhooks',
});
const metaOf = (p: Params) =>
	p.str('meta') ? requireLength(p.str('meta'), 1000, 'Meta') : undefined;

function callAudios(p: Params): IDataObject[] | undefined {
	const parts = (p.collection('audios').audio as IDataObject[] | undefined) ?? [];
	if (parts.length > 5)
		throw new InputError(`"Audios" has ${parts.length} entries; UniTalk allows 5`, 'audios');
	if (parts.filter((a) => a.kind !== 'audio').length > 2)
		throw new InputError('"Audios" may hold at most 2 speech syntheses', 'audios');
	return parts.length
		? parts.map((a) => {
				if (a.kind === 'audio') return { id: Number(a.audioId) };
				if (!a.settingsId)
					throw new InputError('Speech synthesis needs a "Synthesis Profile"', 'audios');
				return {
					tts: {
						...ttsPayload(
							String(a.text ?? ''),
							a.kind === 'ssml' ? 'ssml' : 'text',
							'Audios → Text',
						),
						settingsId: Number(a.settingsId),
					},
				};
			})
		: undefined;
}

/** How long an analysis's answer is given again for the same call (the panel's notice says so). */
const SHARE_ANALYSIS_MS = 30 * 60_000;

export const callOperations: Operation[] = [
	{
		value: 'directCall',
		name: 'Direct Call',
		action: 'Direct call from a SIP line',
		description: 'Ring an internal line; when the operator answers, UniTalk dials the number',
		path: '/phones/directCall',
		body: 'form',
		effect: notRepeatable('Places a call: a second request rings the person again.'),
		fields: [
			fromAccount('sip', 'SIP Line Name or ID', 'getSipLines', { required: true }),
			phone('number', 'Number to Call'),
			meta,
		],
		build: (p) =>
			compact({ sip: p.str('sip'), number: p.phone('number', 'Number to Call'), meta: metaOf(p) }),
	},
	{
		value: 'clickToCall',
		name: 'Click-to-Call',
		action: 'Click-to-call a client (callback)',
		description: 'Call the client, then connect the steps (number, SIP line or group) in order',
		path: '/calls/originateC2c',
		body: 'json', // the reference lists the fields without a body example; JSON like the other /calls methods
		effect: notRepeatable('Places a call: a second request rings both sides again.'),
		fields: [
			phone('clientNumber', 'Client Number'),
			{
				displayName: 'Steps',
				name: 'steps',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Step',
				// One empty step to start from, so the canvas flags its required To like Client Number.
				default: { step: [{ type: 'SIP', to: '', awaitingTime: 30 }] },
				required: true,
				description:
					'Who UniTalk connects, in order, once the client answers: a SIP line, a group or a phone number; the next step rings when one does not answer',
				options: [
					{
						displayName: 'Step',
						name: 'step',
						values: [
							pick('type', 'Type', [
								['SIP Line', 'SIP'],
								['Group', 'GROUP'],
								['Phone Number', 'GSM'],
							]),
							str('to', 'To', {
								required: true,
								description: 'SIP line, group ID or phone number',
							}),
							num('awaitingTime', 'Ring Time in Seconds', {
								default: 30,
								description: 'How long this step rings before the next one (5–300)',
								typeOptions: { minValue: 5, maxValue: 300 },
							}),
						],
					},
				],
			},
		],
		build: (p) => {
			const steps = ((p.collection('steps').step as IDataObject[] | undefined) ?? []).map((s) => ({
				type: s.type,
				to:
					s.type === 'GSM'
						? requirePhone(s.to, 'Steps → To')
						: requireLength(String(s.to ?? '').trim(), 20, 'Steps → To', 1),
				awaitingTime: requireRange(Number(s.awaitingTime), 5, 300, 'Ring Time'),
			}));
			if (!steps.length) throw new InputError('Add at least one step', 'steps');
			return { clientNumber: p.phone('clientNumber', 'Client Number'), steps };
		},
	},
	{
		value: 'informationalCall',
		name: 'Informational Call',
		action: 'Make an informational call',
		description: 'Call a number and play audio, speech synthesis, a voice menu or a voice robot',
		path: '/calls/originateNew',
		body: 'json',
		effect: notRepeatable('Places a call: a second request rings the person again.'),
		fields: [
			phone('phone', 'Phone Number'),
			{
				displayName: 'Audios',
				name: 'audios',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true, multipleValueButtonText: 'Add Audio' },
				default: {},
				description: 'Played in order when answered: up to 5, of which up to 2 syntheses',
				options: [
					{
						displayName: 'Audio',
						name: 'audio',
						values: [
							pick('kind', 'Kind', [
								['Audio', 'audio'],
								['Text', 'text'],
								['SSML', 'ssml'],
							]),
							fromAccount('audioId', 'Audio Name or ID', 'getApiAudios', when({ kind: ['audio'] })),
							str('text', 'Text', {
								typeOptions: { rows: 3 },
								...when({ kind: ['text', 'ssml'] }),
							}),
							fromAccount(
								'settingsId',
								'Synthesis Profile Name or ID',
								'getTtsProfiles',
								when({ kind: ['text', 'ssml'] }),
							),
						],
					},
				],
			},
			fromAccount('ivrId', 'Voice Menu Name or ID', 'getIvrs'),
			fromAccount('voiceSecretaryId', 'Voice Robot Name or ID', 'getVoiceRobots'),
			str('outerLine', 'Outer Line', {
				description: 'External line to call from; empty = chosen by outgoing scenarios',
			}),
			meta,
		],
		build: (p) => {
			const body = compact({
				phone: p.phone('phone', 'Phone Number'),
				audios: callAudios(p),
				ivrId: p.optId('ivrId', 'Voice Menu'),
				voiceSecretaryId: p.optId('voiceSecretaryId', 'Voice Robot'),
				outerLine: p.opt('outerLine'),
				meta: metaOf(p),
			} as IDataObject);
			if (!body.audios && !body.ivrId && !body.voiceSecretaryId)
				throw new InputError('Add an audio, a voice menu or a voice robot', 'audios');
			return body;
		},
	},
	{
		value: 'hangUp',
		name: 'Hang Up',
		action: 'Hang up a call',
		description: 'End an active call by its ID (from webhooks) or by a line number',
		path: '/calls/hangup',
		body: 'json',
		effect: {
			option: 'by',
			cases: {
				id: repeatable('A call ID names one call: hanging it up again finds it already ended.'),
				number: notRepeatable(
					'A line number names whatever call is on it now: a repeat that lands after a new call started would hang that call up.',
				),
			},
		},
		fields: [
			pick('by', 'Hang Up By', [
				['Call ID', 'id'],
				['Line Number', 'number'],
			]),
			str('callId', 'Call ID', { required: true, ...when({ by: ['id'] }) }),
			str('number', 'Line Number', { required: true, ...when({ by: ['number'] }) }),
		],
		build: (p) =>
			p.str('by') === 'id'
				? { id: p.id('callId', 'Call ID'), number: null }
				: { id: null, number: requireLength(p.str('number'), 20, 'Line Number', 1) },
	},
	{
		value: 'connectPrompter',
		name: 'Connect Prompter',
		action: 'Connect a prompter to a call',
		description: 'Let a supervisor line whisper into the active call of another line',
		path: '/calls/connectAsPrompter',
		body: 'json',
		effect: notRepeatable(
			'Connects a prompter to the call on a line: a repeat could connect it to the next call on that line.',
		),
		fields: [
			str('target', 'Line in Call', {
				required: true,
				placeholder: '2000',
				description: 'The internal line (SIP) that is in the call now',
			}),
			str('source', 'Prompter Line', {
				required: true,
				placeholder: '2001',
				description:
					"The supervisor's internal line that hears the call and whispers to the operator",
			}),
		],
		build: (p) => ({
			target: requireLength(p.str('target'), 20, 'Line in Call', 1),
			source: requireLength(p.str('source'), 20, 'Prompter Line', 1),
		}),
	},
	{
		value: 'voiceAnalytics',
		name: 'Voice Analytics',
		action: 'Get the transcript and voice analytics of a call',
		description:
			'Transcribe and analyse a recorded call; UniTalk answers when done (can take minutes)',
		path: '/calls/analytics/create',
		body: 'query',
		effect: notRepeatable(
			'Each request UniTalk accepts starts (and bills) a new analysis of the call; asks for the same call and profile share one (at once, and its result for 30 minutes).',
		),
		timeoutMs: 15 * 60_000,
		// Minutes per answer by design: its own lane, items side by side, one analysis per call.
		slow: true,
		shareAnswerMs: SHARE_ANALYSIS_MS,
		// UniTalk answers the finished analysis itself, without a status field.
		confirms: (response) =>
			typeof response === 'object' && response !== null && 'analyticsJson' in response,
		fields: [
			{
				// As transport/request.ts `shared` does it: per API key, call and profile, in this
				// process's memory only (each queue-mode worker and each restart starts afresh).
				displayName: `Each run starts a new analysis of each item's call (UniTalk may charge for each), and Execute step runs one for every sample item. The exception: a call this n8n process analysed with the same profile and API key in the last ${SHARE_ANALYSIS_MS / 60_000} minutes, or is analysing now, gets that result again.`,
				name: 'analysisRunsNotice',
				type: 'notice',
				default: '',
			},
			str('callId', 'Call ID', {
				required: true,
				default: '={{ $json.callId }}',
				description:
					'The call to analyse; after a UniTalk trigger or a call history item it is already filled in. Only calls with saved separate records can be analysed.',
			}),
			fromAccount('profileId', 'Analytics Profile Name or ID', 'getAnalyticsProfiles', {
				required: true,
			}),
		],
		build: (p) => ({
			callId: p.id('callId', 'Call ID'),
			profileId: p.id('profileId', 'Analytics Profile'),
		}),
		output: (response, p) => {
			const body = response as IDataObject;
			const analytics = parseJsonText(body.analyticsJson);
			const callId = p.str('callId');
			return {
				callId,
				...theCallFromInput(p.item?.json, callId),
				// The transcript as plain text and as lines, the analysis as metric name → value.
				transcript: typeof body.plainTranscription === 'string' ? body.plainTranscription : null,
				transcriptLines: transcriptLines(body.transcription),
				analysis: analysisByName(analytics),
				...body,
				analytics: analytics as IDataObject,
			};
		},
	},
	{
		value: 'getRecording',
		name: 'Get Recording',
		action: 'Download a call recording',
		description: 'Download the recording of a call (its "link") as binary data',
		effect: READS,
		fields: [
			str('recordingUrl', 'Recording Link', {
				required: true,
				default: '={{ $json.link ?? $json.recordingUrl }}',
			}),
			str('binaryProperty', 'Put Output File in Field', { default: 'data' }),
			collection('options', 'Options', 'Add option', recordingLimitOptions),
		],
		run: async (p) => {
			const link = p.str('recordingUrl');
			const { binary, fileName, size } = await recordingFile(p.ctx, link, p.collection('options'), {
				itemIndex: p.itemIndex,
				field: 'Recording Link',
			});
			return {
				json: { ...p.item.json, recordingUrl: link, fileName, size },
				binary: { [p.str('binaryProperty') || 'data']: binary },
			};
		},
	},
];

/**
 * The call's number and operators, as the trigger's call record names them, from the input item when
 * it is that call (a UniTalk trigger's or a history item): UniTalk's analysis answer has neither, so
 * a CRM note would otherwise need an expression reaching back to the trigger. An item about another
 * call (the Call ID typed or taken from elsewhere) gives nulls, never another call's number.
 */
function theCallFromInput(input: IDataObject | undefined, callId: string): IDataObject {
	const same = input !== undefined && textOf(input.callId) === callId;
	const operators = same && Array.isArray(input.operatorNumbers) ? input.operatorNumbers : [];
	const operatorNumbers = operators.map(textOf).filter((n): n is string => n !== null);
	return {
		customerNumber: same ? textOf(input.customerNumber) : null,
		answeredBy: same ? textOf(input.answeredBy) : null,
		operatorNumbers,
		operatorNumbersText: operatorNumbers.join(', '),
	};
}

function parseJsonText(text: unknown): unknown {
	try {
		return typeof text === 'string' ? (JSON.parse(text) as unknown) : text;
	} catch {
		return text;
	}
}

/**
 * UniTalk's `transcription`: a time line ("00:00:00,000-->00:00:15,000") before each "Speaker: text"
 * line, separated by line breaks, which the reference says come escaped ("\\n") in this field.
 */
function transcriptLines(text: unknown): IDataObject[] {
	if (typeof text !== 'string') return [];
	const lines: IDataObject[] = [];
	let from: string | null = null;
	let to: string | null = null;
	for (const line of text.split(/\\n|\r?\n/)) {
		const time = /^\s*(\d[\d:,.]*)\s*(?:-->|–>|->)\s*(\d[\d:,.]*)\s*$/.exec(line);
		if (time) {
			[from, to] = [time[1], time[2]];
			continue;
		}
		if (!line.trim()) continue;
		const said = /^([^:]{1,60}):\s?(.*)$/.exec(line);
		lines.push({ from, to, speaker: said?.[1].trim() ?? null, text: said ? said[2] : line });
		from = to = null;
	}
	return lines;
}

/** `analyticsJson`'s metrics as metric name → value, in UniTalk's order (`position`). */
function analysisByName(analytics: unknown): IDataObject {
	if (!analytics || typeof analytics !== 'object') return {};
	const metrics = Object.entries(analytics as Record<string, IDataObject>)
		.filter(([, metric]) => metric && typeof metric === 'object')
		.sort(([, a], [, b]) => Number(a.position ?? 0) - Number(b.position ?? 0));
	return Object.fromEntries(
		metrics.map(([key, metric]) => [String(metric.metricName ?? key), metric.value ?? null]),
	) as IDataObject;
}
