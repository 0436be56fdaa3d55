// `npm run demo:call -- <missed|answered|busy> [--minutes-ago N] [--from NUMBER] [--url STAND-IN URL]`:
// a call ends in the demo account of `npm start`: the stand-in writes it into its call history, where
// the Call History Trigger (polling) finds it. Posts to the stand-in's POST /__standin/history.
// The callback loop (#41), played in the demo account, whose autodialers dial 60 times faster:
//   --calls-back NUMBER          the customer calls back and an operator answers (an answered incoming
//                                call from NUMBER: autodialers skipping clients who called mark it
//                                CLIENT_CALLED and do not dial it)
//   --callback-answered NUMBER   the next callback attempt to NUMBER is answered (45 s talk)
//   --callback-unanswered NUMBER the next callback attempt to NUMBER is not answered (repeated later)
// (POST /__standin/autodial/script {"phone", "answers"}; combine them to script several attempts.)
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

/** Posts `body` to the stand-in's `path`; the answer, or an error that says what went wrong. */
async function post(standIn, path, body) {
	let response;
	try {
		response = await fetch(`${standIn}${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
	} catch (error) {
		throw new Error(
			`Nothing answered at ${standIn} (${error.cause?.code ?? error.message}). Is \`npm start\` running?`,
		);
	}
	const answer = await response.json();
	if (!response.ok) throw new Error(`The stand-in refused: ${answer.message}`);
	return answer;
}

/** The callback flags, in the order given: scripted attempts, then a customer calling back. */
async function playCallbackLoop(standIn) {
	const args = process.argv.slice(2);
	const scripted = new Map();
	args.forEach((arg, i) => {
		const answer = { '--callback-answered': 'ANSWER', '--callback-unanswered': 'NOANSWER' }[arg];
		if (answer && args[i + 1])
			scripted.set(args[i + 1], [...(scripted.get(args[i + 1]) ?? []), answer]);
	});
	for (const [phone, answers] of scripted) {
		await post(standIn, '/__standin/autodial/script', { phone, answers });
		console.log(
			`callback: the next ${answers.length > 1 ? `${answers.length} attempts` : 'attempt'} to ${phone}: ${answers.join(', ')} (then answered, as by default).`,
		);
	}
	const phone = option('calls-back');
	if (phone) {
		const { call } = await post(standIn, '/__standin/history', {
			direction: 'IN',
			from: phone,
			state: 'ANSWER',
		});
		console.log(
			`calls-back: ${phone} called at ${call.date} and operator ${call.to[0]} answered (dbId ${call.dbid}); an autodialer that skips clients who called does not dial ${phone} now (CLIENT_CALLED).`,
		);
	}
	const clock = await (await fetch(`${standIn}/__standin/autodial/clock`)).json();
	if (!clock.running)
		console.log(
			'The stand-in runs no autodialer: start it with `npm start` (or POST /__standin/autodial/clock {"running": true}).',
		);
	else
		console.log(
			`The stand-in's autodialers dial at ${clock.speed}x (clock ${clock.local} ${clock.weekday}, ${clock.timeZone}); what they do is printed in \`npm start\`'s terminal.`,
		);
}

async function main() {
	const loop = ['calls-back', 'callback-answered', 'callback-unanswered'].some((f) => option(f));
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
	if (loop) return await playCallbackLoop(standIn);
	const fields = { ...call.fields };
	const minutesAgo = option('minutes-ago');
	if (minutesAgo !== undefined) fields.minutesAgo = Number(minutesAgo);
	if (option('from')) fields.from = option('from');
	const written = (await post(standIn, '/__standin/history', fields)).call;
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
