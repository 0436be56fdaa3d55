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

/** History, users, lines, groups, lists, statistics, Web Dialer, dictionaries, event handlers. */
export function accountRoutes(state: StandInState): Record<string, (req: StandInRequest) => Reply> {
	return {
		'/history/get': (req) => history(state, req.body ?? {}),
		'/users/list': () => raw(state.users),
		'/users/getStatus': () =>
			raw(state.users.map(({ id: _i, email: _e, role: _r, ...rest }) => rest)),
		'/users/workHistory': (req) => {
			const date = req.query.date ?? req.body?.date;
			if (
				!/^\d{4}-\d{2}-\d{2}$/.test(String(date)) ||
				String(date) > new Date().toISOString().slice(0, 10)
			) {
				return fail('Future data is absent');
			}
			const users: Json = {};
			for (const u of state.users) {
				users[u.id] = {
					firstName: u.firstName,
					lastName: u.lastName,
					middleName: u.middleName,
					phone: u.phone,
					userTimeSeconds: {
						byPauses: { Lunch: 1800 },
						byWork: { 'Cold Calling': 18000 },
						byStop: {},
						stop: 54000,
						work: 28800,
						pause: 3600,
					},
				};
			}
			return raw({ users });
		},
		'/phones/inner/setStatus': (req) => {
			const p = { ...req.query, ...(req.body ?? {}) };
			const user = state.users.find((u) => String(u.phone) === String(p.number));
			if (!user) return fail('Sip not found');
			if (!['WORK', 'STOP', 'PAUS'].includes(p.status)) return fail('Validation error');
			if (p.statusName && !state.workStatusNames.includes(p.statusName))
				return fail('Validation error');
			user.workStatus = p.status;
			user.workStatusName = p.statusName ?? null;
			return ok();
		},
		'/phones/inner': () => raw({ ...state.lines }),
		'/groups/action': (req) => {
			const b = req.body ?? {};
			const group = state.groups.get(Number(b.groupId));
			if (b.action !== 'REMOVE_NUMBER' || !group) return fail('Group not found');
			group.numbers = group.numbers.filter((n) => n !== String(b.number));
			return ok();
		},
		// Request/response bodies of /lists are not in the reference: {list, operation, items} → {data: [...]} (assumed).
		'/lists': (req) => {
			const b = req.body ?? {};
			const list = state.lists[b.list];
			if (!list) return fail('Validation error');
			if (b.operation === 'GET') return ok({ data: [...list] });
			const items: string[] = b.items ?? [];
			if (!items.length || items.length > 100) return fail('Validation error');
			const wrong = items.filter((n) => !isValidPhone(n));
			if (wrong.length) return fail('Wrong numbers', wrong);
			items.forEach((n) =>
				b.operation === 'ADD' ? list.add(cleanPhone(n)) : list.delete(cleanPhone(n)),
			);
			return ok();
		},
		'/operator/statistic': (req) => {
			const b = req.body ?? {};
			if (!isDateTime(b.from)) return fail('Wrong FROM date');
			if (!isDateTime(b.to)) return fail('Wrong TO date');
			const phones: string[] = b.filter?.innerPhones ?? Object.keys(state.lines);
			return raw(
				phones.map((p) => ({
					operatorName: `${p} (${state.dictionaries.INNER_PHONE[p] ?? ''})`,
					operatorPhone: p,
					totalCount: 3,
					inCount: 2,
					outCount: 1,
					totalDuration: '05:00',
				})),
			);
		},
		'/widget/sendNotification': (req) => {
			const b = req.body ?? {};
			if (!b.userIds?.length) return fail('No users was specified for notifications send');
			if (!b.data || Object.values(b.data).every((v) => v == null || v === ''))
				return fail('Data fields is all null');
			const missing = b.userIds.find((id: number) => !state.users.some((u) => u.id === Number(id)));
			if (missing !== undefined) return fail(`User with id ${missing} not found`);
			const id = state.newId();
			state.notifications.set(id, b.userIds);
			return ok({ data: { notificationId: id } });
		},
		'/widget/hideNotification': (req) => {
			const b = req.body ?? {};
			if (!b.userIds?.length) return fail('No users was specified for notifications hide');
			if (!b.notificationId) return fail('NotificationId not specified');
			return ok();
		},
		// Response shape is not in the reference; an "ID": "Title" map like GET_WITH_DATA's dictionaries (assumed).
		'/dictionary': (req) => {
			const type = String(req.query.type ?? req.body?.type ?? '');
			if (type.startsWith('AUDIO_')) {
				const section = type.slice(6);
				return raw(
					Object.fromEntries(
						[...state.audios.values()]
							.filter((a) => section === 'ALL' || a.type === section)
							.map((a) => [String(a.id), a.name]),
					),
				);
			}
			if (type.startsWith('AUTODIAL_'))
				return raw(
					Object.fromEntries([...state.tasks.values()].map((t) => [String(t.id), t.name])),
				);
			if (type === 'USER')
				return raw(
					Object.fromEntries(
						state.users.map((u) => [String(u.id), `${u.firstName} ${u.lastName ?? ''}`.trim()]),
					),
				);
			if (type === 'TTS_PROFILE') return raw(state.ttsProfiles);
			if (type === 'MESSAGE_DISTRIBUTION')
				return raw(
					Object.fromEntries([...state.distributions.values()].map((d) => [String(d.id), d.name])),
				);
			const dictionary = state.dictionaries[type];
			return dictionary ? raw(dictionary) : fail('Validation error');
		},
		'/eventHandlers/removeScheduledByPhones': (req) => {
			const phones: string[] = req.body?.phones ?? [];
			if (!phones.length) return fail('Phones is not specified');
			if (phones.length > 100) return fail('Too many phones');
			const wrong = phones.filter((p) => !isValidPhone(p));
			if (wrong.length) return fail('Invalid phones', wrong);
			let removed = 0;
			phones.forEach((p) =>
				state.scheduledHandlerPhones.delete(cleanPhone(p)) ? removed++ : undefined,
			);
			return ok({ data: removed });
		},
	};
}

/**
 * "A missed call that was not called back": an incoming call nobody answered, with no answered call
 * to or from that number after it (the reference gives the words, not the rule).
 */
function isLost(state: StandInState, call: Json): boolean {
	if (call.direction !== 'IN' || call.state === 'ANSWER') return false;
	return !state.history.some(
		(later) =>
			later.state === 'ANSWER' &&
			later.date > call.date &&
			[later.from, ...later.to].includes(call.from),
	);
}

function history(state: StandInState, b: Json): Reply {
	if (!isDateTime(b.dateFrom)) return fail('Wrong FROM date');
	if (!isDateTime(b.dateTo)) return fail('Wrong TO date');
	if (!(b.limit >= 1 && b.limit <= 1000)) return fail('Limit range is 1-1000');
	const f = b.filter ?? {};
	const anyPart = (parts: string[] | undefined, value: string) =>
		!parts?.length || parts.some((p) => value.includes(cleanPhone(p)));
	// `listedAt`: the time UniTalk files a row under when it differs from the `date` it shows (a
	// clock or zone difference, a null or impossible date); tests set it, UniTalk never shows it.
	const filedAt = (c: Json) => c.listedAt ?? c.date;
	const calls = state.history.filter(
		(c) =>
			filedAt(c) >= b.dateFrom &&
			filedAt(c) < b.dateTo &&
			(!f.direction || c.direction === f.direction) &&
			(f.minDuration == null || c.secondsTalk >= f.minDuration) &&
			anyPart(f.calledFrom, c.from) &&
			anyPart(f.calledTo, c.to.join(',')) &&
			(!f.outerNum?.length || f.outerNum.includes(c.outerNumber)) &&
			// "Full numbers that made or received calls": the caller, or a number the call went to.
			(!f.exactPhone?.length ||
				f.exactPhone.some((p: string) => [c.from, ...c.to].includes(cleanPhone(p)))) &&
			(f.answered == null || (c.state === 'ANSWER') === f.answered) &&
			(f.lost == null || isLost(state, c) === f.lost),
	);
	const offset = b.offset ?? 0;
	const shown = calls.slice(offset, offset + b.limit).map(({ listedAt: _, ...c }) => c);
	return raw({ count: calls.length, calls: shown });
}
