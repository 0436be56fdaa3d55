// `npm run demo:call -- <missed|answered|busy> [--minutes-ago N] [--from NUMBER] [--url STAND-IN URL]`:
// a call ends in the demo account of `npm start`: the stand-in writes it into its call history, where
// the Call History Trigger (polling) finds it. Posts to the stand-in's POST /__standin/history.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const { CACHE } = require('./demo/n8n');

/** Each kind of finished call: what it is, and the history fields that make it so. */
const CALLS = {
	missed: { about: 'an incoming call nobody answered', fields: { state: 'NOANSWER' } },
	answered: {
		about: 'an incoming call operator 1000 answered, with a recording',
		fields: { state: 'ANSWER' },
	},
	busy: {
		about: 'an incoming call that found every operator busy',
		fields: { state: 'BUSY', cause: 17 },
	},
};

function option(name) {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : undefined;
}

function positional() {
	const args = process.argv.slice(2);
	return args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
}

async function main() {
	const kind = positional()[0] ?? 'missed';
	const call = CALLS[kind];
	if (!call)
		throw new Error(
			`Unknown call "${kind}". Calls: ${Object.entries(CALLS)
				.map(([name, c]) => `${name} (${c.about})`)
				.join(', ')}.`,
		);
	const stateFile = join(CACHE, 'start-state.json');
	const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
	const standIn = option('url') ?? state.standIn;
	if (!standIn)
		throw new Error(
			state.port
				? '`npm start` runs with your real account (UNITALK_API_KEY): make a real call, or start it without UNITALK_API_KEY for the demo account.'
				: 'No stand-in: run `npm start` first (it remembers its stand-in), or pass --url http://127.0.0.1:<port>.',
		);
	const fields = { ...call.fields };
	const minutesAgo = option('minutes-ago');
	if (minutesAgo !== undefined) fields.minutesAgo = Number(minutesAgo);
	if (option('from')) fields.from = option('from');
	let response;
	try {
		response = await fetch(`${standIn}/__standin/history`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(fields),
		});
	} catch (error) {
		throw new Error(
			`Nothing answered at ${standIn} (${error.cause?.code ?? error.message}). Is \`npm start\` running?`,
		);
	}
	const answer = await response.json();
	if (!response.ok) throw new Error(`The stand-in refused the call: ${answer.message}`);
	const written = answer.call;
	console.log(
		`${kind}: ${call.about}, from ${written.from} at ${written.date} (dbId ${written.dbid}), is in the demo account's call history.
The Call History Trigger emits it at its next check (a published workflow; the example checks every minute);
in the editor, its "Fetch Test Event" shows the newest calls of the last week that pass its filters.`,
	);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
