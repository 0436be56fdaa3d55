// `npm run demo:event -- <event> [--call ID] [--url URL | --to TRIGGER] [--key KEY] [--standin URL]`:
// posts a UniTalk webhook as UniTalk would, to the n8n that `npm start` runs (its imported examples)
// or to any trigger URL you copy from n8n (Test URL or Production URL), and prints n8n's answer.
// `--life` plays one call's whole life (new → redirect → answer → end, one call id); `--list` shows
// the events and their bodies. A recording link points at the demo account (the stand-in), never
// at UniTalk, and a call that ends is written to the demo account's history, where it is served.
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const bodies = require('./demo/bodies.json');
const { CACHE } = require('./demo/n8n');

const HELP = `npm run demo:event -- <event> [options]: a UniTalk webhook, as UniTalk sends it, to n8n.

Events: new, redirect, answer, answered, missed (call events), route (ROUTE); --list shows their bodies.
Each run is a new call (its own call id and dbId, dated now), unless --call says which.

One call's whole life, the same call id in every event (as a CRM example needs):
  npm run demo:event -- --life                 new → redirect → answer → answered, 2 s apart
  npm run demo:event -- --life missed          new → redirect → missed
  npm run demo:event -- new --call 42          or one event at a time: the same --call ID each time
  npm run demo:event -- answer --call 42       (its dbId and start time stay those of its first event)
  npm run demo:event -- answered --call 42

Options:
  --url URL        a trigger's Test URL or Production URL (default: the npm start example that fits)
  --to NAME        an npm start trigger by name: events, missed, route, and with npm start -- --crm
                   crm-vtiger, crm-leadsquared, crm-elma365
  --key KEY        the Authorization header of call events (default: npm start's demo key)
  --pause SECONDS  between the events of --life (default 2)
  --standin URL    the demo account recording links point to (default: npm start's stand-in)
  --list           the events and their bodies
  --help           this text`;

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

/** The lives --life plays: the events of one call, in order. */
const LIVES = {
	answered: ['new', 'redirect', 'answer', 'answered'],
	missed: ['new', 'redirect', 'missed'],
};

/** Options that take a value. */
const VALUED = ['--url', '--key', '--call', '--to', '--pause', '--standin'];

function option(name) {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : undefined;
}

/** The arguments that are not options or their values. */
function positional() {
	const args = process.argv.slice(2);
	return args.filter((arg, i) => !arg.startsWith('--') && !VALUED.includes(args[i - 1]));
}

function list(standIn) {
	console.log(
		`Events (npm run demo:event -- <event> [--call ID] [--url URL] [--key KEY]); each run is a new call (its own id and dbid, dated now) unless --call names it; --life plays one call's whole life (--help):\n`,
	);
	const call = { id: '1765000000000', dbid: 65000000000, date: '2025-12-06 10:00:00' };
	for (const [name, event] of Object.entries(EVENTS))
		console.log(
			`  ${name.padEnd(9)} ${event.about}\n${indent(JSON.stringify(demoBody(name, event.body(), call, standIn), null, 2))}\n`,
		);
	if (!standIn)
		console.log(
			'(No stand-in known, so no recording link: run `npm start` for the demo account, or pass --standin URL.)',
		);
}

const indent = (text) => text.replace(/^/gm, '            ');

async function main() {
	if (process.argv.includes('--help') || process.argv.includes('-h')) return console.log(HELP);
	const stateFile = join(CACHE, 'start-state.json');
	const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
	// Recording links point at the demo account only: the stand-in this start runs, or --standin.
	const standIn = option('standin') ?? state?.standIn;
	if (process.argv.includes('--list')) return list(standIn);
	const life = process.argv.includes('--life');
	const kinds = life ? LIVES[positional()[0] ?? 'answered'] : [positional()[0] ?? 'missed'];
	if (!kinds)
		throw new Error(`Unknown life "${positional()[0]}". Lives: ${Object.keys(LIVES).join(', ')}.`);
	for (const kind of kinds)
		if (!EVENTS[kind])
			throw new Error(
				`Unknown event "${kind}". Events: ${Object.keys(EVENTS).join(', ')} (--list shows their bodies, --help the options).`,
			);
	const call = theCall(option('call'), life);
	const pause = Number(option('pause') ?? 2) * 1000;
	for (const [i, kind] of kinds.entries()) {
		if (i > 0 && pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
		await send(kind, call, state, standIn);
	}
	if (life)
		console.log(
			`One call's life: ${kinds.map((k) => EVENTS[k].body().event).join(' → ')}, call id ${call.id} (dbId ${call.dbid}) in every event.`,
		);
}

/** Posts one event of `call` and says what n8n's answer means. */
async function send(kind, call, state, standIn) {
	const event = EVENTS[kind];
	const to = option('to');
	if (to && !state?.[to])
		throw new Error(
			state
				? `No trigger "${to}" in the last npm start: ${['events', 'missed', 'route', 'crm-vtiger', 'crm-leadsquared', 'crm-elma365'].filter((n) => state[n]).join(', ')} (crm-…: npm start -- --crm).`
				: 'No trigger URL: run `npm start` first (it remembers its triggers), or pass --url URL.',
		);
	const url = option('url') ?? state?.[to ?? event.example];
	if (!url)
		throw new Error(
			'No trigger URL: run `npm start` first (it remembers its triggers), or copy the Test or Production URL from the UniTalk Trigger and pass --url URL.',
		);
	const key = option('key') ?? state?.key ?? 'demo-key';
	const body = demoBody(kind, event.body(), call, standIn);
	if (body.event === 'CALL_END' && standIn) await writeToHistory(standIn, body.call);
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
	const which = kind === 'route' ? '' : ` (call ${body.call.id})`;
	console.log(`${kind}${which} → ${url}\nn8n answered ${response.status}: ${text}`);
	console.log(explain(kind, response.status, text, url));
}

/**
 * The call the events tell: a new one (its own call id and dbId, dated now: a trigger that ignores
 * repeated deliveries still starts, and Send Once Per Key on {{ $json.dbId }} sends again), or with
 * --call ID the one of that id, whose dbId and start time an earlier run remembered.
 */
function theCall(id, life) {
	const now = Date.now();
	const fresh = { id: String(id ?? now), dbid: now - 1_700_000_000_000, date: kyivTime(now) };
	if (id === undefined) return fresh;
	if (!/^\d{1,18}$/.test(id))
		throw new Error(`--call takes UniTalk's call id, digits: not "${id}".`);
	const file = join(CACHE, 'demo-event-calls.json');
	const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
	if (known[id] && !life) return known[id];
	// Remembered (the last 50): the next run with this --call continues the same call.
	const kept = Object.entries({ ...known, [id]: fresh }).slice(-50);
	mkdirSync(CACHE, { recursive: true });
	writeFileSync(file, JSON.stringify(Object.fromEntries(kept)));
	return fresh;
}

/**
 * The sample with this call's id, dbId and start; a missed call ended by "No answer" (19) rather than
 * the sample's "Normal call clearing"; the recording link on the demo account (the stand-in), as
 * UniTalk would write it, or none when no stand-in is known: never UniTalk's own host.
 */
function demoBody(kind, sample, call, standIn) {
	const body = structuredClone(sample);
	if (!body.call || kind === 'route') return body;
	const sameType = (value, next) => (typeof value === 'string' ? String(next) : next);
	body.call.id = sameType(body.call.id, call.id);
	body.call.dbid = sameType(body.call.dbid, call.dbid);
	body.call.date = call.date;
	if (kind === 'missed') body.call.cause = sameType(body.call.cause, 19);
	if (body.call.link)
		body.call.link = standIn
			? `${standIn.replace(/\/$/, '')}/tracking/rec/${call.id}/${call.date.slice(0, 10)}`
			: null;
	return body;
}

/** A call that ends is in the demo account's history, where its recording link is served. */
async function writeToHistory(standIn, call) {
	const number = (value) => (value === null || value === '' ? value : Number(value));
	const row = {
		id: Number(call.id),
		dbid: Number(call.dbid),
		date: call.date,
		from: call.from,
		to: Array.isArray(call.to) ? call.to : call.to ? String(call.to).split(',') : [],
		outerNumber: call.outerNumber,
		direction: call.direction,
		state: call.state,
		secondsFullTime: number(call.secondsFullTime),
		secondsTalk: number(call.secondsTalk),
		cause: number(call.cause),
		link: call.link || null,
	};
	try {
		const response = await fetch(`${standIn.replace(/\/$/, '')}/__standin/history`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(row),
		});
		if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
	} catch (error) {
		console.log(
			`(The demo account at ${standIn} did not take the call into its history: ${error.cause?.code ?? error.message}. Its recording link will not be found there.)`,
		);
	}
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
			? `The trigger left this event out (${answer.message.slice(9)}): the reason shows on its second output, "Ignored", and nothing after it ran.`
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
