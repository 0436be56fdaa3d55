// What the CRM stand-ins share: a real HTTP server on 127.0.0.1, the request as the CRM reads it
// (method, path, query, headers, content type, the body parsed by that type), and a refusal type.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrmRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	/** The media type without parameters ("application/x-www-form-urlencoded"), or "". */
	contentType: string;
	/** The body parsed by its content type: form fields, JSON, or the raw text for anything else. */
	body: unknown;
	raw: string;
}

export interface CrmAnswer {
	status: number;
	body: unknown;
	/** Sent as text/plain when set (LeadSquared's response keyword), else `body` as JSON. */
	text?: string;
}

/** A request the CRM refuses: its HTTP status and the message it answers with. */
export class Refusal extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** Every request a stand-in received, with what it answered: the tests' view of the conversation. */
export interface Exchange {
	method: string;
	path: string;
	query: Record<string, string>;
	contentType: string;
	body: unknown;
	status: number;
	answer: unknown;
	/** Every header's name (lower case): a test checks that no UniTalk key travelled here. */
	headers: Record<string, string>;
}

export abstract class CrmStandIn {
	readonly exchanges: Exchange[] = [];
	private server?: Server;
	url = '';

	/** Answers one request, or throws a Refusal. */
	protected abstract handle(req: CrmRequest): CrmAnswer | Promise<CrmAnswer>;
	/** How a refusal is written, in the CRM's own style. */
	protected abstract refusal(error: Refusal): unknown;
	/** What the stand-in ended with: its records and their statuses. */
	abstract state(): unknown;

	async start(port = 0): Promise<this> {
		this.server = createServer((req, res) => void this.serve(req, res));
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise((resolve) => this.server?.close(resolve));
	}

	/** The exchanges that were refused, with the reason: a wrong mapping shows up here. */
	refused(): Exchange[] {
		return this.exchanges.filter((e) => e.status >= 400);
	}

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (url.pathname === '/__report') return send(res, 200, this.report());
		const contentType = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const request: CrmRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			contentType,
			body: parseBody(contentType, raw),
			raw,
		};
		let answer: CrmAnswer;
		try {
			answer = await this.handle(request);
		} catch (error) {
			const refusal =
				error instanceof Refusal ? error : new Refusal(500, `stand-in error: ${String(error)}`);
			answer = { status: refusal.status, body: this.refusal(refusal) };
		}
		this.exchanges.push({
			method: request.method,
			path: request.path,
			query: request.query,
			contentType,
			body: request.body,
			status: answer.status,
			answer: answer.text ?? answer.body,
			headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
		});
		if (answer.text !== undefined) {
			res.writeHead(answer.status, { 'Content-Type': 'text/plain' });
			res.end(answer.text);
			return;
		}
		send(res, answer.status, answer.body);
	}

	report(): { state: unknown; exchanges: Exchange[] } {
		return { state: this.state(), exchanges: this.exchanges };
	}
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

function parseBody(contentType: string, raw: string): unknown {
	if (contentType === 'application/x-www-form-urlencoded')
		return Object.fromEntries(new URLSearchParams(raw));
	if (contentType === 'application/json') {
		try {
			return JSON.parse(raw) as unknown;
		} catch {
			return raw; // not JSON after all: the handler refuses it as such
		}
	}
	return raw;
}

/** A text field of a parsed body: present, a string or number, trimmed; else undefined. */
export function field(body: unknown, name: string): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const value = (body as Record<string, unknown>)[name];
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	return value.trim() === '' ? undefined : value.trim();
}
