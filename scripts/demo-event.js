// `npm run demo:event -- missed|answered|route`: posts a UniTalk webhook to the n8n that `npm start`
// runs, as UniTalk would (the bodies are the end-to-end suite's), and prints n8n's answer.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { CACHE } = require('../test/e2e/n8n');
const bodies = require('../test/e2e/bodies.json');

async function main() {
	const kind = process.argv[2] ?? 'missed';
	const state = JSON.parse(readFileSync(join(CACHE, 'start-state.json'), 'utf8'));
	const callId = String(Date.now()); // a new call each time: the trigger ignores repeated deliveries
	const call = (body) => ({ ...body, call: { ...body.call, id: callId } });
	const events = {
		missed: [state.missed, call(bodies.missedEnd), { Authorization: state.key }],
		answered: [state.events, call(bodies.standardEnd), { Authorization: state.key }],
		route: [
			state.route,
			{ event: 'ROUTE', call: { from: '380505557182', outerNumber: '380442949168' } },
			{},
		],
	};
	if (!events[kind]) throw new Error(`Unknown demo event "${kind}": use missed, answered or route`);
	const [url, body, headers] = events[kind];
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	console.log(
		`${kind} → ${url}\nn8n answered ${response.status}: ${await response.text()}\nSee the execution in n8n's Executions list.`,
	);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
