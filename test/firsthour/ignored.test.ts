// #40 1: a step connected to the UniTalk Trigger's Ignored output never takes its placeholder for a
// call: every UniTalk action refuses it, names it and says how to reconnect; nothing is sent.
import axios from 'axios';

import { WebhookHarness, type WebhookWorkflow } from '../harness/webhook';
import { credentialsFor, rl, run, seedAutodialer, useStandIn } from '../helpers';
import { standard } from '../trigger/fixtures/bodies';

const PLACEHOLDER_MESSAGE =
	'Item 0 is not a call: it is the UniTalk Trigger\'s "Ignored" placeholder for a test CALL_END event (not a missed call)';
const RECONNECT = `Connect this step to the trigger's upper output, "Call", instead`;

/** The placeholder as the trigger shows it (and as a pinned copy of it reads). */
const PLACEHOLDER = {
	event: 'CALL_END',
	ignored: 'Ignored: CALL_END is not selected',
	note: 'Shown only for test events: at the Production URL this event starts nothing.',
};

describe('first hour: the Ignored placeholder is never taken for a call (#40 1)', () => {
	const standIn = useStandIn();
	const SEND_SMS = {
		name: 'SMS',
		type: 'n8n-nodes-unitalk.uniTalk',
		parameters: { resource: 'message', operation: 'send', messageType: 'SMS', text: 'Sorry' },
	};
	const missedOnly = { mode: 'events', verification: 'apiKey', filters: { answered: 'missed' } };

	async function testUrl(definition: Omit<WebhookWorkflow, 'credentials' | 'mode'>) {
		const h = await new WebhookHarness({
			...definition,
			mode: 'manual',
			credentials: credentialsFor(standIn),
		}).start();
		try {
			await axios.post(h.url, standard('CALL_END'), {
				headers: { Authorization: 'test-key' },
				validateStatus: () => true,
			});
			await h.settled();
		} finally {
			await h.stop();
		}
		return h.executions[0];
	}

	it('Send SMS on the Ignored output fails naming the placeholder, its event and reason, and how to reconnect', async () => {
		const execution = await testUrl({ trigger: missedOnly, then: [SEND_SMS], fromOutput: 1 });
		const error = execution.data.resultData.error as Error & { description?: string };
		expect(error.message).toBe(PLACEHOLDER_MESSAGE);
		expect(error.description).toContain(
			'only at its Test URL and on its lower output "Ignored", which this step is fed from',
		);
		expect(error.description).toContain(RECONNECT);
		expect(error.description).toMatch(/Nothing was sent to UniTalk\.$/);
		expect(error.message).not.toMatch(/"To" is empty/);
		expect(standIn.calls('/message/send')).toHaveLength(0);
	});

	it('with Continue On Fail the step outputs the explanation as an error item and sends nothing', async () => {
		const execution = await testUrl({
			trigger: missedOnly,
			then: [{ ...SEND_SMS, onError: 'continueRegularOutput' }],
			fromOutput: 1,
		});
		expect(execution.data.resultData.error).toBeUndefined();
		const [item] = execution.data.resultData.runData.SMS[0].data!.main[0]!;
		expect(item.json.error).toBe(PLACEHOLDER_MESSAGE);
		expect(item.json.description).toContain(RECONNECT);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(standIn.calls('/message/send')).toHaveLength(0);
	});

	it('the same step on the Call output still sends for a missed call (the placeholder check leaves calls alone)', async () => {
		const h = await new WebhookHarness({
			trigger: missedOnly,
			then: [SEND_SMS],
			mode: 'manual',
			credentials: credentialsFor(standIn),
		}).start();
		try {
			await axios.post(h.url, standard('CALL_END', { state: 'NOANSWER', secondsTalk: 0 }), {
				headers: { Authorization: 'test-key' },
			});
			await h.settled();
		} finally {
			await h.stop();
		}
		expect(h.executions[0].data.resultData.error).toBeUndefined();
		expect(standIn.calls('/message/send')).toHaveLength(1);
	});

	it('an action that needs no field of the item (a read) refuses it too, instead of running as if for a call', async () => {
		const { error } = await run(standIn, { resource: 'user', operation: 'getAll' }, [PLACEHOLDER]);
		expect(error?.message).toBe(
			'Item 0 is not a call: it is the UniTalk Trigger\'s "Ignored" placeholder for a test CALL_END event (CALL_END is not selected)',
		);
		expect(standIn.calls('/users/list')).toHaveLength(0);
	});

	it('a batched action refuses it with the same words, before grouping anything', async () => {
		const id = seedAutodialer(standIn);
		const { error } = await run(
			standIn,
			{ resource: 'autodial', operation: 'addNumbers', autodialerId: rl(id) },
			[PLACEHOLDER],
		);
		expect(error?.message).toMatch(/^Item 0 is not a call: it is the UniTalk Trigger's "Ignored"/);
		expect(standIn.calls('/autodial/action')).toHaveLength(0);
	});

	it('under Continue On Fail only the placeholder fails; a real item beside it goes on', async () => {
		const { items, error } = await run(
			standIn,
			{ resource: 'message', operation: 'send', messageType: 'SMS', text: 'Hi' },
			[{ customerNumber: '380505557182' }, PLACEHOLDER],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error ?? undefined).toBeUndefined(); // UniTalk's own answer carries "error": null
		expect(items[1].json.error).toMatch(/^Item 1 is not a call: it is the UniTalk Trigger's/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(standIn.calls('/message/send').map((r) => r.body)).toEqual([
			{ messageType: 'SMS', to: '380505557182', text: 'Hi' },
		]);
	});

	it('an item that only looks similar (its own "ignored" field) is a normal item', async () => {
		const { error } = await run(
			standIn,
			{ resource: 'message', operation: 'send', messageType: 'SMS', text: 'Hi' },
			[{ customerNumber: '380505557182', ignored: 'Ignored: by the CRM' }],
		);
		expect(error).toBeUndefined();
		expect(standIn.calls('/message/send')).toHaveLength(1);
	});
});
