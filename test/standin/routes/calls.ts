import type { StandInState } from '../state';
import {
	cleanPhone,
	fail,
	isValidPhone,
	ok,
	raw,
	type Json,
	type Handler,
	type Reply,
} from '../types';

/** Calls: direct call, click-to-call, informational call, hang up, prompter, voice analytics. */
export function callRoutes(state: StandInState): Record<string, Handler> {
	return {
		'/phones/directCall': (req) => {
			const p = { ...req.query, ...(req.body ?? {}) };
			if (!(p.sip in state.lines)) return fail('Sip not found');
			if (state.lines[p.sip] !== 'online') return fail('Sip not ready');
			if (!isValidPhone(p.number)) return fail('Wrong phone');
			if (p.meta && String(p.meta).length > 1000) return fail('Meta info is too big');
			return ok({ message: 'Called' });
		},
		// The reference lists the fields but no body; JSON like the other /calls methods (assumed).
		'/calls/originateC2c': (req) => {
			const b = req.body ?? {};
			if (!isValidPhone(b.clientNumber)) return fail('Wrong phone');
			const steps: Json[] = b.steps ?? [];
			if (!steps.length) return fail('Validation error');
			for (const s of steps) {
				if (!['GSM', 'SIP', 'GROUP'].includes(s.type) || !s.to) return fail('Validation error');
				if (s.awaitingTime < 5 || s.awaitingTime > 300) return fail('Validation error');
			}
			return ok();
		},
		'/calls/originateNew': (req) => originateNew(state, req.body ?? {}),
		'/calls/hangup': (req) => {
			const b = req.body ?? {};
			if (b.id == null && !b.number) return fail('Empty request');
			return ok({ message: 'Found: 1' });
		},
		'/calls/connectAsPrompter': (req) => {
			const b = req.body ?? {};
			if (!(b.target in state.lines)) return fail('Target not found');
			if (state.lines[b.target] !== 'busy') return fail('Target is not in call');
			if (!(b.source in state.lines)) return fail('Source not found');
			if (state.lines[b.source] === 'offline') return fail('Source is offline');
			return ok();
		},
		'/calls/analytics/create': async (req) => {
			const callId = Number(req.query.callId ?? req.body?.callId);
			const profileId = Number(req.query.profileId ?? req.body?.profileId);
			const call = state.history.find((c) => c.id === callId || c.dbid === callId);
			if (!call) return fail('Call does not exist');
			const profile = state.dictionaries.VOICE_ANALYTICS_PROFILE[String(profileId)];
			if (!profile) return fail('Profile does not exist');
			if (!call.link) return fail('Analytics is not available for this call');
			const analyses = state.analyses;
			const refused = analyses.start(callId);
			if (refused === 'busy') return fail('Only 50 concurrent requests are allowed');
			if (refused === 'inProgress') return fail('Voice analytics is already in progress');
			try {
				await analyses.process();
			} finally {
				analyses.finish(callId);
			}
			return raw({
				profileId,
				profileName: profile,
				// Escaped line breaks, as the reference says of this field.
				transcription:
					'00:00:00,000-->00:00:04,000\\nOperator: Hello!\\n00:00:04,500-->00:00:09,000\\nClient: Where is my order?',
				operatorTag: 'Operator',
				analyticsJson: JSON.stringify({
					dialogTopic: { metricId: 1, metricName: 'Dialog topic', value: 'Order', position: 0 },
					clientMood: { metricId: 2, metricName: 'Client mood', value: 'calm', position: 1 },
				}),
				analyticsSchema: '{}',
				languageData: {
					operatorLanguage: 'english',
					clientLanguage: 'english',
					transcriptionLanguageCode: 'en',
					analyticsLanguageCode: 'en',
					translatedLangCode: null,
					translatedLangName: null,
				},
				plainTranscription: 'Operator: Hello!\nClient: Where is my order?',
			});
		},
	};
}

function originateNew(state: StandInState, b: Json): Reply {
	if (!isValidPhone(b.phone)) return fail('Wrong phone');
	if (b.meta && String(b.meta).length > 1000) return fail('Meta info is too big');
	const audios: Json[] = b.audios ?? [];
	if (!audios.length && b.ivrId == null && b.voiceSecretaryId == null)
		return fail('No audio and IVR');
	if (audios.length > 5) return fail('audios: Too many audios');
	if (audios.filter((a) => a && a.id == null && a.tts).length > 2)
		return fail('audios: Too many text to speech');
	for (const a of audios) {
		if (a === null) return fail('audios: Audio is null');
		if (a.id == null && !a.tts) return fail('audios: Audio is empty');
		if (a.id != null) {
			const audio = state.audios.get(Number(a.id));
			if (!audio) return fail('audios: Audio not found by id');
			if (audio.type !== 'API') return fail('audios: Wrong type of audio');
		} else {
			if (!a.tts.text && !a.tts.ssml)
				return fail('audios: Text to speech ‘text’ and ‘ssml’ is null');
			if (a.tts.settingsId == null) return fail('audios: Text to speech ‘settingsId’ is null');
			if (!state.ttsProfiles[String(a.tts.settingsId)])
				return fail('audios: Text to speech settings not found by id');
		}
	}
	if (b.outerLine && !/^\d+$/.test(cleanPhone(b.outerLine))) return fail('Outer line not found');
	return ok();
}
