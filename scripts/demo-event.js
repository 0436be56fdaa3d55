// `npm run demo:event -- <event> [--url URL] [--key KEY]`: posts a UniTalk webhook as UniTalk would,
// to the n8n that `npm start` runs (its imported examples) or to any trigger URL you copy from n8n
// (Test URL or Production URL), and prints n8n's answer. `--list` shows the events and their bodies.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const { CACHE } = require('../test/e2e/n8n');
const bodies = require('../test/e2e/bodies.json');

const ROUTE = { event: 'ROUTE', call: { from: '380505557182', outerNumber: '380442949168' } };
const call = (event, over) => ({
	event,
	call: { ...bodies.standardEnd.call, state: null, secondsTalk: 0, secondsFullTime: 0, ...over },
});
/** Each event: its body, and which example trigger of `npm start` receives it. */
const EVENTS = {
	new: {
		about: 'an incoming call starts (CALL_NEW)',
		example: 'events',
		body: () => call('CALL_NEW', { to: [], link: null, cause: null }),
	},
	redirect: {
		about: 'the call rings operator 2000 (CALL_REDIRECT)',
		example: 'events',
		body: () => call('CALL_REDIRECT', { link: null, cause: null }),
	},
	answer: {
		about: 'operator 2000 answers (CALL_ANSWER)',
		example: 'events',
		body: () => call('CALL_ANSWER', { link: null, cause: null }),
	},
	answered: {
		about: 'an answered call ends (CALL_END, ANSWER)',
		example: 'events',
		body: () => bodies.standardEnd,
	},
	missed: {
		about: 'a missed call ends (CALL_END, NOANSWER): the missed-call SMS example sends one SMS',
		example: 'missed',
		body: () => bodies.missedEnd,
	},
	route: {
		about: 'UniTalk asks which operator takes a call (ROUTE)',
		example: 'route',
		body: () => ROUTE,
	},
};

function option(name) {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : undefined;
}

/** The arguments that are not --url/--key or their values. */
function positional() {
	const args = process.argv.slice(2);
	return args.filter(
		(arg, i) => !arg.startsWith('--') && !['--url', '--key'].includes(args[i - 1]),
	);
}

function list() {
	console.log('Events (npm run demo:event -- <event> [--url URL] [--key KEY]):\n');
	for (const [name, event] of Object.entries(EVENTS))
		console.log(
			`  ${name.padEnd(9)} ${event.about}\n${indent(JSON.stringify(event.body(), null, 2))}\n`,
		);
}

const indent = (text) => text.replace(/^/gm, '            ');

async function main() {
	if (process.argv.includes('--list')) return list();
	const kind = positional()[0] ?? 'missed';
	const event = EVENTS[kind];
	if (!event)
		throw new Error(
			`Unknown event "${kind}". Events: ${Object.keys(EVENTS).join(', ')} (--list shows their bodies).`,
		);
	const stateFile = join(CACHE, 'start-state.json');
	const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
	const url = option('url') ?? state?.[event.example];
	if (!url)
		throw new Error(
			'No trigger URL: run `npm start` first (it remembers its triggers), or copy the Test or Production URL from the UniTalk Trigger and pass --url URL.',
		);
	const key = option('key') ?? state?.key ?? 'demo-key';
	// A new call id each time, so a trigger that ignores repeated deliveries still starts.
	const body = structuredClone(event.body());
	if (body.call && kind !== 'route') body.call.id = String(Date.now());
	const headers = {
		'Content-Type': 'application/json',
		...(kind === 'route' ? {} : { Authorization: key }),
	};
	let response;
	try {
		response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
	} catch (error) {
		throw new Error(
			`Nothing answered at ${url} (${error.cause?.code ?? error.cause?.message ?? error.message}). Is \`npm start\` running? For a Test URL, click "Listen for test event" in the trigger first.`,
		);
	}
	const text = await response.text();
	console.log(`${kind} → ${url}\nn8n answered ${response.status}: ${text}`);
	if (response.status === 404)
		console.log(
			'404: n8n has no trigger listening there. A Test URL works only while "Listen for test event" is on; a Production URL needs the workflow published.',
		);
	else console.log("See the run in the trigger's output (Test URL) or in n8n's Executions list.");
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
