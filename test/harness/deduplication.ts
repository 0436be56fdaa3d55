// n8n-core's DataDeduplicationService (the service behind `this.helpers.checkProcessedAndRecord`)
// with a store that behaves like n8n's own (n8n's DeduplicationHelper on its database): one list of
// md5 hashes per workflow and scope, the oldest dropped past maxEntries, and read-then-write with a
// database round trip in between, so two calls at the same instant can both see a value as new.
import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

const hash = (value: DeduplicationItemTypes) =>
	createHash('md5').update(value.toString()).digest('base64');

export class MemoryDeduplicator implements IDataDeduplicator {
	/** Rows by `workflowId|context`, as n8n's processed_data table keys them. */
	readonly rows = new Map<string, string[]>();
	/** Milliseconds of one database round trip. */
	roundTripMs = 0;

	private row(scope: DeduplicationScope, data: ICheckProcessedContextData): string {
		return `${data.workflow.id}|${scope === 'node' ? `n:${data.node?.id}` : ''}`;
	}

	private async roundTrip(): Promise<void> {
		if (this.roundTripMs) await new Promise((resolve) => setTimeout(resolve, this.roundTripMs));
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = this.row(scope, data);
		const stored = [...(this.rows.get(key) ?? [])]; // read
		await this.roundTrip();
		const seen = new Set(stored);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			if (seen.has(hash(item))) result.processed.push(item);
			else {
				result.new.push(item);
				stored.push(hash(item));
			}
		}
		if (options.maxEntries) stored.splice(0, Math.max(0, stored.length - options.maxEntries));
		this.rows.set(key, stored); // write
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<void> {
		const key = this.row(scope, data);
		const stored = [...(this.rows.get(key) ?? [])];
		await this.roundTrip();
		for (const item of items) {
			const at = stored.indexOf(hash(item));
			if (at !== -1) stored.splice(at, 1);
		}
		this.rows.set(key, stored);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, data: ICheckProcessedContextData) {
		this.rows.delete(this.row(scope, data));
	}

	async getProcessedDataCount(scope: DeduplicationScope, data: ICheckProcessedContextData) {
		return this.rows.get(this.row(scope, data))?.length ?? 0;
	}
}

/** The service of this test file, started once (n8n-core allows one), emptied before each test. */
export function useDeduplication(): MemoryDeduplicator {
	const store = new MemoryDeduplicator();
	beforeAll(async () => await DataDeduplicationService.init(store));
	beforeEach(() => {
		store.rows.clear();
		store.roundTripMs = 0;
	});
	return store;
}
