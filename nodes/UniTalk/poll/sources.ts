// What the Call History Trigger reads: the project's call history (finished calls, as the UniTalk
// Trigger's CALL_END item; or answered calls once their recording is there) or the call results of
// chosen autodialers (GET_CALLS_HISTORY).
import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { attachRecording, type Cut, LATER } from '../shared/attachRecording';
import { filteredOut } from '../shared/callFilters';
import { toCallRecord } from '../shared/callRecord';
import { instantsOfUniTalkTime, requireId, toIsoFromUniTalk, toList } from '../shared/validation';
import { wallClockWindow } from '../shared/zoneTime';
import { unitalkRequest } from '../transport/request';

/** One row as the poll keeps it: its key, its time in epoch ms, and the row as UniTalk sent it. */
export interface Row {
	key: string;
	/** Undefined when the row has no real date and time (none, null, 2024-02-30…). */
	timeMs?: number;
	/**
	 * The other instant the date can mean: it lies in the hour that repeats when the zone's clocks
	 * go back (timeMs is then the earlier reading until the poll picks the one in its window).
	 */
	altTimeMs?: number;
	/** The date as UniTalk sent it, for the note on a row that cannot be placed. */
	dateText: unknown;
	raw: IDataObject;
	/**
	 * The row appears long after its date on purpose (a recording added to an old call): it says
	 * nothing about calls written late or the account's zone.
	 */
	lateByDesign?: boolean;
	/** The key the same call was read under before (Recording Ready: while it waited). */
	alsoKnownAs?: string;
}

export interface Source {
	/** Names the source in the trigger's state ("history", "autodialer:17"). */
	id: string;
	/** The largest page the method allows. */
	pageSize: number;
	page(
		fromMs: number,
		toMs: number,
		offset: number,
		limit: number,
	): Promise<{ rows: IDataObject[]; count?: number }>;
	/**
	 * The instants a page of [fromMs, toMs] can return rows of: wider than asked when the window
	 * spans the hour that repeats when clocks go back (a wall-clock text names both passes).
	 */
	covered(fromMs: number, toMs: number): [number, number];
	/** Key and time of a row. */
	row(raw: IDataObject): Row;
	/**
	 * The item the trigger puts out, or undefined when the filters leave the call out. `atMs`, the
	 * reading of its date the poll took, decides a date of the repeated hour; a recording download
	 * ends by `cut` (a poll's budget): LATER when it is to be tried by a later poll.
	 */
	item(
		raw: IDataObject,
		context?: { atMs?: number; cut?: Cut },
	): Promise<INodeExecutionData | typeof LATER | undefined>;
}

export function sourcesOf(ctx: IPollFunctions, zone: string): Source[] {
	const event = ctx.getNodeParameter('event', 'finishedCalls') as string;
	if (event === 'recordingReady') return [historySource(ctx, zone, true)];
	if (event !== 'autodialerCalls') return [historySource(ctx, zone)];
	const ids = toList(ctx.getNodeParameter('autodialerIds', []), 'Autodialers').map((id) =>
		requireId(id, 'Autodialers'),
	);
	return ids.map((id) => autodialerSource(ctx, zone, id));
}

const window = (fromMs: number, toMs: number, zone: string) => wallClockWindow(fromMs, toMs, zone);

function covered(fromMs: number, toMs: number, zone: string): [number, number] {
	const { dateFrom, dateTo } = window(fromMs, toMs, zone);
	const first = instantsOfUniTalkTime(dateFrom, zone);
	const last = instantsOfUniTalkTime(dateTo, zone);
	return [Math.min(fromMs, first?.ms ?? fromMs), Math.max(toMs, last?.altMs ?? last?.ms ?? toMs)];
}

/** No id at all (the reference always shows one): the row's content tells it apart. */
const contentKey = (raw: IDataObject) =>
	`content:${createHash('sha256').update(JSON.stringify(raw)).digest('hex')}`;

function timeOf(text: unknown, zone: string): Pick<Row, 'timeMs' | 'altTimeMs'> {
	const read = instantsOfUniTalkTime(text, zone);
	if (!read) return {};
	return read.altMs === undefined
		? { timeMs: read.ms }
		: { timeMs: read.ms, altTimeMs: read.altMs };
}

/** Key prefixes of Recording Ready: one call is read as waiting first, then again with its link. */
const WAITING_FOR_RECORDING = 'waiting:';
const WITH_RECORDING = 'recording:';

/**
 * Recording Ready: the key the row with its link will have, when `key` is an answered call read
 * while it still waited for its recording; undefined for every other key.
 */
export function keyWithRecording(key: string): string | undefined {
	return key.startsWith(WAITING_FOR_RECORDING)
		? WITH_RECORDING + key.slice(WAITING_FOR_RECORDING.length)
		: undefined;
}

/**
 * /history/get: finished calls, dated when they started, 1,000 per page. For Recording Ready an
 * answered call is keyed by whether its link is there yet, so the same call read again with its link
 * is a new row (emitted once), and read without it is remembered as waiting (never emitted).
 */
function historySource(ctx: IPollFunctions, zone: string, recordings = false): Source {
	const { lost, ...others } = ctx.getNodeParameter('filters', {}) as IDataObject;
	// Lost calls are missed ones: Recording Ready (answered calls) does not offer the filter.
	const filters: IDataObject = lost === true && !recordings ? { ...others, lost } : others;
	// UniTalk alone knows whether a missed call was called back: it is asked to pick the lost calls,
	// in every request of the source (windows, counts and probes read the same calls).
	const filter = filters.lost === true ? { filter: { lost: true } } : {};
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		id: 'history',
		pageSize: 1000,
		async page(fromMs, toMs, offset, limit) {
			const response = (await unitalkRequest(ctx, {
				path: '/history/get',
				json: { ...window(fromMs, toMs, zone), ...filter, limit, offset },
				sideEffect: false,
			})) as IDataObject;
			return {
				rows: Array.isArray(response?.calls) ? (response.calls as IDataObject[]) : [],
				count: typeof response?.count === 'number' ? response.count : undefined,
			};
		},
		covered: (fromMs, toMs) => covered(fromMs, toMs, zone),
		row(raw) {
			const id = raw.dbid ?? raw.id;
			const key = id === undefined || id === null ? contentKey(raw) : String(id);
			const row = { key, ...timeOf(raw.date, zone), dateText: raw.date, raw };
			if (!recordings) return row;
			if (hasLink(raw))
				return {
					...row,
					key: `${WITH_RECORDING}${key}`,
					alsoKnownAs: `${WAITING_FOR_RECORDING}${key}`,
					lateByDesign: true,
				};
			const waits = toCallRecord(raw, zone).answered;
			return { ...row, key: `${waits ? WAITING_FOR_RECORDING : 'no-recording:'}${key}` };
		},
		async item(raw, { atMs, cut } = {}) {
			if (recordings && !hasLink(raw)) return undefined;
			const { problems, ...record } = toCallRecord(raw, zone, undefined, atMs);
			if (filteredOut(filters, 'CALL_END', record)) return undefined;
			const event = recordings ? 'RECORDING_READY' : 'CALL_END';
			const json: IDataObject = { event, ...record, kind: 'call' };
			if (problems?.length) json.problems = problems;
			if (options.includeRaw === true) json.raw = raw;
			const binary = options.attachRecording
				? await attachRecording(ctx, json, options, cut)
				: undefined;
			if (binary === LATER) return LATER;
			return binary ? { json, binary } : { json };
		},
	};
}

const hasLink = (raw: IDataObject) => typeof raw.link === 'string' && raw.link.trim() !== '';

/** GET_CALLS_HISTORY of one autodialer: its call results, dated when they ended, 1,000 per page. */
function autodialerSource(ctx: IPollFunctions, zone: string, autodialerId: number): Source {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		id: `autodialer:${autodialerId}`,
		pageSize: 1000,
		async page(fromMs, toMs, offset, limit) {
			const response = (await unitalkRequest(ctx, {
				path: '/autodial/action',
				json: {
					action: 'GET_CALLS_HISTORY',
					id: autodialerId,
					callHistoryRequest: { ...window(fromMs, toMs, zone), offset, limit },
				},
				sideEffect: false,
			})) as IDataObject;
			return {
				rows: Array.isArray(response?.items) ? (response.items as IDataObject[]) : [],
				count: typeof response?.count === 'number' ? response.count : undefined,
			};
		},
		covered: (fromMs, toMs) => covered(fromMs, toMs, zone),
		row(raw) {
			const id = raw.id === undefined || raw.id === null ? contentKey(raw) : String(raw.id);
			return {
				key: `autodialer:${autodialerId}:${id}`,
				...timeOf(raw.callEndTime, zone),
				dateText: raw.callEndTime,
				raw,
			};
		},
		async item(raw, { atMs } = {}) {
			const json: IDataObject = {
				event: 'AUTODIAL_CALL',
				kind: 'autodialCall',
				autodialerId,
				...raw,
				callEndTime: toIsoFromUniTalk(raw.callEndTime, zone, atMs) ?? raw.callEndTime ?? null,
			};
			if (options.includeRaw === true) json.raw = raw;
			return { json };
		},
	};
}
