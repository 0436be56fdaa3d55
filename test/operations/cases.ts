// The operation cases of one resource, run through n8n-core's WorkflowExecute against the stand-in:
// the request UniTalk receives (path, body) and the items n8n gets. Each resource's file in this
// folder holds its cases and seeds only what they need.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/UniTalk/resources';
import { credentialsFor, run, seedAutodialer, useStandIn } from '../helpers';
import type { StandIn } from '../standin/server';

export interface Case {
	/** Starts with the resource and operation values: 'user getAll …' or 'user getAll: …'. */
	name: string;
	params: (ctx: Ctx) => IDataObject;
	items?: IDataObject[];
	request?: { path: string; body?: IDataObject; query?: IDataObject; contentType?: RegExp };
	check: (items: INodeExecutionData[], ctx: Ctx) => void;
}

export interface Ctx {
	standIn: StandIn;
	autodialerId: number;
	apiAudio: number;
	distributionId: number;
}

/**
 * One describe per resource: a case for each of its operations (checked against the declarations),
 * each with its own key (no case waits on another's pacing) and the account the stand-in starts
 * with plus `seed`. `more` adds tests of the same stand-in.
 */
export function runCases(
	resource: string,
	cases: Case[],
	seed: (standIn: StandIn) => Partial<Ctx> = () => ({}),
	more?: (standIn: StandIn) => void,
): void {
	// Short keys: answers are scrubbed of any 8-character piece of the key, so a key such as
	// "autodial-key-2" would blank "autodial" out of the stand-in's own answers.
	const keys = cases.map((_, i) => `zq${i}x`);
	describe(`${resource}: every operation, through n8n against the stand-in`, () => {
		const standIn = useStandIn({ apiKeys: [...keys, 'test-key'] });

		it(`has a case for every ${resource} operation`, () => {
			const declared = RESOURCES.find((r) => r.value === resource)!.operations.map(
				(o) => `${resource} ${o.value}`,
			);
			const covered = new Set(cases.map((c) => /^\S+ [A-Za-z]+/.exec(c.name)?.[0]));
			expect(declared.filter((d) => !covered.has(d))).toEqual([]);
		});

		it.each(cases.map((c, i) => [c.name, c, keys[i]] as const))(
			'%s',
			async (_name, testCase, key) => {
				const ctx: Ctx = {
					standIn,
					autodialerId: 0,
					apiAudio: 0,
					distributionId: 0,
					...seed(standIn),
				};
				const items = (testCase.items ?? [{}]).map((item) => {
					if (item.link === 'PLACEHOLDER')
						return { link: standIn.state.history[standIn.state.history.length - 2].link };
					if (!item.__binary) return item;
					return {
						json: {},
						binary: {
							data: {
								data: Buffer.alloc(2048, 7).toString('base64'),
								mimeType: 'audio/mpeg',
								fileName: 'greeting.mp3',
							},
						},
					};
				});
				const result = await run(standIn, testCase.params(ctx), items as IDataObject[], {
					credentials: credentialsFor(standIn, { apiKey: key }),
				});
				expect(result.error).toBeUndefined();
				if (testCase.request) {
					const sent = standIn.requests.filter((r) => r.path === testCase.request!.path);
					expect(sent.length).toBeGreaterThan(0);
					const last = sent[sent.length - 1];
					if (testCase.request.body) expect(last.body).toMatchObject(testCase.request.body);
					if (testCase.request.query) expect(last.query).toMatchObject(testCase.request.query);
					if (testCase.request.contentType)
						expect(last.contentType).toMatch(testCase.request.contentType);
				}
				expect(result.items.length).toBeGreaterThan(0);
				// Every output item is paired with an input item, and every input item has output.
				const paired = result.items.map((item) => (item.pairedItem as { item: number }).item);
				expect(new Set(paired)).toEqual(new Set(items.map((_, i) => i)));
				testCase.check(result.items, ctx);
			},
		);

		more?.(standIn);
	});
}

/** An autodialer with a schedule, a number that was not answered and three calls. */
export function seedCampaign(standIn: StandIn): number {
	const autodialerId = seedAutodialer(standIn, 'Campaign', ['380971234567']);
	const task = standIn.state.tasks.get(autodialerId)!;
	task.numbers.get('380971234567').state = 'NOANSWER';
	task.config = {
		startDate: '2030-01-01',
		endDate: '2030-02-01',
		timeFrom: ['09:00', '09:00', '09:00', '09:00', '09:00', null, null],
		timeTo: ['19:00', '19:00', '19:00', '19:00', '19:00', null, null],
		crmMode: 'DONT_SEND',
		clientCalledMode: 'NEVER',
		threadCount: 1,
		scenarioId: 70,
	};
	task.calls = [1, 2, 3].map((i) => ({
		id: i,
		phone: `38097000000${i}`,
		state: 'ANSWER',
		callEndTime: `2023-10-24 1${i}:00:00`,
		operatorNumber: '1000',
	}));
	return autodialerId;
}

/** An audio file of the API section, "Reminder". */
export const seedApiAudio = (standIn: StandIn): number => standIn.state.addAudio('Reminder', 'API');
