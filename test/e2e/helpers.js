// Helpers of the end-to-end suites: HTTP posts as UniTalk sends them, waiting, the stand-in's report,
// and workflows built as a chain of nodes.

/** POSTs JSON (or a raw string) and returns the status, the parsed body and the time it took. */
async function post(url, body, headers = {}) {
	const started = performance.now();
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, body: json, ms: performance.now() - started };
}

/** Waits until `condition` holds, or fails naming `what`. */
async function until(what, condition, timeoutMs = 30_000) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (await condition()) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** What the stand-in received (requests, CRM echoes) and its limit statistics. */
const report = async (standIn) => (await fetch(`${standIn.url}/__standin/report`)).json();

/** A workflow whose nodes run one after the other. */
function workflow(id, nodes) {
	const connections = {};
	nodes.forEach(
		(n, i) =>
			i &&
			(connections[nodes[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] }),
	);
	return {
		id,
		name: id,
		active: false,
		nodes: nodes.map((n, i) => ({
			id: `${id}-${i}`,
			typeVersion: 1,
			position: [i * 220, 0],
			...n,
		})),
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * p50 / p99 per URL of ROUTE answers (`count` each after `warmUp`), sent in turns so that whatever
 * else the machine does hits every variant alike. Every answer must name operator 2048.
 */
async function latencies(urls, { count = 200, warmUp = 20 } = {}) {
	const times = urls.map(() => []);
	for (let i = 0; i < count + warmUp; i++) {
		for (const [u, url] of urls.entries()) {
			const r = await post(url, {
				event: 'ROUTE',
				call: { from: '380505557182', outerNumber: '380442949168' },
			});
			if (r.status !== 200 || r.body.operatorNumber !== '2048') {
				throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body)}`);
			}
			if (i >= warmUp) times[u].push(r.ms);
		}
	}
	return times.map((t) => {
		t.sort((a, b) => a - b);
		const at = (share) => t[Math.floor(t.length * share) - (share === 0.5 ? 0 : 1)].toFixed(1);
		return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
	});
}

/** Now on a Kyiv wall clock, as UniTalk dates its calls ("2024-05-01 10:00:00"; Sweden writes dates so). */
function kyivNow() {
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Kyiv',
		dateStyle: 'short',
		timeStyle: 'medium',
	}).format(new Date());
}

/** An HTTP Request node that posts `jsonBody` (an n8n expression) to the stand-in's CRM echo. */
function crmEcho(name, standIn, jsonBody) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${standIn.url}/__standin/echo`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
	};
}

/** The echoed fields of a call's recording: what the trigger says of it, and the binary's type. */
const RECORDING_FIELDS =
	'recording: $json.recording ?? null, recordingMime: $binary.recording?.mimeType ?? null';

/**
 * Call History Trigger (every minute) → a stand-in CRM that records each call's dbId (and its
 * recording, with `options.attachRecording`): each call must arrive once. Its helpers: the calls it
 * emitted, the polls it made, a call that just ended.
 */
function pollingWorkflow(id, credential, standIn, options = {}) {
	return workflow(id, [
		{
			name: 'Call History',
			type: 'n8n-nodes-unitalk.uniTalkCallHistoryTrigger',
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, lookBackMinutes: 60, options },
			credentials: { uniTalkApi: credential },
		},
		crmEcho(
			'CRM',
			standIn,
			`={{ JSON.stringify({ polledDbId: $json.dbId, ${RECORDING_FIELDS} }) }}`,
		),
	]);
}
const polledIds = async (standIn) =>
	(await report(standIn)).echoes.filter((e) => e.polledDbId !== undefined).map((e) => e.polledDbId);
const historyReads = async (standIn) =>
	(await report(standIn)).requests.filter((q) => q.path === '/history/get').length;
/** A call that just ended (missed, or 'ANSWER' with a recording), written to the stand-in's history; its dbId. */
async function endCall(standIn, state = 'NOANSWER', over = {}) {
	const answer = await fetch(`${standIn.url}/__standin/history`, {
		method: 'POST',
		body: JSON.stringify({ date: kyivNow(), state, ...over }),
	});
	return (await answer.json()).dbid;
}

module.exports = {
	crmEcho,
	endCall,
	RECORDING_FIELDS,
	historyReads,
	kyivNow,
	latencies,
	pollingWorkflow,
	polledIds,
	post,
	report,
	until,
	workflow,
};
