import type { StandInState } from '../state';
import {
	cleanPhone,
	fail,
	isDateTime,
	isValidPhone,
	ok,
	raw,
	type Json,
	type Reply,
	type StandInRequest,
} from '../types';

const MAX_VIBER = 1000;

/** SMS / Viber messages and message distributions. */
export function messageRoutes(state: StandInState): Record<string, (req: StandInRequest) => Reply> {
	const send = (type: string, to: string, text: string, alfaName?: string): number => {
		const id = state.newId();
		state.messages.set(id, { id, type, to: cleanPhone(to), text, alfaName });
		return id;
	};
	const textError = (type: string, text: unknown): string | undefined => {
		if (!text) return 'Message cannot be empty';
		if (type === 'VIBER' && String(text).length > MAX_VIBER) return 'Message is too long';
		return undefined;
	};
	return {
		'/message/send': (req) => {
			const b = req.body ?? {};
			if (!['SMS', 'VIBER'].includes(b.messageType)) return fail('Validation error');
			if (!isValidPhone(b.to) || textError(b.messageType, b.text)) return fail('Validation error');
			return ok({ data: send(b.messageType, b.to, b.text, b.alfaName) });
		},
		'/message/sendBulk': (req) => {
			const b = req.body ?? {};
			if (!b.messagesType) return fail('messagesType is null');
			let pairs: Array<[string, string]>;
			if (b.messages !== undefined) {
				pairs = Object.entries(b.messages as Record<string, string>);
				if (!pairs.length) return fail('messages is empty');
				if (pairs.length > 100) return fail('Too many messages');
				if (pairs.some(([, text]) => text == null || text === ''))
					return fail('messages contains null value');
			} else if (b.recipients !== undefined) {
				const recipients: string[] = b.recipients;
				if (!recipients.length) return fail('recipients is empty');
				if (recipients.length > 100) return fail('Too many recipients');
				if (recipients.some((r) => r == null || r === '')) return fail('recipients contains null');
				if (!b.text) return fail('text is null or empty');
				pairs = recipients.map((r) => [r, b.text]);
			} else {
				return fail('Messages not specified');
			}
			const data: Json = {};
			for (const [phone, text] of pairs) {
				const problem = !isValidPhone(phone)
					? 'Validation error: wrong recipient phone number'
					: textError(b.messagesType, text);
				data[phone] = problem
					? { id: null, error: problem }
					: { id: send(b.messagesType, phone, text), error: null };
			}
			return ok({ data });
		},
		'/message/getStatus': (req) => {
			const id = Number(req.query.id ?? req.body?.id);
			if (!Number.isInteger(id) || id <= 0) return fail('Invalid id');
			if (!state.messages.has(id)) return fail('Message not found');
			return ok({ data: { messageStatus: 'DELIVERED', errorText: null } });
		},
		'/messageDistribution/getAll': () => raw([...state.distributions.values()]),
		'/messageDistribution/create': (req) => saveDistribution(state, req.body ?? {}, false),
		'/messageDistribution/update': (req) => saveDistribution(state, req.body ?? {}, true),
		'/messageDistribution/remove': (req) => {
			const id = req.query.id ?? req.body?.id;
			if (!id) return fail('id is not specified');
			state.distributions.delete(Number(id));
			return ok();
		},
		'/messageDistribution/setPaused': (req) => {
			const p = { ...req.query, ...(req.body ?? {}) };
			if (!p.id) return fail('id is not specified');
			const d = state.distributions.get(Number(p.id));
			if (!d) return fail('Message distribution not found');
			if (d.status === 'COMPLETED') return fail('Message distribution completed');
			d.paused = String(p.paused) === 'true';
			d.status = d.paused ? 'PAUSED' : 'IN_PROGRESS';
			return ok();
		},
	};
}

function saveDistribution(state: StandInState, b: Json, update: boolean): Reply {
	const existing = update ? state.distributions.get(Number(b.id)) : undefined;
	if (update && !b.id) return fail('id is not specified');
	if (update && !existing) return fail('Message distribution not found');
	if (existing?.status === 'COMPLETED') return fail('Message distribution completed');
	if (!b.name || String(b.name).length > 45)
		return fail('The name cannot be empty or contain more than 45 characters');
	if ([...state.distributions.values()].some((d) => d.name === b.name && d.id !== existing?.id))
		return fail('The name already exists');
	if (!['SMS', 'VIBER'].includes(b.messageType) || !b.text) return fail('Validation error');
	if (b.startTime != null && !isDateTime(b.startTime)) return fail('Incorrect time format');
	if (!update) {
		const numbers: string[] = b.numbers ?? [];
		if (!numbers.length) return fail('No customer numbers are listed');
		if (numbers.length > 10_000)
			return fail('There can be no more than 10000 numbers in the message distribution');
		const wrong = numbers.filter((n) => !isValidPhone(n));
		if (wrong.length) return fail('Wrong numbers', wrong);
		if (b.messageType === 'VIBER') {
			if (!['PROMO', 'TRANSACTIONAL', 'CAROUSEL'].includes(b.viberMessageType))
				return fail('Validation error');
			if (!(b.viberTTL >= 60 && b.viberTTL <= 86400)) return fail('Validation error');
			if (
				b.viberMessageType === 'CAROUSEL' &&
				!(b.carouselItems?.length >= 2 && b.carouselItems.length <= 5)
			)
				return fail('Validation error');
			if (b.sendSmsAfterViber && !b.smsText) return fail('Validation error');
		}
	}
	const record = existing ?? {
		id: state.newId(),
		paused: false,
		totalNumbersCount: b.numbers.length,
		currentNumbersCount: b.numbers.length,
		numbers: b.numbers,
		request: b,
	};
	Object.assign(record, {
		name: b.name,
		messageType: b.messageType,
		text: b.text,
		startTime: b.startTime ?? null,
		status: b.startTime ? 'WAITING_START_TIME' : 'IN_PROGRESS',
	});
	state.distributions.set(record.id, record);
	return ok(update ? {} : { data: record.id });
}
