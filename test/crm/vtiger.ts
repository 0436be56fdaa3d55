// Vtiger's Phone Calls API (Generic gateway), written from vtiger-phone-calls-api.txt: five call
// events posted as FORM content with the gateway's secret in X-VTIGER-SECRET, each changing one
// Phone Calls record, keyed by call_id.
import { type CrmAnswer, type CrmRequest, CrmStandIn, field, Refusal } from './base';

/**
 * The document's example URL is an image ("image not found"); only "replace with your instance URL"
 * is left. Vtiger's Generic gateway callback is /modules/PhoneCalls/callbacks/Generic.php on the
 * instance, the most plausible shape; the workflow keeps the whole URL in "CRM settings".
 */
export const VTIGER_CALLBACK_PATH = '/modules/PhoneCalls/callbacks/Generic.php';

/** Each event's required parameters, as the document's tables mark them. */
const REQUIRED: Record<string, string[]> = {
	call_initiated: ['from', 'call_id'],
	call_connected: ['to', 'call_id'],
	call_recording: ['call_id', 'recordingurl'],
	call_transfer: ['call_id', 'transferred_number'],
	// The hangup table repeats transferred_number as "(required)", but its text says hangup
	// "update[s] call log with call hangup details" and a missed call has no transfer agent: read as
	// the transfer table's row copied, so it is optional here (the workflow sends it when known).
	call_hangup: ['call_id'],
};

/** "Hangup reason and its mapping to call status": any other reason becomes the status itself. */
const HANGUP_STATUS: Record<string, string> = {
	no_answer: 'hangup',
	busy: 'busy',
	completed: 'completed',
};

export interface VtigerCall {
	callId: string;
	from: string | null;
	/** The CRM user's Office Phone the call is with (the last one Vtiger learnt). */
	to: string | null;
	direction: 'inbound' | 'outbound';
	/** The user whose Office Phone matched "to" (the popup and the record's owner). */
	user: string | null;
	status: string;
	/** Every status the record had, in order: ringing → in-progress → completed. */
	statuses: string[];
	transfers: string[];
	hangupReason: string | null;
	billDuration: number | null;
	recordingUrl: string | null;
	notes: string | null;
}

export interface VtigerOptions {
	secret: string;
	/** Users' Office Phone → user name (Vtiger: "Users Preference page"). */
	officePhones?: Record<string, string>;
}

export class VtigerStandIn extends CrmStandIn {
	readonly calls = new Map<string, VtigerCall>();

	constructor(private readonly options: VtigerOptions) {
		super();
	}

	/** What Vtiger's Outgoing Call sent to the provider, and how it was answered. */
	readonly clicks: { params: Record<string, string>; status: number; answer: string }[] = [];

	state(): { calls: VtigerCall[]; clicks: VtigerStandIn['clicks'] } {
		return { calls: [...this.calls.values()], clicks: this.clicks };
	}

	/**
	 * Vtiger's side of click-to-call, started by a test (POST /__click {url, params, method}): "For
	 * Outgoing Calls" Vtiger sends the parameters configured in the gateway to the provider's REST
	 * URL, as FORM content by default (POST) or in the query (GET). The document names neither the
	 * parameters nor the answer it expects: the example's are from, to and secret; 2xx is success.
	 */
	private async outgoingCall(req: CrmRequest): Promise<CrmAnswer> {
		const {
			url: target,
			params,
			method = 'POST',
		} = req.body as {
			url: string;
			params: Record<string, string>;
			method?: 'POST' | 'GET';
		};
		const form = new URLSearchParams(params).toString();
		const response =
			method === 'GET'
				? await fetch(`${target}${target.includes('?') ? '&' : '?'}${form}`)
				: await fetch(target, {
						method: 'POST',
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
						body: form,
					});
		const click = { params, status: response.status, answer: await response.text() };
		this.clicks.push(click);
		return { status: 200, body: click };
	}

	/**
	 * The document shows no error answers; Vtiger's REST answers are {"success": false, "error":
	 * {"code", "message"}}, sent here with 401 (secret) or 400 (parameters), the plausible shape.
	 */
	protected refusal(error: Refusal): unknown {
		return { success: false, error: { code: error.status, message: error.message } };
	}

	protected handle(req: CrmRequest): CrmAnswer | Promise<CrmAnswer> {
		if (req.path === '/__click') return this.outgoingCall(req);
		if (req.path !== VTIGER_CALLBACK_PATH) throw new Refusal(404, `No such page: ${req.path}`);
		if (req.method !== 'POST') throw new Refusal(405, 'Call events are POSTed');
		const secret = req.headers['x-vtiger-secret'];
		if (secret === undefined) throw new Refusal(401, 'X-VTIGER-SECRET header is missing');
		if (secret !== this.options.secret) throw new Refusal(401, 'Invalid X-VTIGER-SECRET');
		if (req.contentType !== 'application/x-www-form-urlencoded')
			throw new Refusal(
				400,
				`Content type must be FORM (application/x-www-form-urlencoded), not "${req.contentType}"`,
			);
		const p = (name: string) => field(req.body, name);
		const event = p('event');
		if (!event) throw new Refusal(400, 'event is required');
		const required = REQUIRED[event];
		if (!required)
			throw new Refusal(
				400,
				`Unknown event "${event}": call_initiated, call_connected, call_recording, call_transfer or call_hangup`,
			);
		for (const name of required)
			if (!p(name)) throw new Refusal(400, `${name} is required for ${event}`);
		const callId = p('call_id')!;
		if (event === 'call_initiated') return this.initiated(callId, p);
		const call = this.calls.get(callId);
		if (!call) throw new Refusal(400, `No call with call_id ${callId}: send call_initiated first`);
		// Only the recording may arrive after the hangup (it is ready later).
		if (call.hangupReason !== null && event !== 'call_recording')
			throw new Refusal(
				400,
				`call ${callId} has ended (${call.status}): no ${event} after call_hangup`,
			);
		if (event === 'call_connected') {
			call.to = p('to')!;
			call.user = this.options.officePhones?.[call.to] ?? null;
			if (p('from')) call.from = p('from')!;
			this.setStatus(call, 'in-progress');
		} else if (event === 'call_transfer') {
			call.transfers.push(p('transferred_number')!);
		} else if (event === 'call_recording') {
			call.recordingUrl = url(p('recordingurl')!, 'recordingurl');
		} else {
			const reason = p('hangup_reason') ?? 'completed';
			const billDuration = p('billduration');
			if (billDuration !== undefined && !/^\d+$/.test(billDuration))
				throw new Refusal(400, `billduration is seconds, not "${billDuration}"`);
			call.hangupReason = reason;
			call.billDuration = billDuration === undefined ? null : Number(billDuration);
			if (p('recordingurl')) call.recordingUrl = url(p('recordingurl')!, 'recordingurl');
			if (p('notes')) call.notes = p('notes')!;
			this.setStatus(call, HANGUP_STATUS[reason] ?? reason);
		}
		return {
			status: 200,
			body: { success: true, result: { call_id: callId, status: call.status } },
		};
	}

	private initiated(callId: string, p: (name: string) => string | undefined): CrmAnswer {
		if (this.calls.has(callId))
			throw new Refusal(400, `call_id ${callId} is already logged: one call_initiated per call`);
		const direction = p('direction');
		if (direction !== undefined && direction !== 'inbound' && direction !== 'outbound')
			throw new Refusal(400, `direction is inbound or outbound, not "${direction}"`);
		const to = p('to') ?? null;
		// Without a direction Vtiger decides by whether "from" is a user's number.
		const fromIsUser = this.options.officePhones?.[p('from')!] !== undefined;
		const call: VtigerCall = {
			callId,
			from: p('from')!,
			to,
			direction: direction ?? (fromIsUser ? 'outbound' : 'inbound'),
			user: to ? (this.options.officePhones?.[to] ?? null) : null,
			status: 'ringing',
			statuses: ['ringing'],
			transfers: [],
			hangupReason: null,
			billDuration: null,
			recordingUrl: null,
			notes: null,
		};
		this.calls.set(callId, call);
		return { status: 200, body: { success: true, result: { call_id: callId, status: 'ringing' } } };
	}

	private setStatus(call: VtigerCall, status: string): void {
		call.status = status;
		call.statuses.push(status);
	}
}

function url(value: string, name: string): string {
	if (!/^https?:\/\/\S+$/.test(value))
		throw new Refusal(400, `${name} must be a URL, not "${value}"`);
	return value;
}
