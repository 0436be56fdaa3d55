/**
 * Runs the stand-in on its own (e2e suite, `npm start`): `cli.ts [port] [apiKey] [historyFile]
 * [--autodial-speed N]` prints {"url", "apiUrl", "autodialerId", "restored"} and serves until
 * killed. With `historyFile` (npm start's
 * demo account) the calls written through POST /__standin/history are kept in that file and come back,
 * with the same ids and dates, when the stand-in starts again: a polling workflow sees them once.
 * With `--autodial-speed N` its autodialers dial (test/standin/dialler.ts), N autodialer minutes per
 * real minute (1: real time; 60: a 30-minute repeat in 30 s), and it prints what they do on stderr.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { StandIn } from './server';
import type { Json } from './types';

async function main() {
	const args = process.argv.slice(2);
	const flag = args.indexOf('--autodial-speed');
	const speed = flag >= 0 ? Number(args[flag + 1]) : undefined;
	if (speed !== undefined && !(speed > 0)) throw new Error('--autodial-speed must be above 0');
	const [portArg, apiKey, historyFile] = args.filter(
		(_, i) => flag < 0 || (i !== flag && i !== flag + 1),
	);
	const port = Number(portArg ?? 0);
	const standIn = new StandIn({
		apiKeys: [apiKey ?? 'e2e-key'],
		autodial: speed ? { speed } : undefined,
	});
	// What the autodialers do, for the terminal of `npm start` (stdout carries only the first line).
	standIn.dialler.onLog = (entry) => {
		if (entry.event !== 'status' || entry.message.endsWith('FINISHED'))
			process.stderr.write(`UniTalk stand-in ${entry.clock}: ${entry.message}\n`);
	};
	await standIn.start(port);
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
