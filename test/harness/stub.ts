/**
 * The parts of n8n's IWorkflowExecuteAdditionalData (and workflow data for hooks) that a node run
 * does not use: any property read returns a no-op function, so the engine can call optional hooks.
 * Usable outside jest (benchmarks).
 */
export function stub<T extends object>(values: Partial<T> = {}): T {
	const noops = new Map<PropertyKey, () => undefined>();
	return new Proxy({ ...values } as T, {
		get(target, property) {
			if (property in target) return (target as Record<PropertyKey, unknown>)[property];
			if (property === 'then') return undefined; // not a promise
			if (!noops.has(property)) noops.set(property, () => undefined);
			return noops.get(property);
		},
	});
}

/** A promise with its resolve function beside it (n8n-workflow 1.x exported one; 2.x does not). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((done) => (resolve = done));
	return { promise, resolve };
}
