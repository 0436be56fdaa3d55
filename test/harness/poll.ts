// Runs the UniTalk Call History Trigger's poll through n8n-core's PollContext, as n8n's active
// workflows do on each interval. The workflow's static data is kept as JSON between polls, the way
// n8n saves it to its database and loads it again (so a new harness from the same JSON is an n8n
// restart); it is saved after every poll, failed ones too — the harshest of what n8n may do.
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { UniTalkCallHistoryTrigger } from '../../nodes/UniTalk/UniTalkCallHistoryTrigger.node';
import { additionalDataFor } from './credentials';
import { TestNodeTypes } from './nodeTypes';

/** How n8n runs a poll (test/e2e covers the real ones; docs/call-history-trigger.md, "n8n 2.x's durable scheduler"). */
export interface PollRunner {
	/**
	 * n8n 2.x's durable scheduler: the poll gets `getPollBudgetMs()` and is abandoned (its items
	 * dropped, its state not saved) when it runs longer than `timeoutMs`.
	 */
	durable?: { budgetMs: number; timeoutMs: number };
	/**
	 * n8n 1.x (and 2.x's in-memory engine): one Workflow object lives between polls, so what a
	 * poll changes is seen by the next one; it is saved to the database only when a poll emits.
	 */
	inMemory?: boolean;
}

let harnesses = 0;

export class PollHarness {
	/** The workflow's static data as n8n stores it. */
	savedState = '{}';
	/**
	 * n8n 2.x's durable scheduler: the state is saved only when a poll emits items (docs/call-history-trigger.md, "n8n
	 * 2.x's durable scheduler"); otherwise after every poll, failed ones too.
	 */
	savesOnlyWhenEmitting = false;
	/** Each poll's duration on the (possibly simulated) clock, and whether n8n abandoned it. */
	readonly runs: Array<{ ms: number; abandoned: boolean; emitted: number }> = [];
	/** Each harness is its own workflow; a restart is a new harness with the same saved state. */
	readonly workflowId = `poll-workflow-${++harnesses}`;
	private workflow?: Workflow;

	constructor(
		private readonly parameters: IDataObject,
		private readonly credentials: IDataObject,
		private readonly runner: PollRunner = {},
		/** The trigger's typeVersion, as a saved workflow has it; default: the one n8n adds today. */
		private readonly typeVersion = new UniTalkCallHistoryTrigger().description.defaultVersion ?? 1,
	) {
		if (runner.durable || runner.inMemory) this.savesOnlyWhenEmitting = true;
	}

	/** One poll: its items (null when nothing is new), or the error it failed with. */
	async poll(
		mode: 'trigger' | 'manual' = 'trigger',
	): Promise<{ items: INodeExecutionData[] | null; error?: Error }> {
		const node: INode = {
			id: 'poll-1',
			name: 'UniTalk Call History Trigger',
			type: 'n8n-nodes-unitalk.uniTalkCallHistoryTrigger',
			typeVersion: this.typeVersion,
			position: [0, 0],
			parameters: this.parameters as INode['parameters'],
			credentials: { uniTalkApi: { id: '1', name: 'UniTalk account' } },
		};
		const workflow =
			(this.runner.inMemory && this.workflow) ||
			new Workflow({
				id: this.workflowId,
				nodes: [node],
				connections: {},
				active: true,
				nodeTypes: new TestNodeTypes(),
				staticData: JSON.parse(this.savedState) as IDataObject,
				settings: { timezone: 'Europe/Kyiv' },
			});
		if (this.runner.inMemory) this.workflow = workflow;
		const additionalData = additionalDataFor(this.credentials);
		const ctx = new PollContext(workflow, node, additionalData, mode, 'activate');
		const { durable } = this.runner;
		// n8n-core 1.x has no budget; 2.x's durable scheduler passes one (test/n8n2 runs 2.x's core).
		if (durable) Object.assign(ctx, { getPollBudgetMs: () => durable.budgetMs });
		let emitted = false;
		const startedAt = Date.now();
		let abandoned = false;
		try {
			const result = await new UniTalkCallHistoryTrigger().poll.call(ctx);
			abandoned = !!durable && Date.now() - startedAt > durable.timeoutMs;
			emitted = !abandoned && !!result?.[0]?.length;
			this.runs.push({
				ms: Date.now() - startedAt,
				abandoned,
				emitted: emitted ? result![0].length : 0,
			});
			return { items: abandoned ? null : (result?.[0] ?? null) };
		} catch (error) {
			this.runs.push({ ms: Date.now() - startedAt, abandoned: false, emitted: 0 });
			return { items: null, error: error as Error };
		} finally {
			if (!abandoned && (emitted || !this.savesOnlyWhenEmitting))
				this.savedState = JSON.stringify(workflow.staticData);
		}
	}
}

/**
 * Simulated wall-clock time for hours of polls in seconds: fakes `Date` only, which is where the
 * trigger, the limiter and the stand-in read "now". Timers stay real; between jumps the faked clock
 * runs `speed` times faster than real time, so the limiter's spacing between pages (real sleeps of
 * what it computes from `Date`) passes quickly while the stand-in still sees the paced requests.
 * Time only moves forward (the per-key limiter lives across a file's tests and would wait out a
 * jump back).
 */
export class SimulatedClock {
	private readonly ticker: ReturnType<typeof setInterval>;

	constructor(startMs: number, speed = 20) {
		jest.useFakeTimers({
			now: startMs,
			advanceTimers: false,
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		});
		const stepMs = 5;
		this.ticker = setInterval(() => jest.setSystemTime(Date.now() + stepMs * speed), stepMs);
		this.ticker.unref();
	}

	/** Jumps to `ms` (never back). */
	set(ms: number): void {
		jest.setSystemTime(Math.max(ms, Date.now()));
	}

	now(): number {
		return Date.now();
	}

	uninstall(): void {
		clearInterval(this.ticker);
		jest.useRealTimers();
	}
}
