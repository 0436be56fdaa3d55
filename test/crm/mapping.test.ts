// A wrong mapping goes red: the e2e's checks (test/e2e/crm.js) read what a CRM stand-in ended with,
// so a value the CRM's document forbids (refused) or one it accepts with another meaning (a status
// it stores as it is) fails them. The right bodies, as the examples send them, pass.
import { LeadSquaredStandIn, leadSquaredPaths } from './leadsquared';
import { VTIGER_CALLBACK_PATH, VtigerStandIn } from './vtiger';
import { LEADS, LEADSQUARED_KEY, OFFICE_PHONES, VTIGER_SECRET } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { leadSquaredProblems, vtigerProblems } = require('../e2e/crm.js') as {
	leadSquaredProblems: (report: unknown, link: string) => string[];
	vtigerProblems: (report: unknown, link: string) => string[];
};

const LINK = 'http://127.0.0.1:1/tracking/rec/1000001/2024-01-01';
const logs = [
	{
		CallSessionId: '2091001',
		Direction: 'Inbound',
		Status: 'Answered',
		SourceNumber: '380505557182',
		DestinationNumber: '2000',
		EndTime: '2024-05-01 10:00:19',
		CallDuration: 19,
		ResourceURL: LINK,
	},
	{
		CallSessionId: '2091002',
		Direction: 'Inbound',
		Status: 'Missed',
		SourceNumber: '380931234567',
		DestinationNumber: '2001',
		EndTime: '2024-05-01 10:00:25',
		CallDuration: 25,
		ResourceURL: '',
	},
	{
		CallSessionId: '2091003',
		Direction: 'Outbound',
		Status: 'Answered',
		SourceNumber: '2001',
		DestinationNumber: '380671112233',
		EndTime: '2024-05-01 10:00:47',
		CallDuration: 47,
		ResourceURL: LINK,
	},
].map((log) => ({
	DisplayNumber: '380442949168',
	StartTime: '2024-05-01 10:00:00',
	CallNotes: '',
	...log,
}));
const popup = {
	SourceNumber: '380505557182',
	DestinationNumber: '2000',
	DisplayNumber: '380442949168',
	Direction: 'Inbound',
	CallSessionId: '2091001',
};

async function leadSquaredAfter(change: (log: (typeof logs)[number]) => object) {
	const ls = await new LeadSquaredStandIn({ connectorKey: LEADSQUARED_KEY, leads: LEADS }).start();
	const paths = leadSquaredPaths(LEADSQUARED_KEY);
	const post = (path: string, body: object) =>
		fetch(ls.url + path, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
	await post(paths.agentPopup, popup);
	for (const log of logs) await post(paths.callLog, change(log));
	const report = ls.report();
	await ls.stop();
	return leadSquaredProblems(report, LINK);
}

test('LeadSquared: the examples\' call logs pass the e2e check; Status "answered" is refused and the check goes red', async () => {
	expect(await leadSquaredAfter((log) => log)).toEqual([]);
	const problems = await leadSquaredAfter((log) => ({
		...log,
		Status: log.Status === 'Answered' ? 'answered' : log.Status,
	}));
	expect(problems.join('\n')).toMatch(
		/LeadSquared refused .*Status must be Answered, Missed or Voicemail, not \\"answered\\"/,
	);
	expect(problems.join('\n')).toMatch(/LeadSquared call logs:/);
});

test('LeadSquared: numbers not swapped by direction are accepted, but the outbound log has no lead: red', async () => {
	const problems = await leadSquaredAfter((log) =>
		log.Direction === 'Outbound'
			? { ...log, SourceNumber: log.DestinationNumber, DestinationNumber: log.SourceNumber }
			: log,
	);
	expect(problems).toHaveLength(1);
	expect(problems[0]).toMatch(/"leadId":null}]\n/);
});

test('Vtiger: UniTalk\'s own NOANSWER as hangup_reason is accepted (any other state) but the call is not "hangup": red', async () => {
	const run = async (missedReason: string) => {
		const vt = await new VtigerStandIn({
			secret: VTIGER_SECRET,
			officePhones: OFFICE_PHONES,
		}).start();
		const send = (params: Record<string, string>) =>
			fetch(vt.url + VTIGER_CALLBACK_PATH, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					'X-VTIGER-SECRET': VTIGER_SECRET,
				},
				body: new URLSearchParams(params).toString(),
			});
		const calls: Array<[string, string, string, string, string, boolean]> = [
			// call id, direction, from, agent, hangup reason, answered
			['2091001', 'inbound', '380505557182', '2000', 'completed', true],
			['2091002', 'inbound', '380931234567', '2001', missedReason, false],
			['2091003', 'outbound', '380671112233', '2001', 'completed', true],
		];
		for (const [id, direction, from, agent, reason, answered] of calls) {
			await send({
				event: 'call_initiated',
				call_id: id,
				from,
				to: direction === 'outbound' ? agent : '',
				direction,
			});
			if (direction === 'inbound')
				await send({ event: 'call_transfer', call_id: id, transferred_number: agent });
			if (answered) await send({ event: 'call_connected', call_id: id, from, to: agent });
			const talk = id === '2091001' ? '9' : id === '2091003' ? '40' : '0';
			await send({
				event: 'call_hangup',
				call_id: id,
				hangup_reason: reason,
				billduration: talk,
				recordingurl: answered ? LINK : '',
			});
			if (answered) await send({ event: 'call_recording', call_id: id, recordingurl: LINK });
		}
		const report = vt.report();
		await vt.stop();
		return vtigerProblems(report, LINK);
	};
	expect(await run('no_answer')).toEqual([]);
	const problems = await run('NOANSWER');
	expect(problems).toHaveLength(1);
	expect(problems[0]).toMatch(/"statuses":\["ringing","NOANSWER"\]/);
});
