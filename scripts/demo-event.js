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
	console.log(
		'Events (npm run demo:event -- <event> [--url URL] [--key KEY]); each run gives the call a new id and dbid, dated now:\n',
	);
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
	const body = demoBody(kind, event.body());
	const headers = {
		'Content-Type': 'application/json',
		...(kind === 'route' ? {} : { Authorization: key }),
	};
	let response;
	try {
		response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
	} catch (error) {
		throw new Error(
			`Nothing answered at ${url} (${error.cause?.code ?? error.cause?.message ?? error.message}). Is \`npm start\` running? For a Test URL, click "Execute step" in the trigger (or "Test this trigger") first.`,
		);
	}
	const text = await response.text();
	console.log(`${kind} → ${url}\nn8n answered ${response.status}: ${text}`);
	console.log(explain(kind, response.status, text, url));
}

/**
 * A new call each run: its own call id and dbId (a trigger that ignores repeated deliveries still
 * starts, and Send Once Per Key on {{ $json.dbId }} sends again), dated now, and a missed call ended
 * by "No answer" (19) rather than the sample's "Normal call clearing".
 */
function demoBody(kind, sample) {
	const body = structuredClone(sample);
	if (!body.call || kind === 'route') return body;
	const now = Date.now();
	const sameType = (value, next) => (typeof value === 'string' ? String(next) : next);
	body.call.id = String(now);
	body.call.dbid = sameType(body.call.dbid, now - 1_700_000_000_000);
	body.call.date = kyivTime(now);
	if (kind === 'missed') body.call.cause = sameType(body.call.cause, 19);
	return body;
}

/** "yyyy-MM-dd HH:mm:ss" in Europe/Kyiv, the demo credential's UniTalk Time Zone. */
function kyivTime(ms) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Europe/Kyiv',
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(new Date(ms))
			.map((p) => [p.type, p.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** What n8n's answer means, and what to do next. */
function explain(kind, status, text, url) {
	let answer = {};
	try {
		answer = JSON.parse(text);
	} catch {
		// not JSON: n8n's own pages and empty bodies
	}
	const route = kind === 'route';
	const testUrl = url.includes('/webhook-test/');
	if (status === 404)
		return '404: n8n has no trigger listening there. A Test URL works only while the trigger listens (Execute step / Test this trigger); a Production URL needs the workflow published.';
	if (status === 401)
		return route
			? "401: the trigger wants its Secret in the URL: add ?key=<the Secret in the trigger> to the URL (npm start's ROUTE example uses ?key=demo-route-secret)."
			: "401: the trigger wants the API key in the Authorization header and got none: pass --key KEY (npm start sends the demo key), or change the trigger's Verify Sender By.";
	if (status === 403)
		return route
			? "403: the URL's ?key= is not the trigger's Secret: copy the Secret from the trigger into ?key=."
			: "403: the key does not match the trigger's Verify Sender By (the credential's API key, or its Secret): pass the right one with --key KEY.";
	if (status === 400)
		return `400: the trigger could not read this as its event (${answer.message ?? 'see above'}). Check the trigger's Trigger On: "${kind}" is ${route ? 'a ROUTE request' : 'a call event'}.`;
	if (status >= 500)
		return route
			? "500: the workflow failed before answering (or its Fixed Answer is not valid): UniTalk would go on with the scenario's next block. See the failed run in n8n's Executions list."
			: `${status}: n8n could not run the workflow. See n8n's Executions list and its log.`;
	if (typeof answer.message === 'string' && answer.message.startsWith('Ignored'))
		return testUrl
			? `The trigger left this event out (${answer.message.slice(9)}): the reason shows on its second output, "Ignored (Test URL Only)", and nothing after it ran.`
			: `The trigger left this event out (${answer.message.slice(9)}): nothing started. Send another event (npm run demo:event -- --list), or change the trigger's Events or Filters.`;
	if (typeof answer.message === 'string' && answer.message.startsWith('Received (a repeat'))
		return 'A repeat of an event the trigger already delivered: nothing started.';
	if (route)
		return answer.operatorNumber
			? `UniTalk would put the call through to operator ${answer.operatorNumber}. See the run in n8n's Executions list.`
			: "No operator in the answer: UniTalk would go on with the scenario's next block. See the run in n8n's Executions list.";
	return testUrl
		? "Started: see the run in the trigger's output in the editor."
		: "Started: see the run in n8n's Executions list.";
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
