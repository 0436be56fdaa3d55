/**
 * `npm run bench -- --backlog [100,500,2000]` (#39): Recording Ready with Attach Recording when a
 * backlog of recordings is ready at once (after an outage), at the key's real pace, polled the way
 * n8n 2.x's durable scheduler polls (36 s budget, abandoned after 45 s, state saved only when a poll
 * emits). Prints the polls until drained, the longest poll against n8n's timeout, and downloads per
 * file. Polls run back to back (n8n would start one a minute; the drain time is then the polls in
 * minutes). Real time: about 0.4 s a recording (the key's pace, 25 requests in 10 s).
 */

import { formatInZone } from '../../nodes/UniTalk/shared/validation';
import { PollHarness } from '../harness/poll';
import { StandIn } from '../standin/server';

const MINUTE = 60_000;
const TIMEOUT_MS = 45_000;

export async function backlogFigures(sizes: number[]): Promise<void> {
	const zone = 'Europe/Kyiv';
	const lines: string[] = [];
	for (const size of sizes) {
		const standIn = await new StandIn().start();
		const trigger = new PollHarness(
			{ event: 'recordingReady', recordingWaitHours: 3, options: { attachRecording: true } },
			{ apiKey: 'test-key', baseUrl: standIn.apiUrl, requestBudget: 25, timeZone: zone },
			{ durable: { budgetMs: 36_000, timeoutMs: TIMEOUT_MS } },
		);
		await trigger.poll(); // activation
		const calls = Array.from({ length: size }, () =>
			standIn.state.addHistoryCall(formatInZone(new Date(Date.now() - MINUTE), zone), {
				link: null,
			}),
		);
		for (const dbid of calls) standIn.state.addRecording(dbid);
		const emitted = new Map<unknown, number>();
		const began = Date.now();
		let polls = 0;
		while (emitted.size < size && polls < 3 * size) {
			const { items, error } = await trigger.poll();
			if (error) throw error;
			polls++;
			for (const item of items ?? [])
				emitted.set(item.json.dbId, (emitted.get(item.json.dbId) ?? 0) + 1);
		}
		const downloads = new Map<string, number>();
		for (const { path } of standIn.requests)
			if (path.startsWith('/tracking/rec/')) downloads.set(path, (downloads.get(path) ?? 0) + 1);
		const perFile = [...downloads.values()];
		const longest = Math.max(...trigger.runs.slice(1).map((run) => run.ms));
		const repeats = [...emitted.values()].filter((times) => times > 1).length;
		lines.push(
			`| ${size.toLocaleString('en')} | ${emitted.size} (${repeats} twice) | ${polls} | ${(longest / 1000).toFixed(1)} s / ${TIMEOUT_MS / 1000} s | ${trigger.runs.filter((run) => run.abandoned).length} | ${(perFile.reduce((a, b) => a + b, 0) / size).toFixed(2)} (most ${Math.max(...perFile)}) | ${((Date.now() - began) / 1000).toFixed(0)} s |`,
		);
		await standIn.stop();
	}
	console.log(
		"\nRecording Ready with Attach Recording, a backlog ready at once, n8n 2.x's durable scheduler (36 s budget, 45 s timeout):",
	);
	console.log(
		'| Backlog | Emitted | Polls until drained | Longest poll / timeout | Abandoned | Downloads per file | Time in polls |\n|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const line of lines) console.log(line);
}
