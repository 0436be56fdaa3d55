/**
 * Runs the stand-in on its own (e2e suite, `npm start`): `cli.ts [port] [apiKey] [historyFile]` prints
 * {"url", "apiUrl", "autodialerId", "restored"} and serves until killed. With `historyFile` (npm start's
 * demo account) the calls written through POST /__standin/history are kept in that file and come back,
 * with the same ids and dates, when the stand-in starts again: a polling workflow sees them once.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { StandIn } from './server';
import type { Json } from './types';

async function main() {
	const port = Number(process.argv[2] ?? 0);
	const historyFile = process.argv[4];
	const standIn = await new StandIn({ apiKeys: [process.argv[3] ?? 'e2e-key'] }).start(port);
	standIn.state.seedHistory(3500);
	// Seconds since late 2023: ids of this start are above those of every earlier one.
	standIn.state.continueIdsFrom(Math.floor(Date.now() / 1000) - 1_700_000_000);
	const written = historyFile ? restore(standIn, historyFile) : [];
	const id = standIn.state.newId();
	standIn.state.tasks.set(id, {
		id,
		name: 'Demo campaign',
		autodialerType: 'AUTODIAL',
		autodialerMode: 'FIXED',
		status: 'WAITING',
		config: {},
		numbers: new Map(),
		calls: [],
	});
	if (historyFile) {
		const save = () => writeFileSync(historyFile, JSON.stringify(written, null, 1));
		const endCall = standIn.endCall.bind(standIn);
		standIn.endCall = (fields: Json) => {
			const call = endCall(fields);
			written.push(call);
			save();
			return call;
		};
		const addRecording = standIn.state.addRecording.bind(standIn.state);
		standIn.state.addRecording = (dbid: number) => {
			const link = addRecording(dbid);
			save();
			return link;
		};
	}
	process.stdout.write(
		`${JSON.stringify({ url: standIn.url, apiUrl: standIn.apiUrl, autodialerId: id, restored: written.length })}\n`,
	);
}

/** The calls an earlier start wrote, back in the history (their recordings served from this start's address). */
function restore(standIn: StandIn, file: string): Json[] {
	const calls = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json[]) : [];
	for (const call of calls) {
		if (typeof call.link === 'string')
			call.link = call.link.replace(/^https?:\/\/[^/]+/, standIn.url);
		standIn.state.history.push(call);
		standIn.state.continueIdsFrom(Number(call.dbid));
	}
	return calls;
}

void main();
