/**
 * `npm run bench:route`: how fast a caller is routed. Posts ROUTE requests to the UniTalk Trigger
 * (served through n8n-core's WebhookContext and WorkflowExecute) and prints p50 / p99 of the answer
 * time, for "From the Workflow" (Trigger → Answer Route) and for "Fixed Answer at Once".
 */
import '../setup';

import axios from 'axios';

import { WebhookHarness } from '../harness/webhook';

const REQUESTS = Number(process.argv[2] ?? 300);

async function measure(label: string, harness: WebhookHarness): Promise<void> {
	const body = JSON.stringify({
		event: 'ROUTE',
		call: { from: '380505557182', outerNumber: '380442949168' },
	});
	const times: number[] = [];
	for (let i = 0; i < REQUESTS + 20; i++) {
		const started = process.hrtime.bigint();
		const response = await axios.post(`${harness.url}?key=k`, body, {
			headers: { 'Content-Type': 'application/json' },
		});
		if (i >= 20) times.push(Number(process.hrtime.bigint() - started) / 1e6); // first 20 warm up
		if (!response.data.operatorNumber)
			throw new Error(`Bad answer: ${JSON.stringify(response.data)}`);
	}
	await harness.settled();
	times.sort((a, b) => a - b);
	const at = (q: number) =>
		times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
	console.log(`| ${label} | ${REQUESTS} | ${at(0.5)} ms | ${at(0.99)} ms |`);
}

async function main() {
	console.log('| ROUTE answer | Requests | p50 | p99 |');
	console.log('|---|---:|---:|---:|');
	const answer = {
		name: 'Answer',
		type: 'n8n-nodes-unitalk.uniTalk',
		parameters: {
			resource: 'callRouting',
			operation: 'answerRoute',
			operatorNumber: '={{ $json.customerNumber.endsWith("82") ? "2048" : "" }}',
			fallbackOperatorNumber: '1000',
			callerName: '',
			ivrId: 0,
		},
	};
	const fromWorkflow = await new WebhookHarness({
		trigger: { mode: 'route', answer: 'workflow', routeVerification: 'query', secret: 'k' },
		then: [answer],
	}).start();
	await measure('From the workflow (Trigger → Answer Route)', fromWorkflow);
	await fromWorkflow.stop();
	const fixed = await new WebhookHarness({
		trigger: {
			mode: 'route',
			answer: 'fixed',
			operatorNumber: '1000',
			routeVerification: 'query',
			secret: 'k',
		},
		then: [answer],
	}).start();
	await measure('Fixed answer at once', fixed);
	await fixed.stop();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
