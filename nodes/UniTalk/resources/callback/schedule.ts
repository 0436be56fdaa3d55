// Schedule a Callback: one missed call → one number in the callback autodialer (ADD_NUMBERS), once.
import type { IDataObject } from 'n8n-workflow';

import { notRepeatable } from '../../engine/effect';
import { Ledger } from '../../engine/ledger';
import type { Params } from '../../engine/params';
import type { Operation, UnitResult } from '../../engine/types';
import { text } from '../../shared/callRecord';
import {
	formatInZone,
	InputError,
	instantsOfUniTalkTime,
	requirePhone,
} from '../../shared/validation';
import { autodialer, bool, collection, dateTime, str } from '../fields';
import { unitsInData } from '../units';
import { autodialerId, PATH } from '../autodial/campaigns';
import { findMissedCall, type FoundCall } from './missedCall';

/** Param "1" of every number n8n schedules: the outcomes ignore numbers without it. */
export const CALLBACK_MARK = 'n8n-callback';

/** What one item schedules, resolved once per item (units, the once key and the output read it). */
interface Callback {
	phone: string;
	name?: string;
	missedCallId?: string;
	/** ISO 8601 UTC. */
	missedAt?: string;
	lineCalled?: string;
	reference?: string;
	/** ISO 8601 UTC; the same on Retry On Fail (see Ledger.firstTryAt). */
	scheduledAt: string;
	foundIn?: string;
}

const resolved = new WeakMap<Params, Callback>();

const FOUND = 'Found automatically';

const NO_CALL =
	'neither the input item nor an item of an earlier step it comes from is a call (customerNumber with callId or dbId, as the UniTalk Trigger and the Call History Trigger give them)';

function resolve(p: Params): Callback {
	const known = resolved.get(p);
	if (known) return known;
	const found = findMissedCall(p.ctx, p.itemIndex);
	const call = found?.call;
	const options = p.collection('options');
	const callback: Callback = {
		phone: phoneOf(p, found),
		name: p.str('name') || found?.name,
		missedCallId:
			p.str('missedCallId') || (call ? (text(call.callId) ?? text(call.dbId)) : null) || undefined,
		missedAt: options.missedAt
			? isoUtc(p.dateTime('options.missedAt', 'Missed At'), p.timezone)
			: isoFromRecord(call?.startTime),
		lineCalled: (text(options.lineCalled) ?? (call ? text(call.outerNumber) : null)) || undefined,
		reference: p.str('reference') || undefined,
		scheduledAt: new Date(Ledger.firstTryAt(p.ctx, runIndexOf(p))).toISOString(),
		foundIn: found?.foundIn,
	};
	resolved.set(p, callback);
	return callback;
}

function phoneOf(p: Params, found: FoundCall | undefined): string {
	const typed = p.str('phone');
	if (typed) return requirePhone(typed, 'Phone');
	const call = found?.call;
	if (call) {
		const number = text(call.customerNumber);
		if (number) return requirePhone(number, 'Phone');
		const id = text(call.callId) ?? text(call.dbId);
		throw new InputError(
			`"Phone" is empty: the missed call ${id} (in ${found.foundIn}) has no customerNumber, so the caller's number is unknown (hidden?). Put the number in "Phone".`,
			'phone',
		);
	}
	// No call behind the item: a phone column of a sheet row or a CRM record still does.
	const input = p.item?.json ?? {};
	const number = text(input.customerNumber) ?? text(input.phone);
	if (number) return requirePhone(number, 'Phone');
	throw new InputError(
		`"Phone" is empty and no missed call was found: ${NO_CALL}. Put the number in "Phone", or put this step after the trigger (steps in between are fine).`,
		'phone',
	);
}

const runIndexOf = (p: Params) => {
	try {
		return Number(p.ctx.getWorkflowDataProxy(0).$runIndex ?? 0);
	} catch {
		return 0;
	}
};

/** The trigger's startTime (ISO with offset) as ISO 8601 UTC; undefined when not a real time. */
function isoFromRecord(value: unknown): string | undefined {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function isoUtc(uniTalkTime: string, zone: string): string {
	return new Date(instantsOfUniTalkTime(uniTalkTime, zone)!.ms).toISOString();
}

/** The note operators see in the SIP client: when the client called, and which call it was. */
function noteOf(callback: Callback, zone: string): string {
	const when = callback.missedAt
		? ` ${formatInZone(new Date(callback.missedAt), zone).slice(0, 16)}`
		: '';
	const which = callback.missedCallId ? ` — call ${callback.missedCallId}` : '';
	return `Missed call${when}${which}`;
}

/** One entry of numbersWithData; params "1"–"6" as the callback contract lists them. */
function numberOf(callback: Callback, zone: string): IDataObject {
	const params: Record<string, string> = { '1': CALLBACK_MARK };
	if (callback.missedCallId) params['2'] = callback.missedCallId;
	if (callback.missedAt) params['3'] = callback.missedAt;
	params['4'] = callback.scheduledAt;
	if (callback.lineCalled) params['5'] = callback.lineCalled;
	if (callback.reference) params['6'] = callback.reference;
	// UniTalk keeps 100 characters of a name; an unknown name is left out, not sent as null.
	const entry: IDataObject = { phone: callback.phone };
	if (callback.name) entry.name = callback.name.slice(0, 100);
	entry.note = noteOf(callback, zone);
	entry.params = params;
	return entry;
}

function outputOf(p: Params, callback: Callback): IDataObject {
	return {
		phone: callback.phone,
		name: callback.name ?? null,
		missedCallId: callback.missedCallId ?? null,
		missedAt: callback.missedAt ?? null,
		lineCalled: callback.lineCalled ?? null,
		reference: callback.reference ?? null,
		autodialerId: autodialerId(p),
		scheduledAt: callback.scheduledAt,
	};
}

function summarize(p: Params, results: UnitResult[]): IDataObject {
	const result = results[0];
	const json: IDataObject = {
		scheduled: !!result?.ok && !result.unknown,
		...outputOf(p, resolve(p)),
		foundIn: resolve(p).foundIn ?? null,
	};
	if (result?.unknown) json.mayHaveBeenSent = true;
	if (result && !result.ok) json.error = result.error ?? 'failed';
	return json;
}

const AGENT = (key: string, hint: string, fallback?: string) =>
	`={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(hint)}, 'string'${fallback !== undefined ? `, ${JSON.stringify(fallback)}` : ''}) }}`;

export const scheduleOperation: Operation = {
	value: 'schedule',
	name: 'Schedule',
	action: 'Schedule a callback for a missed call',
	description:
		"Put a missed call's number in a callback autodialer, once per missed call: operators are called first and connected to the client in working hours. Right after the UniTalk Trigger or Message → Send, nothing needs typing.",
	path: PATH,
	apiAction: 'ADD_NUMBERS',
	body: 'json',
	effect: notRepeatable(
		'Puts the number in the call queue: a repeat after it was called could queue the client to be called again.',
	),
	fields: [
		{
			...autodialer,
			displayName: 'Callback Autodialer',
			description:
				'The autodialer that calls back (made with "Create or Update Autodialer", or any of the account)',
		},
		str('phone', 'Phone', {
			placeholder: FOUND,
			description:
				"Leave empty: the caller's number of the missed call (customerNumber) on the input item or on the item of an earlier step it comes from, e.g. the UniTalk Trigger's before Message → Send",
		}),
		str('name', 'Name', {
			placeholder: FOUND,
			description:
				'Shown to the operator. Leave empty: a "name" field of the input item or of an earlier item it comes from, else none.',
		}),
		str('missedCallId', 'Missed Call ID', {
			placeholder: FOUND,
			description:
				"Leave empty: the missed call's callId (else dbId), found like the phone. Kept with the number (parameter 2) for the outcomes.",
		}),
		str('reference', 'Reference', {
			placeholder: 'e.g. a CRM row ID',
			description: 'Optional; kept with the number (parameter 6) and given back with its outcome',
		}),
		bool(
			'oncePerMissedCall',
			'Once Per Missed Call',
			"Whether a missed call is scheduled at most once in this autodialer: a repeated webhook, a re-run or a second n8n process skips it (key callback:<autodialer ID>:<missed call ID>, kept in n8n's database)",
			{ default: true },
		),
		collection('options', 'Options', 'Add option', [
			dateTime('missedAt', 'Missed At', {
				description: "When the client called. Leave empty: the missed call's startTime.",
			}),
			str('lineCalled', 'Line Called', {
				description:
					"The company number the client called. Leave empty: the missed call's outerNumber.",
			}),
		]),
	],
	toolDefaults: {
		phone: AGENT('phone', "The client's phone number in international format, digits only"),
		missedCallId: AGENT(
			'missedCallId',
			"The missed call's ID (callId); the same ID is never scheduled twice",
		),
		name: AGENT('name', "The client's name, if known", ''),
	},
	once: {
		label: 'Once Per Missed Call',
		enabled: (p) => p.bool('oncePerMissedCall', true),
		scope: 'workflow',
		key: (p) => {
			const { missedCallId } = resolve(p);
			if (!missedCallId)
				throw new InputError(
					`"Missed Call ID" is empty and no missed call was found: ${NO_CALL}. "Once Per Missed Call" needs it: fill "Missed Call ID", or turn "Once Per Missed Call" off.`,
					'missedCallId',
				);
			return `callback:${autodialerId(p)}:${missedCallId}`;
		},
		skipped: (p) => ({ scheduled: false, ...outputOf(p, resolve(p)), scheduledAt: null }),
	},
	batch: {
		maxPerRequest: 100_000,
		maxPerGroup: {
			limit: 1_000_000,
			message:
				'These items schedule {count} callbacks in one autodialer; UniTalk allows at most 1,000,000 numbers per autodialer',
		},
		// One phone once per request: two missed calls of one client in a run are two requests,
		// the later one's data kept (refreshDuplicates), rather than one request naming it twice.
		uniqueKeys: true,
		units: (p) => {
			const callback = resolve(p);
			return {
				group: String(autodialerId(p)),
				units: [{ item: p.itemIndex, key: callback.phone, value: numberOf(callback, p.timezone) }],
			};
		},
		// High priority: a callback goes before any other number of the autodialer. Call again if
		// already added: a client who misses us twice is called back for the latest call.
		payload: (p, units) => ({
			id: autodialerId(p),
			refreshDuplicates: true,
			highPriority: true,
			numbersWithData: units.map((u) => u.value as IDataObject),
		}),
		rejected: (message, data, units) =>
			['Wrong numbers', 'Wrong audios'].includes(message) ? unitsInData(data, units) : undefined,
		summarize,
	},
};
