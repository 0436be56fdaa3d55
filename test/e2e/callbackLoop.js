// The missed-call loop (#41) in real n8n: the example "missed-call-callback" published as `npm start`
// imports it, against the stand-in whose autodialers dial on their own clock (test/standin/dialler.ts,
// 600 times faster than real time: 30 minutes between attempts take 3 s).
const { kyivNow, post, report, until } = require('./helpers');

const WEBHOOK_ID = '6a0d3c1e-41b2-4c55-9f3e-7d2b8e1c5a41';
/** Autodialer minutes per real minute in the e2e stand-in. */
const AUTODIAL_SPEED = 600;

/** The next Monday (after today) at `hour`:00 in Kyiv, as ISO 8601 with Kyiv's offset that day. */
function nextMondayAt(hour) {
	const day = new Date();
	do day.setUTCDate(day.getUTCDate() + 1);
	while (day.getUTCDay() !== 1);
	const date = day.toISOString().slice(0, 10);
	const offset = new Intl.DateTimeFormat('en-US', {
		timeZone: 'Europe/Kyiv',
		timeZoneName: 'longOffset',
	})
		.formatToParts(new Date(`${date}T12:00:00Z`))
		.find((part) => part.type === 'timeZoneName')
		.value.replace('GMT', '');
	return `${date}T${String(hour).padStart(2, '0')}:00:00${offset || '+00:00'}`;
}

/**
 * One check: four missed calls, each with its own story, from the webhook to the outcome in the CRM.
 * `ctx`: { check, expect, standIn, base, n8n }.
 */
async function callbackLoop({ check, expect, standIn, base, n8n }) {
	await check(
		'example "missed-call-callback": a missed call → 1 SMS and 1 callback (the same webhook again, or the call posted again a little different, adds neither); at night nobody is dialled before 09:00; a client who called back is never dialled (calledBack); answered on the 2nd attempt → reached, attempts 2; never answered → notReached after 3 attempts; each outcome once in the CRM (#41)',
		async () => {
			const startedAt = Date.now();
			try {
				await loop();
			} catch (error) {
				// What the stand-in saw of the loop, for the one who reads a red run.
				const { requests, echoes } = await report(standIn);
				const seen = requests
					.filter((q) => q.at >= startedAt && /^\/(message|autodial|history)/.test(q.path))
					.map(
						(q) => `${q.path} ${q.action ?? ''} ${q.status}${q.body?.to ? ` to ${q.body.to}` : ''}`,
					);
				error.message += `\n${seen.join('\n')}\necho: ${JSON.stringify(echoes.filter((e) => e.outcome))}`;
				throw error;
			}
		},
	);

	async function loop() {
		const hook = `${base}/webhook/${WEBHOOK_ID}/unitalk`;
		const control = (path, body) =>
			fetch(`${standIn.url}/__standin/autodial/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			}).then((r) => r.json());
		const log = async () => (await report(standIn)).autodialLog ?? [];
		const runId = String(Date.now() % 1_000_000).padStart(6, '0');
		const phone = (n) => `38067${runId}${n}`;
		// Each missed call's body is made once: UniTalk's repeated delivery is the same body, byte for byte.
		const bodies = new Map();
		const missedCall = (n) => bodies.get(n) ?? bodies.set(n, newMissedCall(n)).get(n);
		const newMissedCall = (n) => ({
			event: 'CALL_END',
			call: {
				id: `${runId}${n}`,
				dbid: `${runId}${n}`,
				from: phone(n),
				to: '',
				outerNumber: '380442949168',
				direction: 'IN',
				date: kyivNow(),
				secondsFullTime: '19',
				secondsTalk: '0',
				state: 'NOANSWER',
				source: 'REGULAR',
				link: '',
			},
		});
		const [reached, calledBack, notReached, atNight] = [1, 2, 3, 4];
		// Read from the stand-in's record, never through the API: polling it would spend the key's
		// requests (30 in 10 s) that n8n's own steps need.
		const addNumbers = async () =>
			(await report(standIn)).requests.filter(
				(q) => q.path === '/autodial/action' && q.action === 'ADD_NUMBERS' && q.status === 200,
			).length;
		const addedBefore = await addNumbers();

		// Night: Monday 03:00 in Kyiv. Two missed calls are scheduled and wait.
		await control('clock', { at: nextMondayAt(3), running: true, speed: AUTODIAL_SPEED });
		for (const n of [calledBack, atNight]) {
			const answer = await post(hook, missedCall(n), { Authorization: 'e2e-key' });
			expect(answer.status === 200, `UniTalk was answered ${JSON.stringify(answer)}`);
		}
		await until(
			'2 callbacks scheduled at night',
			async () => (await addNumbers()) - addedBefore >= 2,
		);
		// Long enough for a dialler that ignored the hours to dial both (10 ticks, 3 repeats' time).
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const nightDials = (await log()).filter((e) => e.event === 'dial');
		expect(nightDials.length === 0, `dialled at night: ${JSON.stringify(nightDials)}`);

		// The client of "calledBack" calls again and is answered, before any callback.
		await fetch(`${standIn.url}/__standin/history`, {
			method: 'POST',
			body: JSON.stringify({ direction: 'IN', from: phone(calledBack), state: 'ANSWER' }),
		});
		await control('script', {
			phone: phone(reached),
			answers: ['NOANSWER', 'ANSWER'],
			talkSeconds: 60,
		});
		await control('script', {
			phone: phone(notReached),
			answers: ['NOANSWER', 'NOANSWER', 'NOANSWER'],
		});
		const postedAt = Date.now(); // the timeline of one missed call ("reached") starts here
		for (const n of [reached, notReached])
			await post(hook, missedCall(n), { Authorization: 'e2e-key' });
		// The same webhook again (UniTalk delivers twice): starts nothing.
		const repeat = await post(hook, missedCall(reached), { Authorization: 'e2e-key' });
		expect(
			/a repeat/.test(JSON.stringify(repeat)),
			`a repeat was answered ${JSON.stringify(repeat)}`,
		);
		await until('4 callbacks scheduled', async () => (await addNumbers()) - addedBefore >= 4);
		// The same missed call again, not byte for byte (a second system posting it, a re-run): the
		// workflow runs, and its Send Once Per Key and Once Per Missed Call send nothing.
		const again = missedCall(reached);
		const rerun = await post(
			hook,
			{ ...again, call: { ...again.call, secondsFullTime: '20' } },
			{
				Authorization: 'e2e-key',
			},
		);
		expect(!/a repeat/.test(JSON.stringify(rerun)), `not run again: ${JSON.stringify(rerun)}`);
		await new Promise((resolve) => setTimeout(resolve, 3000));

		// Morning: 09:01. The autodialer calls back.
		await control('clock', { at: nextMondayAt(9).replace('T09:00', 'T09:01') });
		const outcomes = async () =>
			(await report(standIn)).echoes.filter((e) =>
				[1, 2, 3, 4].some((n) => e.phone === phone(n) && e.outcome),
			);
		await until('4 outcomes in the CRM', async () => (await outcomes()).length >= 4, 5 * 60_000);
		// One more check of the outcomes trigger: nothing is reported twice.
		await new Promise((resolve) => setTimeout(resolve, 65_000));

		const { requests } = await report(standIn);
		const byPhone = new Map((await outcomes()).map((e) => [e.phone, e]));
		const seen = await outcomes();
		expect(seen.length === 4, `outcomes reported: ${JSON.stringify(seen)}`);
		const is = (n, outcome, attempts) => {
			const e = byPhone.get(phone(n));
			expect(
				e?.outcome === outcome && (attempts === undefined || Number(e.attempts) === attempts),
				`${phone(n)}: expected ${outcome}${attempts ? ` after ${attempts}` : ''}, got ${JSON.stringify(e)}`,
			);
			expect(e.missedCallId === `${runId}${n}`, `missedCallId ${e?.missedCallId}`);
		};
		is(reached, 'reached', 2);
		is(calledBack, 'calledBack');
		is(notReached, 'notReached', 3);
		is(atNight, 'reached', 1);
		const sms = requests.filter((q) => q.path === '/message/send');
		for (const n of [1, 2, 3, 4]) {
			const mine = sms.filter((q) => q.body?.to === phone(n));
			expect(mine.length === 1, `${mine.length} SMS to ${phone(n)}`);
		}
		const added = (await addNumbers()) - addedBefore;
		expect(added === 4, `${added} ADD_NUMBERS requests for 4 missed calls`);
		const dials = (await log()).filter((e) => e.event === 'dial');
		expect(
			!dials.some((e) => e.phone === phone(calledBack)),
			'the client who called back was dialled',
		);
		const nightOne = dials.filter((e) => e.phone === phone(atNight));
		expect(
			nightOne.length === 1 && nightOne.every((e) => String(e.clock).slice(11, 16) >= '09:00'),
			`the night's missed call was dialled at ${nightOne.map((e) => e.clock).join(', ')}`,
		);
		const minutes = Number(byPhone.get(phone(reached))?.minutesToCallback);
		// One missed call's timeline, for the reader: what went to UniTalk and what the autodialer did.
		const at = (ms) => `+${((ms - postedAt) / 1000).toFixed(1)} s`;
		const mine = phone(reached);
		const story = [
			...requests
				.filter(
					(q) =>
						(q.path === '/message/send' && q.body?.to === mine) ||
						(q.action === 'ADD_NUMBERS' &&
							q.body?.numbersWithData?.some((number) => number.phone === mine)),
				)
				.map((q) => [q.at, `${q.path} ${q.action ?? ''}`.trim()]),
			...(await log())
				.filter((e) => e.phone === mine && ['dial', 'end'].includes(e.event))
				.map((e) => [Date.parse(e.at), `autodialer ${e.event}${e.state ? ` ${e.state}` : ''}`]),
		].sort((a, b) => a[0] - b[0]);
		const lastEnd = story.at(-1)?.[0] ?? postedAt;
		const firstRead = requests.find((q) => q.at > lastEnd && q.action === 'GET_CALLS_HISTORY');
		if (firstRead)
			story.push([firstRead.at, 'Callback Outcome reads the autodialer calls → item "reached"']);
		console.log(
			`    one missed call (${mine}): webhook +0 s, ${story.map(([ms, what]) => `${what} ${at(ms)}`).join(', ')}`,
		);
		console.log(
			`    n8n ${n8n.version}: 4 missed calls → 4 SMS, 4 callbacks; outcomes reached (2 attempts), calledBack, notReached (3), reached (1, after 09:00); ${dials.length} dials; minutesToCallback ${minutes}`,
		);
	}
}

module.exports = { AUTODIAL_SPEED, callbackLoop, WEBHOOK_ID };
