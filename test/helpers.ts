import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { runUniTalk, type RunOptions } from './harness/run';
import { WebhookHarness, type WebhookWorkflow } from './harness/webhook';
import { StandIn } from './standin/server';

/** A started stand-in per test file, reset between tests, and a runner bound to it. */
export function useStandIn(options: ConstructorParameters<typeof StandIn>[0] = {}) {
	const standIn = new StandIn(options);
	beforeAll(async () => void (await standIn.start()));
	afterAll(async () => await standIn.stop());
	afterEach(() => {
		// Every request any test sent must have the shape the reference shows, whatever the test checks.
		const problems = [...standIn.bodyProblems];
		standIn.reset();
		expect(problems).toEqual([]);
	});
	return standIn;
}

export function credentialsFor(standIn: StandIn, extra: IDataObject = {}): IDataObject {
	return {
		apiKey: standIn.apiKeys[0],
		authScheme: 'plain',
		baseUrl: standIn.apiUrl,
		requestBudget: 25,
		...extra,
	};
}

/** Runs the UniTalk node with `parameters` over `items` against the stand-in. */
export async function run(
	standIn: StandIn,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	extra: Partial<RunOptions> = {},
) {
	return await runUniTalk({ parameters, items, credentials: credentialsFor(standIn), ...extra });
}

/** Seeds an autodialer straight into the stand-in's state. */
export function seedAutodialer(
	standIn: StandIn,
	name = 'Campaign',
	numbers: string[] = [],
): number {
	const id = standIn.state.newId();
	standIn.state.tasks.set(id, {
		id,
		name,
		autodialerType: 'AUTODIAL',
		autodialerMode: 'FIXED',
		status: 'WAITING',
		config: {},
		numbers: new Map(),
		calls: [],
	});
	for (const phone of numbers)
		standIn.state.tasks
			.get(id)!
			.numbers.set(phone, { taskId: id, phone, state: 'NEW', calledCount: 0 });
	return id;
}

export const rl = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });

/** Posts a webhook body as UniTalk does (JSON as given, or raw text); never throws on a status. */
export async function postWebhook(
	url: string,
	body: unknown,
	headers: Record<string, string> = { Authorization: 'test-key' },
) {
	return await axios.post(url, typeof body === 'string' ? body : JSON.stringify(body), {
		headers: { 'Content-Type': 'application/json', ...headers },
		transformRequest: [(data) => data],
		validateStatus: () => true,
	});
}

/** Trigger workflows served over HTTP against the stand-in, each stopped after its test. */
export function useTriggers(standIn: StandIn) {
	const harnesses: WebhookHarness[] = [];
	afterEach(async () => {
		await Promise.all(harnesses.splice(0).map(async (h) => await h.stop()));
	});
	return async function serve(definition: Omit<WebhookWorkflow, 'credentials'>) {
		const harness = await new WebhookHarness({
			...definition,
			credentials: credentialsFor(standIn),
		}).start();
		harnesses.push(harness);
		return harness;
	};
}

/** The item the trigger started execution `n` with. */
export const triggerItem = (h: WebhookHarness, n = 0) =>
	h.executions[n].data.resultData.runData.Trigger[0].data!.main[0]![0];
