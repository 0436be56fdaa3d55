// The Call History Trigger's poll: every finished call of /history/get exactly once across polls,
// restarts and failed polls. State lives in the workflow's static data (n8n persists it):
//   watermark: where the last complete poll read up to (epoch ms);
//   seen: the calls already emitted whose start lies inside the look-back window (key → start ms).
// A poll reads [watermark − look-back, now]; rows UniTalk writes late (a call appears in the history
// when it ends, dated when it started) are caught while they are inside the window, and `seen`
// keeps them from being emitted twice. Nothing is changed until every page of a poll was read.
import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { attachRecording } from '../shared/attachRecording';
import { filteredOut } from '../shared/callFilters';
import { toCallRecord } from '../shared/callRecord';
import { formatInZone, toIsoFromUniTalk, toUniTalkDateTime } from '../shared/validation';
import { accountZone } from '../transport/credential';
import { unitalkRequest } from '../transport/request';

/** /history/get's largest page. */
export const HISTORY_PAGE = 1000;
/** Calls a manual test run shows: the newest few. */
const TEST_RUN_CALLS = 5;

export interface PollState {
	watermark?: number;
	seen?: Record<string, number>;
}

/** One history row as read: its key (dbid, else id) and the start time in epoch ms. */
interface Row {
	key: string;
	startMs: number;
	raw: IDataObject;
}

export async function pollHistory(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { zone } = await accountZone(ctx);
	const lookBackMs = Math.max(1, ctx.getNodeParameter('lookBackMinutes', 60) as number) * 60_000;
	const nowMs = Date.now();
	if (ctx.getMode() === 'manual') {
		// A test run: the newest few calls of the last week that pass the filters, oldest first.
		const page = await readPage(ctx, zone, nowMs - 7 * 24 * 3600_000, nowMs, 0, 100);
		const items = await toItems(ctx, page.calls, zone);
		const newest = items
			.sort((a, b) => String(b.json.startTime).localeCompare(String(a.json.startTime)))
			.slice(0, TEST_RUN_CALLS);
		return newest.length ? [newest.reverse()] : null;
	}

	const state = ctx.getWorkflowStaticData('node') as PollState;
	if (state.watermark === undefined) {
		const startFrom = ctx.getNodeParameter('startFrom', '') as string;
		// First activation: from now on (no flood of old calls), or from Start From for a catch-up.
		if (!startFrom) {
			state.watermark = nowMs;
			state.seen = {};
			return null;
		}
		const start = Date.parse(
			toIsoFromUniTalk(toUniTalkDateTime(startFrom, zone, 'Start From'), zone) ?? '',
		);
		state.watermark = start + lookBackMs; // the first window then begins at Start From
		state.seen = {};
	}

	const seen = state.seen ?? {};
	const fromMs = state.watermark - lookBackMs;
	const rows = await readAll(ctx, zone, fromMs, nowMs);
	const fresh: Row[] = [];
	const inThisPoll = new Set<string>();
	for (const row of rows) {
		if (seen[row.key] !== undefined || inThisPoll.has(row.key)) continue;
		inThisPoll.add(row.key);
		fresh.push(row);
	}
	fresh.sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));

	const items = await toItems(
		ctx,
		fresh.map((row) => row.raw),
		zone,
	);
	// Every page was read: only now does the state move on.
	const keepFrom = nowMs - lookBackMs;
	const nextSeen: Record<string, number> = {};
	for (const [key, startMs] of Object.entries(seen))
		if (startMs >= keepFrom) nextSeen[key] = startMs;
	for (const row of fresh) if (row.startMs >= keepFrom) nextSeen[row.key] = row.startMs;
	state.watermark = nowMs;
	state.seen = nextSeen;
	return items.length ? [items] : null;
}

/** Every row in [fromMs, toMs], page by page; a failed page fails the poll (nothing advances). */
async function readAll(ctx: IPollFunctions, zone: string, fromMs: number, toMs: number) {
	const rows: Row[] = [];
	for (let offset = 0; ; ) {
		const page = await readPage(ctx, zone, fromMs, toMs, offset, HISTORY_PAGE);
		for (const call of page.calls) {
			const record = toCallRecord(call, zone);
			const key = record.dbId ?? record.callId;
			// A row without a readable date is kept for one look-back window from when it was read.
			const startMs = record.startTime ? Date.parse(record.startTime) : toMs;
			// No id at all (the reference always shows one): the row's content tells it apart.
			const id =
				key ?? `content:${createHash('sha256').update(JSON.stringify(call)).digest('hex')}`;
			rows.push({ key: String(id), startMs, raw: call });
		}
		offset += page.calls.length;
		if (page.calls.length < HISTORY_PAGE || (page.count !== undefined && offset >= page.count))
			break;
	}
	return rows;
}

async function readPage(
	ctx: IPollFunctions,
	zone: string,
	fromMs: number,
	toMs: number,
	offset: number,
	limit: number,
): Promise<{ calls: IDataObject[]; count?: number }> {
	const response = (await unitalkRequest(ctx, {
		path: '/history/get',
		json: {
			dateFrom: formatInZone(new Date(fromMs), zone),
			dateTo: formatInZone(new Date(toMs), zone),
			limit,
			offset,
		},
		sideEffect: false,
	})) as IDataObject;
	const calls = Array.isArray(response?.calls) ? (response.calls as IDataObject[]) : [];
	const count = typeof response?.count === 'number' ? response.count : undefined;
	return { calls, count };
}

/** The webhook trigger's item for a finished call, filtered as the user set, oldest first. */
async function toItems(
	ctx: IPollFunctions,
	calls: IDataObject[],
	zone: string,
): Promise<INodeExecutionData[]> {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const items: INodeExecutionData[] = [];
	for (const call of calls) {
		const { problems, ...record } = toCallRecord(call, zone);
		if (filteredOut(filters, 'CALL_END', record)) continue;
		const json: IDataObject = { event: 'CALL_END', ...record, kind: 'call' };
		if (problems?.length) json.problems = problems;
		if (options.includeRaw === true) json.raw = call;
		const binary = options.attachRecording ? await attachRecording(ctx, json, options) : undefined;
		items.push(binary ? { json, binary } : { json });
	}
	return items;
}
