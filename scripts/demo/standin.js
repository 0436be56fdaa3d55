// The stand-ins the try-it tooling starts: the UniTalk stand-in (test/standin/) as `npm start`'s demo
// account, and the three CRM stand-ins (test/crm/) for `npm start -- --crm`. Each runs in a process of
// its own and prints one line of JSON with its address; the e2e suites start them through here too.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

/** Runs a TypeScript file of the repo in its own process; resolves with its first line of JSON. */
function launch(args, what) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-r', './test/bench/register.js', ...args], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.stdout.once('data', (data) =>
			resolve({ child, ...JSON.parse(String(data).split('\n')[0]) }),
		);
		child.once('exit', (code) => reject(new Error(`${what} exited ${code}`)));
	});
}

/**
 * The UniTalk stand-in on `port` (0: any free one). With `historyFile`, the calls written to its
 * history (POST /__standin/history) are kept there and restored on the next start (`restored`: how many).
 * With `autodialSpeed`, its autodialers dial, that many autodialer minutes per real minute, and it
 * prints what they do (test/standin/dialler.ts); without, numbers added to them stay NEW.
 */
function startStandIn(apiKey = 'e2e-key', port = 0, historyFile, { autodialSpeed } = {}) {
	return launch(
		[
			'test/standin/cli.ts',
			String(port),
			apiKey,
			...(historyFile ? [historyFile] : []),
			...(autodialSpeed ? ['--autodial-speed', String(autodialSpeed)] : []),
		],
		'stand-in',
	);
}

/**
 * The demo account's autodialers run 60 times faster than real time: a callback's repeat 30 minutes
 * later comes 30 s later, so the whole loop (a missed call, two attempts, the outcome) takes a minute
 * or two. Their working hours still follow the real clock: at night a callback waits for the morning.
 */
const DEMO_AUTODIAL_SPEED = 60;

/** The calls the demo account begins with: missed and answered ones that ended minutes ago. */
const RECENT_CALLS = [
	{ state: 'NOANSWER', minutesAgo: 50 },
	{ state: 'ANSWER', minutesAgo: 40 },
	{ state: 'NOANSWER', minutesAgo: 30 },
	{ state: 'ANSWER', minutesAgo: 20, to: ['1001'] },
];

/**
 * `npm start`'s demo account: the stand-in with its history kept in `historyFile`. The four recent
 * calls are written once, when that history is empty (the first start, or after the file was
 * deleted); a later start gives back the same calls (same dbid, same date) instead of four new ones,
 * so a published Call History Trigger does not see "new" missed calls after every restart.
 */
async function startDemoAccount({ apiKey, port = 0, historyFile }) {
	const standIn = await startStandIn(apiKey, port, historyFile, {
		autodialSpeed: DEMO_AUTODIAL_SPEED,
	});
	standIn.callbackAutodialerId = await createCallbackAutodialer(standIn, apiKey);
	const seeded = standIn.restored === 0;
	if (seeded)
		for (const call of RECENT_CALLS) {
			const response = await fetch(`${standIn.url}/__standin/history`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(call),
			});
			if (!response.ok)
				throw new Error(`the stand-in refused a demo call: ${await response.text()}`);
		}
	return { ...standIn, seeded };
}

/**
 * The demo account's callback autodialer, made as UniTalk → Callback → Create or Update Autodialer
 * makes it with its defaults (the "Missed call → SMS → callback" example's set-up step, done for the
 * user): operators of group 300, Monday–Friday 09:00–18:00, 3 attempts 30 minutes apart, clients who
 * called back and were answered skipped. Resolves with its id.
 */
async function createCallbackAutodialer(standIn, apiKey) {
	const today = new Date().toISOString().slice(0, 10);
	const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
	const weekdays = (time) => [time, time, time, time, time, null, null];
	const repeat = { attempts: 2, intervalMinutes: 30 };
	const response = await fetch(`${standIn.apiUrl}/autodial/action`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: apiKey },
		body: JSON.stringify({
			action: 'ADD',
			task: {
				name: 'n8n callbacks',
				autodialerType: 'GUARANTEED_DIAL',
				autodialerMode: 'FREE',
				startDate: today,
				endDate: nextYear,
				timeFrom: weekdays('09:00'),
				timeTo: weekdays('18:00'),
				groupId: 300,
				repeatCallsSettings: {
					earlyStart: true,
					highPriority: true,
					statesSettings: {
						NOANSWER: repeat,
						BUSY: repeat,
						ANSW_OP_NA: repeat,
						ANSWER: { attempts: 1, intervalMinutes: 30, secondsThreshold: 10 },
					},
				},
				clientCalledMode: 'ANSWERED_CALLS',
				crmMode: 'DONT_SEND',
				displayName: true,
				displayNote: true,
				removeAfterFinish: false,
			},
		}),
	});
	const answer = await response.json();
	if (answer.status !== 'Success')
		throw new Error(`the stand-in refused the callback autodialer: ${JSON.stringify(answer)}`);
	return answer.data;
}

/**
 * The three CRM stand-ins (test/crm/cli.ts): `{ child, vtiger, leadSquared, elma365 }`, each with its
 * address (`url`) and what a user types into the example's "CRM settings"; each answers
 * GET <url>/__report with what it received and the records it holds.
 */
function startCrmStandIns() {
	return launch(['test/crm/cli.ts'], 'CRM stand-ins');
}

module.exports = {
	createCallbackAutodialer,
	DEMO_AUTODIAL_SPEED,
	RECENT_CALLS,
	startCrmStandIns,
	startDemoAccount,
	startStandIn,
};
