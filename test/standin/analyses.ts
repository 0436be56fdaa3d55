// Voice analytics as the reference describes it: "The response to the request will be sent after the
// call has been processed" (minutes), "The maximum number of simultaneous calls in processing is 50",
// and a second request for a call being processed is refused ("Voice analytics is already in
// progress"). The reference has no way to read a finished analysis again: a new request for a call
// whose analysis finished starts (and bills) a new one, which is what the stand-in does.

/** The project's analyses in processing; tests hold them, release them, or give them a duration. */
export class Analyses {
	/** UniTalk's cap on calls in processing at once, for the whole project. */
	maxConcurrent = 50;
	/** How long an analysis takes when not held (real milliseconds; 0: at once). */
	durationMs = 0;
	/** While true, analyses wait for `release()` instead of `durationMs`. */
	hold = false;
	/** Analyses another system runs on the project: they take places of the 50. */
	othersRunning = 0;
	/** Another system's analyses waiting to start: each takes the next place ours leaves free. */
	othersWaiting = 0;
	/** Analyses started (each one is paid), by call ID. */
	readonly started: number[] = [];
	/** Refusals for the concurrency limit and for a call already in processing. */
	refusedBusy = 0;
	refusedInProgress = 0;
	/** The most of ours in processing at once. */
	maxRunning = 0;
	private readonly running = new Set<number>();
	private readonly held: Array<() => void> = [];

	get runningNow(): number {
		return this.running.size;
	}

	/** The refusal for `callId`, or undefined when it starts (call `finish` when it is done). */
	start(callId: number): 'busy' | 'inProgress' | undefined {
		if (this.running.has(callId)) {
			this.refusedInProgress++;
			return 'inProgress';
		}
		if (this.running.size + this.othersRunning >= this.maxConcurrent) {
			this.refusedBusy++;
			return 'busy';
		}
		this.running.add(callId);
		this.started.push(callId);
		this.maxRunning = Math.max(this.maxRunning, this.running.size);
		return undefined;
	}

	/** Waits as long as processing takes (held: until released). */
	async process(): Promise<void> {
		if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
		else if (this.durationMs > 0)
			await new Promise((resolve) => setTimeout(resolve, this.durationMs));
	}

	finish(callId: number): void {
		this.running.delete(callId);
		if (this.othersWaiting > 0) {
			this.othersWaiting--;
			this.othersRunning++;
		}
	}

	/** Lets the `count` oldest held analyses answer (all with Infinity). */
	release(count = Infinity): number {
		const released = this.held.splice(0, count);
		for (const resolve of released) resolve();
		return released.length;
	}

	/** Held analyses waiting to answer. */
	get pending(): number {
		return this.held.length;
	}
}
