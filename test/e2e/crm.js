// The CRM examples end to end (#29): examples/crm-*.json imported into the n8n under test, filled
// with the CRM stand-ins' URLs and secrets (test/crm/), then one whole call lifecycle (new,
// redirected, answered, ended with its recording), a missed call and an outbound call posted to each
// workflow's UniTalk Trigger; each CRM stand-in must end with the records and statuses its document
// promises. Runs inside run.js's n8n start for each line.
const { crmSettings } = require('../../scripts/demo/examples');
const { startCrmStandIns } = require('../../scripts/demo/standin');
const { post, report, until } = require('./helpers');

const CLICK_KEY = 'e2e-click-key';
const HOOKS = {
	vtiger: 'a3d6c1f0-5b2e-4c8a-9e71-0d4f2b6a8c21',
	leadSquared: 'e4b7a2d9-6c3f-4a1b-8d52-1f9e3c7a0b42',
	leadSquaredRoute: 'f5c8b3ea-7d40-4b2c-9e63-2a0f4d8b1c53',
	elma365: 'b7e0d4a1-2f63-4d8e-9c15-4a2b6e8d0f75',
};

/** The three examples as a user fills them: only "CRM settings" (and LeadSquared's ROUTE secret). */
function crmWorkflows(example, crm, routeSecret) {
	const settings = crmSettings(crm, { clickKey: CLICK_KEY, routeSecret });
	return [
		example('crm-vtiger.json', 'e2eCrmVtiger001', settings['crm-vtiger.json']),
		example('crm-leadsquared.json', 'e2eCrmLeadSq001', settings['crm-leadsquared.json']),
		example('crm-elma365.json', 'e2eCrmElma3650', settings['crm-elma365.json']),
	];
}

/**
 * The calls, as UniTalk's Standard JSON tells them: times, state, link and cause are known only at
 * CALL_END (the reference), `to` is empty on an incoming CALL_NEW.
 */
function lifecycles(fixtures, recordingLink) {
	const base = { ...fixtures.standardEnd.call, date: '2024-05-01 10:00:00' };
	const during = { state: null, secondsFullTime: null, secondsTalk: null, link: null, cause: null };
	const event = (name, call) => ({ event: name, call: { ...base, ...call } });
	const answered = { id: 2091001, dbid: 9001, from: '380505557182', direction: 'IN' };
	const missed = { id: 2091002, dbid: 9002, from: '380931234567', direction: 'IN' };
	const outbound = { id: 2091003, dbid: 9003, from: '2001', direction: 'OUT' };
	const ended = {
		state: 'ANSWER',
		secondsFullTime: 19,
		secondsTalk: 9,
		link: recordingLink,
		cause: 16,
	};
	return [
		event('CALL_NEW', { ...answered, ...during, to: [] }),
		event('CALL_REDIRECT', { ...answered, ...during, to: ['2000'] }),
		event('CALL_ANSWER', { ...answered, ...during, to: ['2000'] }),
		event('CALL_END', { ...answered, ...ended, to: ['2000'] }),
		event('CALL_NEW', { ...missed, ...during, to: [] }),
		event('CALL_REDIRECT', { ...missed, ...during, to: ['2000', '2001'] }),
		event('CALL_END', {
			...missed,
			to: ['2000', '2001'],
			state: 'NOANSWER',
			secondsFullTime: 25,
			secondsTalk: 0,
			link: null,
			cause: 19,
		}),
		event('CALL_NEW', { ...outbound, ...during, to: ['380671112233'] }),
		event('CALL_ANSWER', { ...outbound, ...during, to: ['380671112233'] }),
		event('CALL_END', {
			...outbound,
			...ended,
			to: ['380671112233'],
			secondsTalk: 40,
			secondsFullTime: 47,
		}),
	];
}

/** How many requests each CRM's workflow sends for one UniTalk event. */
function requestsFor({ event, call }) {
	const inbound = call.direction === 'IN';
	return {
		vtiger: event === 'CALL_END' && call.link ? 2 : 1, // the hangup, then the recording
		leadSquared: event === 'CALL_END' || (event === 'CALL_ANSWER' && inbound) ? 1 : 0,
		elma365: 1,
	};
}

const reportOf = async (url) => (await fetch(`${url}/__report`)).json();
const same = (actual, expected) => JSON.stringify(actual) === JSON.stringify(expected);
const pick = (object, keys) => Object.fromEntries(keys.map((k) => [k, object?.[k]]));

/**
 * What each CRM stand-in must end with after lifecycles(): [] when it holds what its document
 * promises, else what differs (a refused request, a missing record, a wrong status). Also used by
 * test/crm/mapping.test.ts to show that a wrong mapping makes them red.
 */
function refusals(name, r) {
	return r.exchanges
		.filter((e) => e.status >= 400)
		.map(
			(e) => `${name} refused ${JSON.stringify(e.body).slice(0, 200)}: ${JSON.stringify(e.answer)}`,
		);
}
function differs(name, actual, expected) {
	return same(actual, expected)
		? []
		: [
				`${name}:\n      got      ${JSON.stringify(actual)}\n      expected ${JSON.stringify(expected)}`,
			];
}

function vtigerProblems(r, recordingLink) {
	const calls = r.state.calls.map((c) =>
		pick(c, [
			'callId',
			'direction',
			'user',
			'statuses',
			'transfers',
			'hangupReason',
			'billDuration',
			'recordingUrl',
		]),
	);
	return [
		...refusals('Vtiger', r),
		...differs('Vtiger calls', calls, [
			{
				callId: '2091001',
				direction: 'inbound',
				user: 'anna',
				statuses: ['ringing', 'in-progress', 'completed'],
				transfers: ['2000'],
				hangupReason: 'completed',
				billDuration: 9,
				recordingUrl: recordingLink,
			},
			{
				callId: '2091002',
				direction: 'inbound',
				user: null,
				statuses: ['ringing', 'hangup'],
				transfers: ['2001'],
				hangupReason: 'no_answer',
				billDuration: 0,
				recordingUrl: null,
			},
			{
				callId: '2091003',
				direction: 'outbound',
				user: 'bohdan',
				statuses: ['ringing', 'in-progress', 'completed'],
				transfers: [],
				hangupReason: 'completed',
				billDuration: 40,
				recordingUrl: recordingLink,
			},
		]),
	];
}

function leadSquaredProblems(r, recordingLink) {
	const logs = r.state.callLogs.map((l) =>
		pick(l, [
			'callSessionId',
			'direction',
			'status',
			'sourceNumber',
			'destinationNumber',
			'displayNumber',
			'startTime',
			'endTime',
			'callDuration',
			'resourceUrl',
			'leadId',
		]),
	);
	return [
		...refusals('LeadSquared', r),
		...differs('LeadSquared call logs', logs, [
			{
				callSessionId: '2091001',
				direction: 'Inbound',
				status: 'Answered',
				sourceNumber: '380505557182',
				destinationNumber: '2000',
				displayNumber: '380442949168',
				startTime: '2024-05-01 10:00:00',
				endTime: '2024-05-01 10:00:19',
				callDuration: 19,
				resourceUrl: recordingLink,
				leadId: 'lead-7',
			},
			{
				callSessionId: '2091002',
				direction: 'Inbound',
				status: 'Missed',
				sourceNumber: '380931234567',
				destinationNumber: '2001',
				displayNumber: '380442949168',
				startTime: '2024-05-01 10:00:00',
				endTime: '2024-05-01 10:00:25',
				callDuration: 25,
				resourceUrl: null,
				leadId: null,
			},
			{
				callSessionId: '2091003',
				direction: 'Outbound',
				status: 'Answered',
				sourceNumber: '2001',
				destinationNumber: '380671112233',
				displayNumber: '380442949168',
				startTime: '2024-05-01 10:00:00',
				endTime: '2024-05-01 10:00:47',
				callDuration: 47,
				resourceUrl: recordingLink,
				leadId: 'lead-9',
			},
		]),
		...differs('LeadSquared agent popups', r.state.popups, [
			{ agentNumber: '2000', leadId: 'lead-7', callSessionId: '2091001' },
		]),
	];
}

function elma365Problems(r) {
	return [
		...refusals('ELMA365', r),
		...differs('ELMA365 calls', r.state.calls, [
			{
				key: '2091001',
				direction: 'In',
				srcPhone: '380505557182',
				dstPhone: '380442949168',
				extensions: ['2000'],
				events: ['NotifyStart', 'NotifyStart', 'NotifyAnswer', 'NotifyEnd'],
				disposition: 'Answered',
			},
			{
				key: '2091002',
				direction: 'In',
				srcPhone: '380931234567',
				dstPhone: '380442949168',
				extensions: ['2001'],
				events: ['NotifyStart', 'NotifyStart', 'NotifyEnd'],
				disposition: 'NoAnswer',
			},
			{
				key: '2091003',
				direction: 'Out',
				srcPhone: '380442949168',
				dstPhone: '380671112233',
				extensions: ['2001'],
				events: ['NotifyStart', 'NotifyAnswer', 'NotifyEnd'],
				disposition: 'Answered',
			},
		]),
	];
}

/** LeadSquared's example with one value mapped wrong ("answered"): its stand-in must refuse it. */
function mutatedLeadSquared(example, crm, routeSecret) {
	const [, leadSquared] = crmWorkflows(example, crm, routeSecret);
	let text = JSON.stringify({
		...leadSquared,
		id: 'e2eCrmLsWrong01',
		name: 'e2e: wrong LeadSquared mapping',
	});
	for (const id of [
		HOOKS.leadSquared,
		HOOKS.leadSquaredRoute,
		'0a6d9c4f-8e51-4c3d-af74-3b1a5e9c2d64',
	])
		text = text.replaceAll(id, `wrong-${id}`);
	text = text
		.replaceAll('leadsquared-click-to-call', 'wrong-leadsquared-click-to-call')
		.replace("$json.answered ? 'Answered' : 'Missed'", "$json.answered ? 'answered' : 'Missed'");
	return JSON.parse(text);
}

/**
 * The checks, on the n8n at `base` with the three examples published. Each event is posted to the
 * three workflows' triggers, and the next waits until every CRM received what that one causes (as
 * in a real call, where seconds pass between events): the order a CRM sees is the call's own.
 */
async function crmChecks({
	check,
	expect,
	base,
	crm,
	standIn,
	routeSecret,
	recordingLink,
	fixtures,
}) {
	const hook = (id) => `${base}/webhook/${id}/unitalk`;
	const crmUrls = {
		vtiger: crm.vtiger.url,
		leadSquared: crm.leadSquared.url,
		elma365: crm.elma365.url,
	};
	const counts = async () => {
		const out = {};
		for (const [name, url] of Object.entries(crmUrls))
			out[name] = (await reportOf(url)).exchanges.length;
		return out;
	};

	await check(
		'examples "crm-vtiger", "crm-leadsquared", "crm-elma365": an answered, a missed and an outbound call reach each CRM stand-in as its document says',
		async () => {
			const expected = await counts();
			for (const body of lifecycles(fixtures, recordingLink)) {
				for (const id of [HOOKS.vtiger, HOOKS.leadSquared, HOOKS.elma365]) {
					const answer = await post(hook(id), body, { Authorization: 'e2e-key' });
					expect(answer.status === 200, `${body.event} → ${id}: ${JSON.stringify(answer)}`);
				}
				for (const [name, n] of Object.entries(requestsFor(body))) expected[name] += n;
				await until(`the CRMs to receive ${body.event} of call ${body.call.id}`, async () =>
					same(await counts(), expected),
				);
			}
			const [vtiger, leadSquared, elma365] = await Promise.all(
				Object.values(crmUrls).map(reportOf),
			);
			const problems = [
				...vtigerProblems(vtiger, recordingLink),
				...leadSquaredProblems(leadSquared, recordingLink),
				...elma365Problems(elma365),
			];
			// The UniTalk key stays with UniTalk: no header or body sent to a CRM carries it.
			for (const [name, r] of Object.entries({ vtiger, leadSquared, elma365 }))
				if (JSON.stringify(r.exchanges).includes('e2e-key'))
					problems.push(`${name} received the UniTalk key`);
			expect(problems.length === 0, problems.join('\n    '));
			console.log(
				`    Vtiger: ${vtiger.state.calls.map((c) => `${c.callId} ${c.statuses.join(' → ')}`).join('; ')}`,
			);
			console.log(
				`    LeadSquared: ${leadSquared.state.callLogs.map((l) => `${l.callSessionId} ${l.direction} ${l.status}`).join('; ')}; agent popups: ${leadSquared.state.popups.length}`,
			);
			console.log(
				`    ELMA365: ${elma365.state.calls.map((c) => `${c.key} ${c.events.join(' → ')} (${c.disposition})`).join('; ')}`,
			);
		},
	);

	await check(
		'a wrong mapping goes red: LeadSquared\'s example with Status "answered" is refused by the stand-in, and the check above would fail',
		async () => {
			const before = (await reportOf(crm.leadSquared.url)).exchanges.length;
			const ended = lifecycles(fixtures, recordingLink)[3];
			const body = { ...ended, call: { ...ended.call, id: 2091009 } };
			const answer = await post(hook(`wrong-${HOOKS.leadSquared}`), body, {
				Authorization: 'e2e-key',
			});
			expect(answer.status === 200, `UniTalk was answered ${JSON.stringify(answer)}`);
			await until(
				'the wrong call log',
				async () => (await reportOf(crm.leadSquared.url)).exchanges.length > before,
			);
			const r = await reportOf(crm.leadSquared.url);
			const [wrong] = r.exchanges.slice(before);
			expect(
				wrong.status === 400 &&
					/Status must be Answered, Missed or Voicemail, not "answered"/.test(
						wrong.answer.ExceptionMessage,
					),
				`the stand-in answered ${JSON.stringify(wrong)}`,
			);
			const problems = leadSquaredProblems(r, recordingLink);
			expect(
				problems.some((p) => /refused/.test(p)),
				`the check stayed green: ${JSON.stringify(problems)}`,
			);
		},
	);

	const c2c = async () =>
		(await report(standIn)).requests.filter((q) => q.path === '/calls/originateC2c');
	await check(
		'example "crm-vtiger": Vtiger\'s Outgoing Call (FORM) places one UniTalk Click-to-Call; a wrong secret places none',
		async () => {
			const before = (await c2c()).length;
			const click = async (secret) =>
				(
					await post(`${crm.vtiger.url}/__click`, {
						url: `${base}/webhook/vtiger-click-to-call`,
						params: { from: '2000', to: '+380 50 555 71 82', secret },
					})
				).body;
			const placed = await click(CLICK_KEY);
			expect(
				placed.status === 200 && placed.answer === '{"success":true}',
				`click: ${JSON.stringify(placed)}`,
			);
			const refused = await click('guessed');
			expect(refused.status === 403, `wrong secret: ${JSON.stringify(refused)}`);
			const calls = (await c2c()).slice(before);
			expect(
				calls.length === 1 &&
					same(calls[0].body, {
						clientNumber: '380505557182',
						steps: [{ type: 'SIP', to: '2000', awaitingTime: 30 }],
					}),
				`UniTalk calls placed: ${JSON.stringify(calls)}`,
			);
		},
	);

	await check(
		'example "crm-leadsquared": ROUTE answered with the lead owner from the Call Route API; Click 2 Call places one UniTalk call',
		async () => {
			const routeHook = `${hook(HOOKS.leadSquaredRoute)}?key=${routeSecret}`;
			const known = await post(routeHook, {
				event: 'ROUTE',
				call: { from: '380505557182', outerNumber: '380442949168' },
			});
			expect(
				known.status === 200 &&
					known.body.operatorNumber === '2048' &&
					known.body.callerName === 'Ivan Petrenko',
				`known lead: ${JSON.stringify(known)}`,
			);
			const unknown = await post(routeHook, { event: 'ROUTE', call: { from: '380500000000' } });
			expect(
				unknown.status === 200 && unknown.body.operatorNumber === null,
				`no lead: ${JSON.stringify(unknown)}`,
			);

			const before = (await c2c()).length;
			const click = async (key) =>
				(
					await post(`${crm.leadSquared.url}/__click`, {
						url: `${base}/webhook/leadsquared-click-to-call?agent=@agentNumber&lead=@PhoneNumberWithCountryCode&key=${key}`,
						values: { agentNumber: '2048', PhoneNumberWithCountryCode: '+380505557182' },
					})
				).body;
			const placed = await click(CLICK_KEY);
			expect(placed.ok === true && placed.answer === 'Success', `click: ${JSON.stringify(placed)}`);
			const refused = await click('guessed');
			expect(
				refused.ok === false && refused.status === 403,
				`wrong key: ${JSON.stringify(refused)}`,
			);
			const calls = (await c2c()).slice(before);
			expect(
				calls.length === 1 &&
					same(calls[0].body, {
						clientNumber: '380505557182',
						steps: [{ type: 'SIP', to: '2048', awaitingTime: 30 }],
					}),
				`UniTalk calls placed: ${JSON.stringify(calls)}`,
			);
		},
	);
}

module.exports = {
	crmChecks,
	crmWorkflows,
	elma365Problems,
	leadSquaredProblems,
	lifecycles,
	mutatedLeadSquared,
	startCrmStandIns,
	vtigerProblems,
};
