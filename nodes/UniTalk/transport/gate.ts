// A lane's door: at most `size` holders at once, the others wait in arrival order (FIFO). A lane's
// long holds (a download's body) wait here, before the key's shared pacing queue, so they never
// hold up a request of another lane.

export class Gate {
	private held = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly size: number) {}

	/** Holders now. */
	get inside(): number {
		return this.held;
	}

	/** Waits for a place (or rejects when `signal` aborts first); returns the function that leaves. */
	async enter(signal?: AbortSignal): Promise<() => void> {
		if (this.held < this.size) this.held++;
		else
			await new Promise<void>((resolve, reject) => {
				const turn = () => {
					signal?.removeEventListener('abort', giveUp);
					resolve();
				};
				const giveUp = () => {
					const waiting = this.waiting.indexOf(turn);
					if (waiting >= 0) this.waiting.splice(waiting, 1);
					reject(new Error('The download gave up waiting for its turn'));
				};
				if (signal?.aborted) return giveUp();
				signal?.addEventListener('abort', giveUp, { once: true });
				this.waiting.push(turn);
			});
		let left = false;
		return () => {
			if (left) return;
			left = true;
			// The place passes straight to the next in line, so a newcomer cannot jump the queue.
			const next = this.waiting.shift();
			if (next) next();
			else this.held--;
		};
	}
}
