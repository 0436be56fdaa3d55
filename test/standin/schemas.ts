// Request bodies as UniTalk's reference shows them. The stand-in checks every request against these,
// so a field our node names wrongly (alphaName for alfaName, a number sent as text) fails a test even
// when the path is right. Top-level keys are strict: an unknown key is a mistake.
import { z } from 'zod';

const phone = z
	.string()
	.regex(/^[1-9]\d{9,14}$/, 'a phone number in international format, digits only');
const id = z.number().int().positive();
const idText = z.union([id, z.string().regex(/^\d+$/)]); // form and query values arrive as text
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'yyyy-MM-dd HH:mm:ss');
const messageType = z.enum(['SMS', 'VIBER']);
const tts = z
	.object({
		text: z.string().optional(),
		ssml: z.string().optional(),
		settingsId: id.nullable().optional(),
	})
	.strict();
const audio = z.union([z.object({ id }).strict(), z.object({ tts }).strict()]);
const numberWithData = z
	.object({
		phone,
		name: z.string().optional(),
		note: z.string().optional(),
		link: z.string().optional(),
		params: z.record(z.string().regex(/^([1-9]|10)$/), z.string()).optional(),
		audios: z.array(audio).optional(),
	})
	.strict();
const states = z.array(z.string().regex(/^[A-Z_]+$/));

/** Autodialer settings (ADD / UPDATE) travel in `task`: its many optional fields are not listed here. */
const task = z
	.object({
		id: id.optional(),
		name: z.string().min(1).max(45).optional(),
		numbers: z.array(phone).optional(),
	})
	.passthrough();

const AUTODIAL_ACTIONS: Record<string, z.ZodTypeAny> = {
	GET_LIST: z.object({ action: z.literal('GET_LIST') }).strict(),
	GET_WITH_DATA: z.object({ action: z.literal('GET_WITH_DATA') }).strict(),
	ADD: z.object({ action: z.literal('ADD'), task }).strict(),
	UPDATE: z.object({ action: z.literal('UPDATE'), task: task.extend({ id }) }).strict(),
	REMOVE: z.object({ action: z.literal('REMOVE'), id }).strict(),
	CANCEL: z.object({ action: z.literal('CANCEL'), id }).strict(),
	PAUSE: z.object({ action: z.literal('PAUSE'), id }).strict(),
	UNPAUSE: z.object({ action: z.literal('UNPAUSE'), id }).strict(),
	REFRESH: z.object({ action: z.literal('REFRESH'), id, callStates: states.min(1) }).strict(),
	ADD_NUMBERS: z
		.object({
			action: z.literal('ADD_NUMBERS'),
			id,
			numbers: z.array(phone).optional(),
			numbersWithData: z.array(numberWithData).optional(),
			refreshDuplicates: z.boolean().optional(),
			highPriority: z.boolean().optional(),
		})
		.strict(),
	GET_NUMBER: z.object({ action: z.literal('GET_NUMBER'), id, number: phone }).strict(),
	GET_NUMBERS: z
		.object({
			action: z.literal('GET_NUMBERS'),
			id,
			callStates: states.optional(),
			offset: z.number().int().min(0),
			limit: z.number().int().min(1).max(5000),
		})
		.strict(),
	GET_CALLS_HISTORY: z.object({ action: z.literal('GET_CALLS_HISTORY'), id }).passthrough(),
	REMOVE_NUMBERS: z
		.object({
			action: z.literal('REMOVE_NUMBERS'),
			id,
			numbers: z.array(phone).max(10_000).optional(),
			callStates: states.optional(),
		})
		.strict(),
	REMOVE_ALL_NUMBERS: z.object({ action: z.literal('REMOVE_ALL_NUMBERS'), id }).strict(),
};

const historyFilter = z
	.object({
		direction: z.string().optional(),
		minDuration: z.number().optional(),
		calledFrom: z.array(z.string()).optional(),
		calledTo: z.array(z.string()).optional(),
		outerNum: z.array(z.string()).optional(),
		exactPhone: z.array(z.string()).optional(),
		answered: z.boolean().optional(),
		lost: z.boolean().optional(),
	})
	.passthrough();

/** Endpoints the reference calls with "an empty request". */
const empty = z.object({}).strict();
const audioSection = z.enum(['API', 'AUTODIAL', 'GENERAL', 'IVR', 'MELODY']);

/** What each endpoint takes: its JSON or form body, or its query when it takes no body. */
const BODIES: Record<string, z.ZodTypeAny> = {
	'/users/list': empty,
	'/users/getStatus': empty,
	'/phones/inner': empty,
	'/users/workHistory': z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
	'/phones/inner/setStatus': z
		.object({
			number: z.string().min(1),
			status: z.enum(['WORK', 'STOP', 'PAUS']),
			statusName: z.string().optional(),
		})
		.strict(),
	'/calls/analytics/create': z.object({ callId: idText, profileId: idText }).strict(),
	// POST /dictionary?type=…: AUDIO_<section> lists the audio files of one section.
	'/dictionary': z.object({ type: z.string().regex(/^[A-Z_]+$/) }).strict(),
	// Multipart fields beside the file (the reference's `temp` is optional).
	'/audio/upload': z
		.object({
			name: z.string().min(1).max(200),
			type: audioSection,
			temp: z.enum(['true', 'false']).optional(),
		})
		.strict(),
	'/message/send': z
		.object({ messageType, alfaName: z.string().optional(), to: phone, text: z.string().min(1) })
		.strict(),
	'/message/sendBulk': z.union([
		z
			.object({
				messagesType: messageType,
				recipients: z.array(phone).min(1).max(100),
				text: z.string().min(1),
			})
			.strict(),
		z.object({ messagesType: messageType, messages: z.record(phone, z.string().min(1)) }).strict(),
	]),
	'/message/getStatus': z.object({ id: idText }).strict(),
	'/messageDistribution/getAll': z.object({}).strict(),
	'/messageDistribution/create': z
		.object({
			name: z.string().min(1).max(45),
			messageType,
			text: z.string().min(1),
			numbers: z.array(phone).min(1).max(10_000),
			startTime: dateTime.optional(),
			alphaName: z.string().optional(),
		})
		.passthrough(),
	'/messageDistribution/update': z
		.object({
			id,
			name: z.string().min(1).max(45),
			messageType,
			text: z.string().min(1),
			startTime: dateTime.optional(),
		})
		.strict(),
	'/messageDistribution/remove': z.object({ id: idText }).strict(),
	'/messageDistribution/setPaused': z
		.object({ id: idText, paused: z.enum(['true', 'false']) })
		.strict(),
	'/phones/directCall': z
		.object({ sip: z.string().min(1), number: phone, meta: z.string().max(1000).optional() })
		.strict(),
	'/calls/originateNew': z
		.object({
			phone,
			audios: z.array(audio).max(5).optional(),
			ivrId: id.optional(),
			voiceSecretaryId: id.optional(),
			outerLine: z.string().optional(),
			meta: z.string().max(1000).optional(),
		})
		.strict(),
	'/calls/originateC2c': z
		.object({
			clientNumber: phone,
			steps: z
				.array(
					z
						.object({
							type: z.enum(['SIP', 'GROUP', 'GSM']),
							to: z.string().min(1),
							awaitingTime: z.number().int().min(5).max(300),
						})
						.strict(),
				)
				.min(1),
		})
		.strict(),
	'/calls/hangup': z.object({ id: id.nullable(), number: z.string().nullable() }).strict(),
	'/calls/connectAsPrompter': z
		.object({ target: z.string().min(1), source: z.string().min(1) })
		.strict(),
	'/audio/tts': z
		.object({
			data: z
				.array(z.object({ name: z.string().min(1).max(200), type: z.string(), tts }).strict())
				.min(1)
				.max(5),
		})
		.strict(),
	'/history/get': z
		.object({
			dateFrom: dateTime,
			dateTo: dateTime,
			filter: historyFilter.optional(),
			limit: z.number().int().min(1).max(1000),
			offset: z.number().int().min(0),
		})
		.passthrough(),
	'/operator/statistic': z
		.object({ from: dateTime, to: dateTime, filter: z.object({}).passthrough().optional() })
		.strict(),
	'/widget/sendNotification': z
		.object({
			userIds: z.array(id).min(1),
			data: z
				.object({
					contactName: z.string(),
					contactLink: z.string(),
					entityName: z.string(),
					entityLink: z.string(),
					responsible: z.string(),
				})
				.partial()
				.strict(),
		})
		.strict(),
	'/widget/hideNotification': z
		.object({ userIds: z.array(id).min(1), notificationId: id })
		.strict(),
	'/eventHandlers/removeScheduledByPhones': z
		.object({ phones: z.array(phone).min(1).max(100) })
		.strict(),
	'/groups/action': z
		.object({ action: z.string(), groupId: id, number: z.string().min(1) })
		.strict(),
	'/lists': z
		.object({
			list: z.enum(['BLOCKED_PHONES', 'BLOCKED_FOR_AUTODIAL_PHONES']),
			operation: z.enum(['GET', 'ADD', 'REMOVE']),
			items: z.array(phone).max(100).optional(),
		})
		.strict(),
};

/** Whether the stand-in checks bodies sent to `path` (and, on /autodial/action, `action`). */
export function hasSchema(path: string, action?: string): boolean {
	return path === '/autodial/action' ? !!action && action in AUTODIAL_ACTIONS : path in BODIES;
}

/** Why a request body does not match the reference, or undefined when it does (or has no body). */
export function bodyProblem(path: string, body: unknown): string | undefined {
	const schema =
		path === '/autodial/action'
			? AUTODIAL_ACTIONS[String((body as { action?: unknown })?.action)]
			: BODIES[path];
	if (path === '/autodial/action' && !schema)
		return `unknown autodial action ${JSON.stringify((body as { action?: unknown })?.action)}`;
	if (!schema || body === undefined) return undefined;
	const result = schema.safeParse(body);
	if (result.success) return undefined;
	return result.error.issues
		.slice(0, 3)
		.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
		.join('; ');
}
