import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	InputError,
	requirePhone,
	toList,
	toUniTalkDate,
	toUniTalkDateTime,
} from '../validation';

/** Typed access to one item's parameters, with the validation messages naming the field. */
export class Params {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
	) {}

	get<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback as never) as T;
	}

	str(name: string, fallback = ''): string {
		const value = this.get<unknown>(name, fallback);
		return value === undefined || value === null ? '' : String(value).trim();
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

	/** A resource locator's or dropdown's id, as a number. */
	id(name: string, label: string): number {
		const raw = this.get<unknown>(name, '');
		const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
		const id = Number(String(value ?? '').trim());
		if (!Number.isInteger(id) || id <= 0) throw new InputError(`"${label}" needs a numeric UniTalk ID (got "${String(value ?? '')}")`, name);
		return id;
	}

	optId(name: string, label: string): number | undefined {
		const raw = this.get<unknown>(name, '');
		const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
		return value === '' || value === undefined || value === null ? undefined : this.id(name, label);
	}

	list(name: string): string[] {
		return toList(this.get<unknown>(name, ''));
	}

	phone(name: string, label: string): string {
		return requirePhone(this.get<unknown>(name, ''), label);
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

	get timezone(): string {
		return this.ctx.getTimezone();
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
