import type { StandInState } from '../state';
import { fail, ok, type Json, type Reply, type StandInRequest } from '../types';

const SECTIONS = ['GENERAL', 'IVR', 'MELODY', 'AUTODIAL', 'API'];

/** Audio upload (multipart) and text-to-speech (one request at a time per project). */
export function audioRoutes(
	state: StandInState,
): Record<string, (req: StandInRequest) => Reply | Promise<Reply>> {
	let ttsRunning = false;
	return {
		'/audio/upload': (req) => {
			const b = req.body ?? {};
			const file = req.files.file;
			if (!b.name || String(b.name).length > 200) return fail('Name is empty');
			if (!SECTIONS.includes(b.type)) return fail('type is null');
			if (!file || file.size === 0) return fail('File is empty');
			if (file.size > 15 * 1024 * 1024) return fail('File is too big');
			const id = state.addAudio(b.name, b.type, String(b.temp) === 'true', file.size);
			return ok({ message: String(id) });
		},
		'/audio/tts': async (req) => {
			const data: Json[] | undefined = req.body?.data;
			if (!data) return fail('data is null');
			if (!data.length) return fail('data is empty');
			if (data.length > 5) return fail('Too many elements in data');
			if (ttsRunning)
				return fail('Allowed only one simultaneous text to speech request per project');
			ttsRunning = true;
			try {
				await new Promise((resolve) => setTimeout(resolve, 30)); // synthesis takes a moment
				const results = data.map((e) => ({ name: e.name ?? null, ...synthesize(state, e) }));
				return ok({ message: 'Success', data: results });
			} finally {
				ttsRunning = false;
			}
		},
	};
}

function synthesize(state: StandInState, e: Json): { id: number | null; error: string | null } {
	const error = (message: string) => ({ id: null, error: message });
	if (!e.type) return error('type is null');
	if (!e.name) return error('Name is empty');
	if (String(e.name).length > 200) return error('Name length more than 200 chars');
	if ([...state.audios.values()].some((a) => a.name === e.name))
		return error('Same name already present');
	if (!e.tts) return error('tts is null');
	if (!e.tts.text && !e.tts.ssml) return error('Text to speech ‘text’ and ‘ssml’ is null');
	if (e.tts.ssml && (e.tts.ssml.length > 5000 || !/^<speak>[\s\S]*<\/speak>$/.test(e.tts.ssml)))
		return error('Text to speech ‘ssml’ not valid');
	if (!e.tts.ssml && e.tts.text.length > 4960) return error('Text to speech ‘text’ not valid');
	if (e.tts.settingsId == null) return error('Text to speech ‘settingsId’ is null');
	if (!state.ttsProfiles[String(e.tts.settingsId)])
		return error('Text to speech settings not found by id');
	return { id: state.addAudio(e.name, e.type), error: null };
}
