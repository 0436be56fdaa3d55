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

export class PollHarness {
	/** The workflow's static data as n8n stores it. */
	savedState = '{}';
	/**
	 * n8n 2.x's durable scheduler: the state is saved only when a poll emits items (README, "n8n
	 * 2.x's durable scheduler"); otherwise after every poll, failed ones too.
	 */
	savesOnlyWhenEmitting = false;

	constructor(
		private readonly parameters: IDataObject,
		private readonly credentials: IDataObject,
	) {}

	/** One poll: its items (null when nothing is new), or the error it failed with. */
	async poll(
		mode: 'trigger' | 'manual' = 'trigger',
	): Promise<{ items: INodeExecutionData[] | null; error?: Error }> {
		const node: INode = {
			id: 'poll-1',
			name: 'UniTalk Call History Trigger',
			type: 'n8n-nodes-unitalk.uniTalkCallHistoryTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters as INode['parameters'],
			credentials: { uniTalkApi: { id: '1', name: 'UniTalk account' } },
		};
		const workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes(),
			staticData: JSON.parse(this.savedState) as IDataObject,
			settings: { timezone: 'Europe/Kyiv' },
		});
		const additionalData = additionalDataFor(this.credentials);
		const ctx = new PollContext(workflow, node, additionalData, mode, 'activate');
		let emitted = false;
		try {
			const result = await new UniTalkCallHistoryTrigger().poll.call(ctx);
			emitted = !!result?.[0]?.length;
			return { items: result?.[0] ?? null };
		} catch (error) {
			return { items: null, error: error as Error };
		} finally {
			if (emitted || !this.savesOnlyWhenEmitting)
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
