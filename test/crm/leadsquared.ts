// LeadSquared's Universal Telephony Connector, written from leadsquared-universal-telephony-connector.txt:
// the Call Log API (POST JSON after every call), the Agent Popup API (POST JSON on an inbound call),
// the Call Route API (HTTP GET: the lead owner for a caller) and Click 2 Call (LeadSquared calls
// the provider's URL, filling @placeholders, and looks for the response keyword).
import { type CrmAnswer, type CrmRequest, CrmStandIn, field, Refusal } from './base';

/**
 * The document says to copy each API's URL from its tab; the URLs themselves are not shown. Here
 * each carries the connector's key in its path (/api/telephony/<key>/<API>), the plausible shape:
 * the URL is the secret, and the workflow keeps the three URLs in "CRM settings".
 */
export const leadSquaredPaths = (key: string) => ({
	callLog: `/api/telephony/${key}/CallLog`,
	agentPopup: `/api/telephony/${key}/AgentPopup`,
	callRoute: `/api/telephony/${key}/CallRoute`,
});

/** "Status of the call, can be Answered, Missed, Voicemail"; "Inbound or Outbound". */
const STATUSES = ['Answered', 'Missed', 'Voicemail'];
const DIRECTIONS = ['Inbound', 'Outbound'];
/** The table's "Mandatory: Yes" rows. */
const CALL_LOG_REQUIRED = [
	'DisplayNumber',
	'StartTime',
	'EndTime',
	'CallDuration',
	'Status',
	'Direction',
];

export interface Lead {
	leadId: string;
	name: string;
	phone: string;
	/** The lead owner's number (their telephony line), name and email. */
	owner: { number: string; name: string; email: string };
}

export interface CallLog {
	callSessionId: string | null;
	direction: string;
	status: string;
	sourceNumber: string | null;
	destinationNumber: string | null;
	displayNumber: string;
	startTime: string;
	endTime: string;
	callDuration: number;
	resourceUrl: string | null;
	callNotes: string | null;
	/** The lead the log was filed under: the source of an inbound call, the destination of an outbound. */
	leadId: string | null;
}

export interface LeadSquaredOptions {
	connectorKey: string;
	leads?: Lead[];
}

export class LeadSquaredStandIn extends CrmStandIn {
	readonly callLogs: CallLog[] = [];
	readonly popups: { agentNumber: string; leadId: string | null; callSessionId: string | null }[] =
		[];
	readonly routes: { sourceNumber: string; ownerNumber: string | null }[] = [];
	/** What LeadSquared's Click 2 Call sent to the provider, and whether the keyword came back. */
	readonly clicks: { url: string; status: number; answer: string; ok: boolean }[] = [];
	private readonly paths: ReturnType<typeof leadSquaredPaths>;

	constructor(private readonly options: LeadSquaredOptions) {
		super();
		this.paths = leadSquaredPaths(options.connectorKey);
	}

	state() {
		return {
			callLogs: this.callLogs,
			popups: this.popups,
			routes: this.routes,
			clicks: this.clicks,
		};
	}

	/** The document shows no error bodies; LeadSquared's API errors read {Status, ExceptionType, ExceptionMessage}. */
	protected refusal(error: Refusal): unknown {
		return {
			Status: 'Error',
			ExceptionType: 'MXInvalidInputException',
			ExceptionMessage: error.message,
		};
	}

	protected handle(req: CrmRequest): CrmAnswer | Promise<CrmAnswer> {
		if (req.path === '/__click') return this.clickToCall(req);
		if (!Object.values(this.paths).includes(req.path)) {
			if (/^\/api\/telephony\/[^/]+\//.test(req.path))
				throw new Refusal(401, 'Invalid connector key in the API URL');
			throw new Refusal(404, `No such API: ${req.path}`);
		}
		if (req.path === this.paths.callRoute) {
			if (req.method !== 'GET')
				throw new Refusal(405, 'The Call Route API is called with HTTP GET');
			return this.route(req);
		}
		if (req.method !== 'POST') throw new Refusal(405, 'POST the data');
		if (req.contentType !== 'application/json' || typeof req.body !== 'object' || req.body === null)
			throw new Refusal(
				400,
				`Post the data in JSON format (Content-Type: application/json), not "${req.contentType}"`,
			);
		return req.path === this.paths.callLog ? this.callLog(req.body) : this.popup(req.body);
	}

	private callLog(body: object): CrmAnswer {
		const p = (name: string) => field(body, name);
		for (const name of CALL_LOG_REQUIRED)
			if (!p(name)) throw new Refusal(400, `${name} is mandatory`);
		const status = p('Status')!;
		if (!STATUSES.includes(status))
			throw new Refusal(400, `Status must be Answered, Missed or Voicemail, not "${status}"`);
		const direction = p('Direction')!;
		if (!DIRECTIONS.includes(direction))
			throw new Refusal(400, `Direction must be Inbound or Outbound, not "${direction}"`);
		const start = time(p('StartTime')!, 'StartTime');
		const end = time(p('EndTime')!, 'EndTime');
		if (end < start) throw new Refusal(400, 'EndTime is before StartTime');
		const duration = p('CallDuration')!;
		if (!/^\d+$/.test(duration))
			throw new Refusal(400, `CallDuration is a duration in seconds, not "${duration}"`);
		const resourceUrl = p('ResourceURL') ?? null;
		if (resourceUrl !== null && !/^https?:\/\/\S+$/.test(resourceUrl))
			throw new Refusal(400, `ResourceURL must be a URL, not "${resourceUrl}"`);
		const source = p('SourceNumber') ?? null;
		const destination = p('DestinationNumber') ?? null;
		const leadNumber = direction === 'Inbound' ? source : destination;
		const log: CallLog = {
			callSessionId: p('CallSessionId') ?? null,
			direction,
			status,
			sourceNumber: source,
			destinationNumber: destination,
			displayNumber: p('DisplayNumber')!,
			startTime: p('StartTime')!,
			endTime: p('EndTime')!,
			callDuration: Number(duration),
			resourceUrl,
			callNotes: p('CallNotes') ?? null,
			leadId: this.lead(leadNumber)?.leadId ?? null,
		};
		this.callLogs.push(log);
		return {
			status: 200,
			body: { Status: 'Success', Message: { Id: `log-${this.callLogs.length}` } },
		};
	}

	/**
	 * The Agent Popup API's fields are in the "Usage" section the document leaves out; the plausible
	 * shape is the call log's own names: SourceNumber (the lead), DestinationNumber (the agent),
	 * DisplayNumber, Direction (Inbound only: "in the event of an inbound call"), CallSessionId, LeadId.
	 */
	private popup(body: object): CrmAnswer {
		const p = (name: string) => field(body, name);
		for (const name of ['SourceNumber', 'DestinationNumber', 'DisplayNumber', 'Direction'])
			if (!p(name)) throw new Refusal(400, `${name} is mandatory`);
		if (p('Direction') !== 'Inbound')
			throw new Refusal(400, `The agent popup is for inbound calls, not "${p('Direction')}"`);
		const lead = p('LeadId') ? { leadId: p('LeadId')! } : this.lead(p('SourceNumber')!);
		this.popups.push({
			agentNumber: p('DestinationNumber')!,
			leadId: lead?.leadId ?? null,
			callSessionId: p('CallSessionId') ?? null,
		});
		return { status: 200, body: { Status: 'Success' } };
	}

	/**
	 * The Call Route API's parameters are in the missing "Usage" section too: the caller's number as
	 * SourceNumber (plus the DisplayNumber called), answered with the lead owner's number, name and
	 * email, and null when no lead has that number (the plausible shape).
	 */
	private route(req: CrmRequest): CrmAnswer {
		const source = req.query.SourceNumber?.trim();
		if (!source) throw new Refusal(400, 'SourceNumber is mandatory');
		const lead = this.lead(source);
		this.routes.push({ sourceNumber: source, ownerNumber: lead?.owner.number ?? null });
		return {
			status: 200,
			body: {
				Status: 'Success',
				LeadId: lead?.leadId ?? null,
				LeadName: lead?.name ?? null,
				AgentNumber: lead?.owner.number ?? null,
				AgentName: lead?.owner.name ?? null,
				AgentEmail: lead?.owner.email ?? null,
			},
		};
	}

	/**
	 * LeadSquared's side of Click 2 Call, started by a test (POST /__click {url, values, method,
	 * keyword}): the @placeholders of the provider's URL are filled, the URL is called with the chosen
	 * method, and the call counts as placed only when the answer holds the response keyword.
	 */
	private async clickToCall(req: CrmRequest): Promise<CrmAnswer> {
		const {
			url,
			values,
			method = 'GET',
			keyword = 'Success',
		} = req.body as {
			url: string;
			values: Record<string, string>;
			method?: string;
			keyword?: string;
		};
		const filled = url.replace(/@(\w+)/g, (_, name: string) =>
			encodeURIComponent(values[name] ?? ''),
		);
		const response = await fetch(filled, { method });
		const answer = await response.text();
		const click = {
			url: filled,
			status: response.status,
			answer,
			ok: response.ok && answer.includes(keyword),
		};
		this.clicks.push(click);
		return { status: 200, body: click };
	}

	private lead(phone: string | null): Lead | undefined {
		const digits = (s: string) => s.replace(/\D/g, '');
		return phone === null
			? undefined
			: this.options.leads?.find((l) => digits(l.phone) === digits(phone));
	}
}

/** "yyyy-MM-dd HH:mm:ss", a real date and time (the sample's 2015-08-20 18:26:38). */
function time(value: string, name: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
	const at = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
	if (!m || new Date(at).toISOString().slice(0, 19).replace('T', ' ') !== value)
		throw new Refusal(400, `${name} must be yyyy-MM-dd HH:mm:ss, not "${value}"`);
	return at;
}
