import type { AutodialTask, StandInState } from '../state';
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

const TYPES = ['AUTODIAL', 'GUARANTEED_DIAL', 'VOICE_ROBOT'];
const MODES = ['FIXED', 'FREE', 'SMART'];
const REFRESHABLE = [
	'ANSWER',
	'ANSW_RJCT',
	'NOANSWER',
	'BUSY',
	'FAIL',
	'BLOCKED',
	'TALKING',
	'UNREACHABLE',
	'NOT_EXIST',
	'VOICE_MAIL',
	'CLIENT_CALLED',
	'CANCEL',
	'ANSW_NF_OP',
	'ANSW_OP_NA',
	'BUSYOUT',
	'AUDIO_ERR',
	'WRONG_DIR',
	'AUTOCANCEL',
];
const MAX_ADD = 100_000;
const MAX_PER_TASK = 1_000_000;
const MAX_REMOVE = 10_000;

/** /autodial/action — all 15 documented actions. */
export function autodial(state: StandInState) {
	const lastAction = new Map<number, number>();
	return (req: StandInRequest): Reply => {
		const body = req.body ?? {};
		const task = state.tasks.get(Number(body.id));
		switch (body.action) {
			case 'GET_LIST':
				return raw([...state.tasks.values()].map(summary));
			case 'GET_WITH_DATA':
				return raw(withData(state));
			case 'ADD':
			case 'UPDATE':
				return save(state, body);
			case 'REMOVE':
				if (!task) return fail('Task not found');
				state.tasks.delete(task.id);
				return ok({ message: 'Removed' });
			case 'REFRESH': {
				if (!task) return fail('Task not found');
				const states: string[] = body.callStates ?? [];
				if (!states.length) return fail('states is null or empty');
				if (states.some((s) => !REFRESHABLE.includes(s))) return fail('state is not allowed');
				if (Date.now() - (lastAction.get(task.id) ?? 0) < 60_000) return fail('Try again later');
				lastAction.set(task.id, Date.now());
				const hits = [...task.numbers.values()].filter((n) => states.includes(n.state));
				if (!hits.length) return fail('Numbers not found by states');
				hits.forEach((n) => (n.state = 'NEW'));
				return ok();
			}
			case 'CANCEL':
			case 'PAUSE':
			case 'UNPAUSE':
				return changeStatus(task, body.action);
			case 'ADD_NUMBERS':
				return addNumbers(state, task, body);
			case 'GET_NUMBER': {
				if (!task) return fail('Task not found');
				if (!isValidPhone(body.number)) return fail('Wrong phone number');
				const n = task.numbers.get(cleanPhone(body.number));
				return n ? raw(n) : fail('Call not found');
			}
			case 'GET_NUMBERS': {
				if (!task) return fail('Task not found');
				const limit = body.limit ?? 1000;
				if (limit < 1 || limit > 5000) return fail('Limit range is 1-5000');
				if ((body.offset ?? 0) < 0) return fail('Offset cannot be negative');
				const states: string[] | undefined = body.callStates?.length ? body.callStates : undefined;
				const all = [...task.numbers.values()].filter((n) => !states || states.includes(n.state));
				return raw(all.slice(body.offset ?? 0, (body.offset ?? 0) + limit));
			}
			case 'GET_CALLS_HISTORY':
				return callsHistory(task, body);
			case 'REMOVE_NUMBERS':
				return removeNumbers(state, task, body);
			case 'REMOVE_ALL_NUMBERS':
				if (!task) return fail('Task not found');
				if (!task.numbers.size) return fail('Numbers not found');
				task.numbers.clear();
				return ok({ message: 'Removed' });
			default:
				return fail(`Unknown action ${String(body.action)}`);
		}
	};
}

function summary(t: AutodialTask): Json {
	return {
		id: t.id,
		name: t.name,
		autodialerType: t.autodialerType,
		autodialerMode: t.autodialerMode,
		status: t.status,
		statistics: { totalCount: t.numbers.size },
	};
}

function withData(state: StandInState): Json {
	const audiosOf = (type: string) =>
		Object.fromEntries(
			[...state.audios.values()].filter((a) => a.type === type).map((a) => [String(a.id), a.name]),
		);
	return {
		audios: audiosOf('AUTODIAL'),
		moh: audiosOf('MELODY'),
		groups: state.dictionaries.PHONE_GROUP,
		scenarios: state.dictionaries.IN_SCENARIO,
		outScenarios: state.dictionaries.OUT_SCENARIO,
		ttsSettings: state.ttsProfiles,
		voiceSecretaries: state.dictionaries.VOICE_ROBOT,
		triggerActionsPresent: true,
		maxAddNumbersCount: MAX_ADD,
		maxRemoveNumbersCount: MAX_REMOVE,
		multiAudiosLimit: 20,
		autodialerTypes: {
			AUTODIAL: 'Autodialer',
			GUARANTEED_DIAL: 'Guaranteed autodialer',
			VOICE_ROBOT: 'Voice robot',
		},
		autodialerModes: {
			FIXED: 'By number of threads',
			FREE: 'By free operators',
			SMART: 'Smart selection',
		},
		tasks: [...state.tasks.values()].map((t) => ({ ...summary(t), ...t.config })),
	};
}

function save(state: StandInState, body: Json): Reply {
	const t = body.task;
	if (!t) return fail('task is null');
	const existing = body.action === 'UPDATE' ? state.tasks.get(Number(t.id)) : undefined;
	if (body.action === 'UPDATE' && !existing) return fail('Task not found');
	const type = existing?.autodialerType ?? t.autodialerType;
	if (!t.name || String(t.name).length > 45) return fail('Wrong name');
	if ([...state.tasks.values()].some((x) => x.name === t.name && x.id !== existing?.id))
		return fail('Name already present');
	if (!TYPES.includes(type) || !MODES.includes(t.autodialerMode)) return fail('Validation error');
	if (!t.startDate || !t.endDate || t.startDate > t.endDate) return fail('Wrong dates');
	const times = (a: Json) => Array.isArray(a) && a.length === 7;
	if (!times(t.timeFrom) || !times(t.timeTo) || t.timeFrom.every((x: Json) => x === null))
		return fail('Wrong time ranges');
	if (
		t.timeFrom.some(
			(f: string | null, i: number) => f !== null && t.timeTo[i] !== null && f > t.timeTo[i],
		)
	)
		return fail('Wrong time ranges');
	if (!t.crmMode) return fail('crmMode is null');
	if (!t.clientCalledMode) return fail('clientCalledMode is null');
	if (t.callerIdPrefix && String(t.callerIdPrefix).length > 20) return fail('Prefix is too long');
	const needsGroup = type === 'GUARANTEED_DIAL' || t.autodialerMode !== 'FIXED';
	if (needsGroup && t.groupId == null && !t.pseudoGroupOperators?.length)
		return fail('groupId and pseudoGroupOperators is null');
	if (needsGroup && t.groupId != null && !state.groups.has(Number(t.groupId)))
		return fail('Group not found');
	if (type === 'AUTODIAL' && !t.compositeAudio && t.scenarioId == null)
		return fail('Not found in scenario and audio');
	if (type === 'VOICE_ROBOT' && t.voiceSecretaryId == null) return fail('voiceSecretaryId is null');
	const parts = t.compositeAudio?.multiAudios ?? [];
	if (parts.length > 20) return fail('compositeAudio', 'too many audio parts');
	if (parts.some((p: Json) => p.id !== undefined && !state.audios.has(Number(p.id))))
		return fail('compositeAudio', 'audio not found');
	for (const [event, ids] of Object.entries(t.triggerActions ?? {})) {
		if (!event.startsWith('AUTODIAL_')) return fail('Wrong trigger action event');
		if ((ids as Json[]).length > 5) return fail('Too many trigger actions');
	}
	const numbers: string[] = body.action === 'ADD' ? (t.numbers ?? []) : [];
	const wrong = numbers.filter((n) => !isValidPhone(n));
	if (wrong.length) return fail('Wrong numbers', wrong);
	const { numbers: _n, highPriority: _h, ...config } = t;
	if (existing) {
		existing.name = t.name;
		existing.autodialerMode = t.autodialerMode;
		existing.config = config;
		return ok({ data: existing.id });
	}
	const id = state.newId();
	const created: AutodialTask = {
		id,
		name: t.name,
		autodialerType: type,
		autodialerMode: t.autodialerMode,
		status: numbers.length ? 'WAITING' : 'NO_NUMBERS',
		config,
		numbers: new Map(),
		calls: [],
	};
	numbers.forEach((n) =>
		created.numbers.set(cleanPhone(n), numberRecord(id, cleanPhone(n), {}, !!t.highPriority)),
	);
	state.tasks.set(id, created);
	return ok({ data: id });
}

function changeStatus(task: AutodialTask | undefined, action: string): Reply {
	if (!task) return fail('Task not found');
	if (task.status === 'FINISHED') return fail('Task is finished');
	if (task.status === 'CANCELED') return fail('Task is canceled');
	if (action === 'CANCEL') {
		task.status = 'CANCELED';
		return ok({ message: 'Cancelled' });
	}
	if (action === 'PAUSE' && ['WAITING', 'IN_PROGRESS'].includes(task.status))
		task.status = 'PAUSED';
	if (action === 'UNPAUSE' && task.status === 'PAUSED') task.status = 'WAITING';
	return ok();
}

function numberRecord(taskId: number, phone: string, extra: Json, highPriority: boolean): Json {
	return {
		taskId,
		phone,
		state: 'NEW',
		stateDateTime: null,
		calledCount: 0,
		realCalledCount: 0,
		highPriority,
		name: extra.name ?? null,
		note: extra.note ?? null,
		link: extra.link ?? null,
		params: extra.params ?? null,
		audios: extra.audios ?? null,
	};
}

function addNumbers(state: StandInState, task: AutodialTask | undefined, body: Json): Reply {
	if (!task) return fail('Task not found');
	const plain: string[] = body.numbers ?? [];
	const withData: Json[] = body.numbersWithData ?? [];
	if (!plain.length && !withData.length) return fail('Numbers is null or empty');
	if (plain.length + withData.length > MAX_ADD) return fail('Too many numbers');
	for (const entry of withData) {
		const keys = Object.keys(entry.params ?? {});
		if (keys.length > 10) return fail('Too many params');
		if (keys.some((k) => !/^([1-9]|10)$/.test(k))) return fail('Wrong parameter key');
	}
	const badAudios = withData.filter((e) =>
		(e.audios ?? []).some(
			(a: Json) => a?.id !== undefined && a?.id !== null && !state.audios.has(Number(a.id)),
		),
	);
	if (badAudios.length)
		return fail(
			'Wrong audios',
			badAudios.map((e) => ({ phone: e.phone, error: 'Audio not found by id' })),
		);
	const wrong = [
		...plain.filter((n) => !isValidPhone(n)),
		...withData.filter((e) => !isValidPhone(e.phone)).map((e) => e.phone),
	];
	if (wrong.length) return fail('Wrong numbers', wrong);
	const incoming = [...plain.map((n) => ({ phone: n })), ...withData];
	const fresh = incoming.filter((e) => !task.numbers.has(cleanPhone(e.phone)));
	if (task.numbers.size + fresh.length > MAX_PER_TASK) return fail('Numbers limit exceeded');
	let added = 0;
	for (const entry of incoming) {
		const phone = cleanPhone(entry.phone);
		const existing = task.numbers.get(phone);
		if (existing && !body.refreshDuplicates) continue;
		// A refreshed duplicate starts again (NEW, the new data); realCalledCount counts all its calls.
		const record = numberRecord(task.id, phone, entry, !!body.highPriority);
		record.realCalledCount = existing?.realCalledCount ?? 0;
		task.numbers.set(phone, record);
		added++;
	}
	if (!added) return fail('Numbers not added');
	if (task.status === 'FINISHED' || task.status === 'NO_NUMBERS') task.status = 'WAITING';
	return ok({ message: 'Numbers added' });
}

function removeNumbers(state: StandInState, task: AutodialTask | undefined, body: Json): Reply {
	if (!task) return fail('Task not found');
	const numbers: string[] | undefined = body.numbers?.length ? body.numbers : undefined;
	const states: string[] | undefined = body.callStates?.length ? body.callStates : undefined;
	if (!numbers && !states) return fail('numbers and states is null');
	if (numbers) {
		if (numbers.length > MAX_REMOVE) return fail('Too many numbers');
		const valid = numbers.filter(isValidPhone);
		if (!valid.length) return fail('Phones not found');
		const present = valid.filter((n) => task.numbers.has(cleanPhone(n)));
		if (!present.length) return fail('Numbers not found');
		present.forEach((n) => task.numbers.delete(cleanPhone(n)));
		return ok({ data: numbers.filter((n) => !isValidPhone(n)) });
	}
	const hits = [...task.numbers.values()].filter((n) => states!.includes(n.state));
	if (!hits.length) return fail('Numbers not found by states');
	hits.forEach((n) => task.numbers.delete(n.phone));
	return ok({ data: [] });
}

function callsHistory(task: AutodialTask | undefined, body: Json): Reply {
	if (!task) return fail('Task not found');
	const r = body.callHistoryRequest;
	if (!r) return fail('callHistoryRequest is null');
	const limit = r.limit ?? 50;
	if (limit < 1 || limit > 5000) return fail('Limit range is 1-5000');
	if ((r.offset ?? 0) < 0) return fail('Offset is less than 0');
	if (r.dateFrom != null && !isDateTime(r.dateFrom)) return fail('Invalid date from');
	if (r.dateTo != null && !isDateTime(r.dateTo)) return fail('Invalid date to');
	const f = r.filter ?? {};
	const part = (value: unknown, wanted: unknown) =>
		!wanted || String(value ?? '').includes(String(wanted));
	// "Records are returned in descending order by id."
	const items = [...task.calls]
		.sort((a, b) => b.id - a.id)
		.filter(
			(c) =>
				(r.maxId == null || c.id <= r.maxId) &&
				(!r.dateFrom || c.callEndTime >= r.dateFrom) &&
				(!r.dateTo || c.callEndTime < r.dateTo) &&
				(!f.states?.length || f.states.includes(c.state)) &&
				(!f.phone || c.phone.includes(cleanPhone(f.phone))) &&
				(!f.operatorNumber || c.operatorNumber === cleanPhone(f.operatorNumber)) &&
				part(c.name, f.name) &&
				part(c.note, f.note) &&
				part(c.link, f.link) &&
				(!f.param || Object.values(c.params ?? {}).some((v) => part(v, f.param))),
		);
	const offset = r.offset ?? 0;
	return raw({ count: items.length, offset, limit, items: items.slice(offset, offset + limit) });
}
