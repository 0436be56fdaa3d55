// The Call History Trigger's poll: every call of its source exactly once across polls, restarts and
// failed polls. State lives in the workflow's static data (n8n persists it):
//   watermark: where the last complete poll read up to (epoch ms);
//   seen: the calls already emitted whose time lies inside the look-back window (key → time ms).
// A poll reads [watermark − look-back, now] of every source; rows UniTalk writes late (a call
// appears in the history when it ends, dated when it started) are caught while they are inside the
// window, and `seen` keeps them from being emitted twice. Nothing changes until every page is read.
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { toIsoFromUniTalk, toUniTalkDateTime } from '../shared/validation';
import { accountZone } from '../transport/credential';
import { unitalkDetails } from '../transport/failure';
import { type Row, type Source, sourcesOf } from './sources';

/** Calls a manual test run shows: the newest few. */
const TEST_RUN_CALLS = 5;
const WEEK_MS = 7 * 24 * 3600_000;

export interface PollState {
	watermark?: number;
	seen?: Record<string, number>;
}

export async function pollCalls(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		return await poll(ctx);
	} catch (error) {
		throw withFailureCause(error);
	}
}

/**
 * n8n 2.x's poll back-off reads why a poll failed from the error's `failure` (plain data): a key
 * UniTalk blocked for a while is "rate-limited" (it waits at least the block), a rejected key or a
 * banned account needs the user ("credential-invalid"), no answer is "temporarily-unavailable".
 * n8n 1.x ignores the field and polls again at the next interval.
 */
export function withFailureCause(error: unknown): unknown {
	const kind = unitalkDetails(error).kind;
	const failure =
		kind === 'rateLimited'
			? { cause: 'rate-limited', retryAfterMs: BLOCK_WAIT_MS }
			: kind === 'auth' || kind === 'banned'
				? { cause: 'credential-invalid' }
				: kind === 'notSent' || kind === 'readFailed' || kind === 'busy'
					? { cause: 'temporarily-unavailable' }
					: undefined;
	if (failure && error && typeof error === 'object')
		(error as { failure?: object }).failure = failure;
	return error;
}

/** How long UniTalk's temporary block of a key lasts at least (its reference: "temporary blocking"). */
const BLOCK_WAIT_MS = 60_000;

async function poll(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { zone } = await accountZone(ctx);
	const lookBackMs = Math.max(1, ctx.getNodeParameter('lookBackMinutes', 60) as number) * 60_000;
	const nowMs = Date.now();
	const sources = sourcesOf(ctx, zone);
	if (ctx.getMode() === 'manual') return await testRun(sources, nowMs);

	const state = ctx.getWorkflowStaticData('node') as PollState;
	if (state.watermark === undefined) {
		const startFrom = ctx.getNodeParameter('startFrom', '') as string;
		// First activation: from now on (no flood of old calls), or from Start From for a catch-up.
		// "From now on" marks what the look-back window holds already as seen, so the next poll,
		// which reads that window again, emits only calls that end after activation.
		if (!startFrom) {
			const seen: Record<string, number> = {};
			for (const source of sources)
				for (const row of await readAll(source, nowMs - lookBackMs, nowMs))
					seen[row.key] = row.timeMs;
			state.watermark = nowMs;
			state.seen = seen;
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
	const fresh: Array<{ row: Row; source: Source }> = [];
	const inThisPoll = new Set<string>();
	for (const source of sources) {
		for (const row of await readAll(source, fromMs, nowMs)) {
			if (seen[row.key] !== undefined || inThisPoll.has(row.key)) continue;
			inThisPoll.add(row.key);
			fresh.push({ row, source });
		}
	}
	fresh.sort((a, b) => a.row.timeMs - b.row.timeMs || a.row.key.localeCompare(b.row.key));
	const items: INodeExecutionData[] = [];
	for (const { row, source } of fresh) {
		const item = await source.item(row.raw);
		if (item) items.push(item);
	}

	// Every page was read: only now does the state move on.
	const keepFrom = nowMs - lookBackMs;
	const nextSeen: Record<string, number> = {};
	for (const [key, timeMs] of Object.entries(seen)) if (timeMs >= keepFrom) nextSeen[key] = timeMs;
	for (const { row } of fresh) if (row.timeMs >= keepFrom) nextSeen[row.key] = row.timeMs;
	state.watermark = nowMs;
	state.seen = nextSeen;
	return items.length ? [items] : null;
}

/** Every row in [fromMs, toMs], page by page; a failed page fails the poll (nothing advances). */
async function readAll(source: Source, fromMs: number, toMs: number): Promise<Row[]> {
	const rows: Row[] = [];
	for (let offset = 0; ; ) {
		const page = await source.page(fromMs, toMs, offset, source.pageSize);
		for (const raw of page.rows) rows.push(source.row(raw, toMs));
		offset += page.rows.length;
		if (page.rows.length < source.pageSize || (page.count !== undefined && offset >= page.count))
			break;
	}
	return rows;
}

/** A test run: the newest few calls of the last week that pass the filters, oldest first. */
async function testRun(sources: Source[], nowMs: number) {
	const found: Array<{ timeMs: number; item: INodeExecutionData }> = [];
	for (const source of sources) {
		const page = await source.page(nowMs - WEEK_MS, nowMs, 0, 100);
		for (const raw of page.rows) {
			const item = await source.item(raw);
			if (item) found.push({ timeMs: source.row(raw, nowMs).timeMs, item });
		}
	}
	const newest = found.sort((a, b) => b.timeMs - a.timeMs).slice(0, TEST_RUN_CALLS);
	return newest.length ? [newest.reverse().map((entry) => entry.item)] : null;
}
