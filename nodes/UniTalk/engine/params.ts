// Typed, validated access to one item's parameters.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	emptyPhoneMessage,
	InputError,
	requireId,
	requirePhone,
	requireText,
	requireWholeNumber,
	toList,
	toUniTalkDate,
	toUniTalkDateTime,
} from '../shared/validation';

/** Typed access to one item's parameters, with the validation messages naming the field. */
export class Params {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		/** The zone the UniTalk account keeps its times in (credential), for every time sent. */
		readonly timezone: string = ctx.getTimezone(),
		private readonly labels: Map<string, string> = new Map(),
		/** The run's way to read from UniTalk while building (paced and counted like its requests). */
		private readonly reader?: (path: string, json: IDataObject) => Promise<unknown>,
	) {}

	/**
	 * A read a declaration needs before it can build its request (Update reads the current
	 * settings first). It goes through the run, so it is paced and counted in the pacing hint.
	 */
	async read(path: string, json: IDataObject): Promise<unknown> {
		if (!this.reader) throw new Error('This parameter set cannot read from UniTalk');
		return await this.reader(path, json);
	}

	/** What the user sees for a parameter, for error messages. */
	label(name: string): string {
		return this.labels.get(name) ?? name;
	}

	get<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback as never) as T;
	}

	/**
	 * The same item's parameters, noting the name of every parameter read through them: the batch
	 * engine learns what a request payload takes from the group's first item (engine/batch.ts).
	 */
	tracked(): { params: Params; read: Set<string> } {
		const read = new Set<string>();
		const params = Object.create(this) as Params;
		params.get = <T>(name: string, fallback?: T): T => {
			read.add(name);
			return this.get(name, fallback);
		};
		return { params, read };
	}

	/** Text; an object or array from an expression is refused, not sent as "[object Object]". */
	str(name: string, fallback = ''): string {
		return requireText(this.get<unknown>(name, fallback), this.label(name)).trim();
	}

	/** Text as typed, not trimmed: in a message, spaces and line breaks are the sender's. */
	text(name: string): string {
		return requireText(this.get<unknown>(name, ''), this.label(name));
	}

	/** A string or undefined when left empty (so optional fields are not sent). */
	opt(name: string): string | undefined {
		return this.str(name) || undefined;
	}

	num(name: string, fallback?: number): number {
		return Number(this.get<unknown>(name, fallback));
	}

	bool(name: string, fallback = false): boolean {
		return Boolean(this.get<unknown>(name, fallback));
	}

	/** Return All's Limit: a whole number of at least 1, never silently 0 items. */
	limit(): number {
		return requireWholeNumber(this.get<unknown>('limit', 50), 'Limit');
	}

	/** A resource locator's or dropdown's id, as a number. */
	id(name: string, label: string): number {
		const raw = this.get<unknown>(name, '');
		const value =
			raw && typeof raw === 'object' && !Array.isArray(raw)
				? (raw as { value?: unknown }).value
				: raw;
		return requireId(value, label);
	}

	optId(name: string, label: string): number | undefined {
		const raw = this.get<unknown>(name, '');
		const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
		return value === '' || value === undefined || value === null ? undefined : this.id(name, label);
	}

	list(name: string): string[] {
		return toList(this.get<unknown>(name, ''), this.label(name));
	}

	phone(name: string, label: string): string {
		const value = this.get<unknown>(name, '');
		if (value === undefined || value === null || String(value).trim() === '')
			throw new InputError(emptyPhoneMessage(label, this.item?.json), name);
		return requirePhone(value, label);
	}

	phones(name: string, label: string): string[] {
		return this.list(name).map((value) => requirePhone(value, label));
	}

	dateTime(name: string, label: string): string {
		return toUniTalkDateTime(this.get<unknown>(name, ''), this.timezone, label);
	}

	date(name: string, label: string): string {
		return toUniTalkDate(this.get<unknown>(name, ''), this.timezone, label);
	}

	collection(name: string): IDataObject {
		return this.get<IDataObject>(name, {}) ?? {};
	}

	get item() {
		return this.ctx.getInputData()[this.itemIndex];
	}
}

/** Drops undefined values so optional fields are simply absent from the request. */
export function compact<T extends IDataObject>(values: T): T {
	for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
	return values;
}
