// ELMA365's telephony event, written from elma365-telephony-event.txt: an IP-telephony module's
// webhook, whose VoipParseWebhookRequest turns the provider's JSON body into a VoipWebhookRequest
// (event, direction, disposition, srcPhone/dstPhone and their extensions by direction, callId).
import { type CrmAnswer, type CrmRequest, CrmStandIn, field, Refusal } from './base';

/**
 * The document names VoipWebhookEvent.NotifyStart, VoipCallDirection.In and
 * VoipCallDisposition.Unknown only; the rest of each vocabulary is the plausible completion of the
 * SDK's enums. The module script (ours to write in ELMA365) reads the member names from the JSON
 * body, as the document's example reads data.srcPhone and data.dstPhone.
 */
export const ELMA_EVENTS = ['NotifyStart', 'NotifyAnswer', 'NotifyEnd'];
export const ELMA_DIRECTIONS = ['In', 'Out', 'Internal'];
export const ELMA_DISPOSITIONS = ['Unknown', 'Answered', 'NoAnswer', 'Busy', 'Failed'];

/** Where the module's webhook listens, and the token its script checks (Authorization: Bearer). */
export const ELMA_WEBHOOK_PATH = '/api/extensions/unitalk-voip/script/webhook';

export interface ElmaCall {
	/** callId, or the fields the system matches by when there is none. */
	key: string;
	direction: string;
	srcPhone: string;
	dstPhone: string;
	/** The employee's extension: srcPhoneExt of an incoming call, dstPhoneExt of an outgoing one. */
	extensions: string[];
	events: string[];
	disposition: string;
}

export class Elma365StandIn extends CrmStandIn {
	readonly calls = new Map<string, ElmaCall>();

	constructor(private readonly options: { token: string }) {
		super();
	}

	state(): { calls: ElmaCall[] } {
		return { calls: [...this.calls.values()] };
	}

	/** The document shows no answers: the module's script is ours, so it answers {"error": reason}. */
	protected refusal(error: Refusal): unknown {
		return { error: error.message };
	}

	protected handle(req: CrmRequest): CrmAnswer {
		if (req.path !== ELMA_WEBHOOK_PATH) throw new Refusal(404, `No such webhook: ${req.path}`);
		if (req.method !== 'POST') throw new Refusal(405, 'Telephony events are POSTed');
		if (req.headers.authorization !== `Bearer ${this.options.token}`)
			throw new Refusal(401, 'Wrong or missing token');
		// VoipParseWebhookRequest: `if (typeof request.body !== 'string') return {}` then JSON.parse.
		if (req.contentType !== 'application/json' || typeof req.body !== 'object' || req.body === null)
			throw new Refusal(400, 'The body must be a JSON object');
		const p = (name: string) => field(req.body, name);
		const event = oneOf(p('event'), ELMA_EVENTS, 'event');
		const direction = oneOf(p('direction'), ELMA_DIRECTIONS, 'direction');
		const disposition = oneOf(p('disposition'), ELMA_DISPOSITIONS, 'disposition');
		const srcPhone = p('srcPhone');
		const dstPhone = p('dstPhone');
		if (!srcPhone) throw new Refusal(400, 'srcPhone (the number that is calling) is required');
		if (!dstPhone) throw new Refusal(400, 'dstPhone (the number being called) is required');
		// "Used by the system only for incoming / outgoing calls. For other directions, leave the field blank."
		const srcExt = p('srcPhoneExt');
		const dstExt = p('dstPhoneExt');
		if (srcExt && direction !== 'In')
			throw new Refusal(
				400,
				`srcPhoneExt is for incoming calls only; leave it blank for ${direction}`,
			);
		if (dstExt && direction !== 'Out')
			throw new Refusal(
				400,
				`dstPhoneExt is for outgoing calls only; leave it blank for ${direction}`,
			);
		const key = p('callId') ?? [srcPhone, srcExt, dstPhone, dstExt, direction].join('|');
		let call = this.calls.get(key);
		if (!call) {
			call = { key, direction, srcPhone, dstPhone, extensions: [], events: [], disposition };
			this.calls.set(key, call);
		} else if (call.direction !== direction)
			throw new Refusal(400, `call ${key} is ${call.direction}, not ${direction}`);
		const ext = srcExt ?? dstExt;
		if (ext && call.extensions.at(-1) !== ext) call.extensions.push(ext);
		call.events.push(event);
		call.disposition = disposition;
		return { status: 200, body: { event: { event, direction, disposition } } };
	}
}

function oneOf(value: string | undefined, allowed: string[], name: string): string {
	if (!value) throw new Refusal(400, `${name} is required`);
	if (!allowed.includes(value))
		throw new Refusal(400, `${name} must be one of ${allowed.join(', ')}, not "${value}"`);
	return value;
}
