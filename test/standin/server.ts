import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { UNDOCUMENTED_ANSWERS } from '../../nodes/UniTalk/transport/errorCatalog';
import { Dialler, type DiallerOptions } from './dialler';
import { KeyLimits, type LimitStats } from './limits';
import { accountRoutes } from './routes/account';
import { audioRoutes } from './routes/audio';
import { autodial } from './routes/autodial';
import { callRoutes } from './routes/calls';
import { messageRoutes } from './routes/messages';
import { bodyProblem } from './schemas';
import { StandInState } from './state';
import type { Handler, Json, Reply, StandInRequest } from './types';

/** Fault reply body that makes the stand-in drop the connection without answering. */
export const DROP = '__drop_connection__';

export interface RecordedRequest {
	at: number;
	path: string;
	action?: string;
	query: Record<string, string>;
	body: Json;
	contentType: string;
	authorization?: string;
	status: number;
	reply: Json;
	/** Recordings: whether the whole body reached the client (false: it left or was cut first). */
	delivered?: boolean;
}

export interface StandInOptions {
	apiKeys?: string[];
	/** Processing time added to every request, to exercise concurrency. */
	latencyMs?: number;
	/**
	 * Run the autodialers (test/standin/dialler.ts) while the server listens: `speed` autodialer
	 * minutes per real minute (default 1), `tickMs` between looks (default 250). Off unless given
	 * (or turned on with POST /__standin/autodial/clock {"running": true}): tests that only store
	 * numbers keep them NEW.
	 */
	autodial?: DiallerOptions;
}

/**
 * A UniTalk stand-in: a real HTTP server on 127.0.0.1 written from the API reference, enforcing
 * its limits (block at 30 / 10 s, ban at 100 / 10 s, 15 / s, 20 concurrent) and answering its
 * documented errors. It records every request so tests and benchmarks can count them.
 */
export class StandIn {
	readonly state = new StandInState();
	/** The autodialers' dialler: its clock, per-phone scripts and log. */
	readonly dialler: Dialler;
	readonly requests: RecordedRequest[] = [];
	/** Bodies posted to /__standin/echo (a stand-in CRM). */
	readonly echoes: Json[] = [];
	/** Requests whose body did not match the reference's shape (test/standin/schemas.ts). */
	readonly bodyProblems: string[] = [];
	/** Called as each API request arrives, before it is answered (tests inject faults by count). */
	onRequest?: (path: string, body: Json) => void;
	private readonly limits = new Map<string, KeyLimits>();
	private readonly routes: Record<string, Handler>;
	private server?: Server;
	url = '';

	constructor(private readonly options: StandInOptions = {}) {
		this.dialler = new Dialler(this.state, options.autodial);
		this.routes = {
			'/autodial/action': autodial(this.state),
			...callRoutes(this.state),
			...audioRoutes(this.state),
			...messageRoutes(this.state),
			...accountRoutes(this.state),
		};
	}

	get apiKeys(): string[] {
		return this.options.apiKeys ?? ['test-key'];
	}

	async start(port = 0): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		const { port: bound } = this.server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${bound}`;
		this.state.recordingBase = this.url;
		if (this.options.autodial) this.dialler.start();
		return this;
	}

	async stop(): Promise<void> {
		this.dialler.stop();
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	/** Base URL to put in the credential. */
	get apiUrl(): string {
		return `${this.url}/api`;
	}

	/** Limit statistics of one key (requests, temporary blocks, ban). */
	stats(apiKey = this.apiKeys[0]): LimitStats {
		return this.limitsOf(apiKey).stats;
	}

	/** Forces the next `times` requests to `path` (and `action`) to get `reply`. */
	inject(fault: {
		path: string;
		action?: string;
		times?: number;
		reply: Reply;
		delayMs?: number;
	}): void {
		this.state.faults.push({ times: 1, ...fault });
	}

	/**
	 * Writes one finished call to the history: `state` (ANSWER, the default, with a recording; NOANSWER;
	 * BUSY…), `date` ("yyyy-MM-dd HH:mm:ss" in the account's zone) or `minutesAgo` (default 0: now), and
	 * any other history field (`from`, `to`, `direction`, `outerNumber`…) as UniTalk lists it.
	 */
	endCall(fields: Json): Json {
		if (!fields || typeof fields !== 'object' || Array.isArray(fields))
			throw new Error('The body must be a JSON object such as {"state": "NOANSWER"}');
		const { date, minutesAgo = 0, ...over } = fields;
		if (date !== undefined && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(date)))
			throw new Error('"date" must be "yyyy-MM-dd HH:mm:ss" in the account\'s time zone');
		if (!(Number(minutesAgo) >= 0)) throw new Error('"minutesAgo" must be 0 or more');
		const when = date ?? this.state.localTime(Date.now() - Number(minutesAgo) * 60_000);
		const dbid = this.state.addHistoryCall(String(when), over);
		const call = this.state.history.find((c) => c.dbid === dbid);
		// A client who calls us is not dialled by autodialers that skip clients who called.
		this.dialler.clientCalled(call);
		return call;
	}

	/** Recorded requests to one path (and autodial action), the counted unit of every test. */
	calls(path: string, action?: string): RecordedRequest[] {
		return this.requests.filter((r) => r.path === path && (!action || r.action === action));
	}

	reset(): void {
		this.requests.length = 0;
		this.bodyProblems.length = 0;
		this.limits.clear();
		// Every test starts from the same account: what one test changed (a user's status, a fault it
		// left unused, the dialler's clock and scripts) must not reach the next.
		this.state.reset();
		this.dialler.reset();
	}

	/**
	 * POST /__standin/autodial/clock {"at": ISO | null, "offsetMs", "speed", "running"} (GET: read);
	 * POST /__standin/autodial/script {"phone", "answers": ["NOANSWER", "ANSWER"], "talkSeconds"};
	 * GET /__standin/autodial/log[?taskId=&phone=&event=] → {"entries": [...]}.
	 */
	private autodialControl(url: URL, method: string, body: Json): Json {
		const d = this.dialler;
		switch (url.pathname) {
			case '/__standin/autodial/clock':
				if (method === 'POST') {
					if (body.speed !== undefined) {
						if (!(Number(body.speed) > 0)) throw new Error('"speed" must be above 0');
						d.speed = Number(body.speed);
					}
					if (body.running === false) d.stop();
					if (body.running === true) d.start();
					d.setClock(body);
				}
				return d.describe();
			case '/__standin/autodial/script':
				if (method !== 'POST') throw new Error('POST {"phone", "answers": [...]}');
				if (!Array.isArray(body.answers)) throw new Error('"answers" must be an array of states');
				d.script(String(body.phone ?? ''), body.answers.map(String), body.talkSeconds);
				return { phone: body.phone, answers: body.answers, talkSeconds: body.talkSeconds ?? 45 };
			case '/__standin/autodial/log': {
				const q = Object.fromEntries(url.searchParams);
				const entries = d.log.filter(
					(e) =>
						(!q.taskId || e.taskId === Number(q.taskId)) &&
						(!q.phone || e.phone === q.phone.replace(/\D/g, '')) &&
						(!q.event || e.event === q.event),
				);
				return { entries };
			}
			default:
				return undefined;
		}
	}

	private limitsOf(key: string): KeyLimits {
		let limits = this.limits.get(key);
		if (!limits) this.limits.set(key, (limits = new KeyLimits()));
		return limits;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const raw = await readBody(req);
		if (url.pathname.startsWith('/tracking/rec/')) {
			const record: RecordedRequest = {
				at: Date.now(),
				path: url.pathname,
				query: {},
				body: undefined,
				contentType: '',
				authorization: req.headers.authorization,
				status: 200,
				reply: null,
			};
			this.requests.push(record);
			res.on('close', () => (record.delivered = res.writableFinished));
			const fault = this.takeFault(url.pathname);
			if (fault) return this.reply(req, res, fault.reply as Reply);
			return this.sendRecording(url.pathname, res);
		}
		if (url.pathname === '/__standin/echo') {
			// Stands for a CRM endpoint in e2e workflows: records what it was sent.
			this.echoes.push(JSON.parse(raw.toString('utf8') || '{}'));
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
			return;
		}
		if (url.pathname === '/__standin/history') {
			// A call ends and UniTalk writes it to the history (npm run demo:call, e2e; README "Try it").
			res.setHeader('Content-Type', 'application/json');
			try {
				const call = this.endCall(JSON.parse(raw.toString('utf8') || '{}'));
				res.writeHead(200).end(JSON.stringify({ dbid: call.dbid, call }));
			} catch (error) {
				res.writeHead(400).end(JSON.stringify({ message: (error as Error).message }));
			}
			return;
		}
		if (url.pathname === '/__standin/recording') {
			// UniTalk adds a recording to a call written earlier ({"dbid": 17}): e2e, Recording Ready.
			res.setHeader('Content-Type', 'application/json');
			try {
				const { dbid } = JSON.parse(raw.toString('utf8') || '{}') as { dbid?: number };
				res.writeHead(200).end(JSON.stringify({ link: this.state.addRecording(Number(dbid)) }));
			} catch (error) {
				res.writeHead(400).end(JSON.stringify({ message: (error as Error).message }));
			}
			return;
		}
		if (url.pathname === '/__standin/analyses') {
			// For tests in another process (e2e): how long voice analytics takes, and what it did.
			const analyses = this.state.analyses;
			const asked = JSON.parse(raw.toString('utf8') || '{}') as { durationMs?: unknown };
			if (typeof asked.durationMs === 'number') analyses.durationMs = asked.durationMs;
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					durationMs: analyses.durationMs,
					started: analyses.started,
					runningNow: analyses.runningNow,
					maxRunning: analyses.maxRunning,
					refusedBusy: analyses.refusedBusy,
					refusedInProgress: analyses.refusedInProgress,
				}),
			);
			return;
		}
		if (url.pathname.startsWith('/__standin/autodial/')) {
			// The dialler's controls for tests and the demo (test/standin/dialler.ts).
			res.setHeader('Content-Type', 'application/json');
			try {
				const body = JSON.parse(raw.toString('utf8') || '{}');
				const answer = this.autodialControl(url, req.method ?? 'GET', body);
				res.writeHead(answer ? 200 : 404).end(JSON.stringify(answer ?? { message: 'Not found' }));
			} catch (error) {
				res.writeHead(400).end(JSON.stringify({ message: (error as Error).message }));
			}
			return;
		}
		if (url.pathname === '/__standin/report') {
			// For tests in another process (e2e): what arrived, and the limit statistics.
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					echoes: this.echoes,
					stats: this.stats(),
					autodialLog: this.dialler.log,
					requests: this.requests.map(({ at, path, action, status, body, delivered }) => {
						const size =
							(body?.numbers?.length ?? 0) + (body?.numbersWithData?.length ?? 0) || undefined;
						// The numbers of a small ADD_NUMBERS too: a callback's params (#41) are checked in them.
						const numbers = action === 'ADD_NUMBERS' && (size ?? 0) <= 100;
						const kept = path.startsWith('/message') || path === '/calls/originateC2c' || numbers;
						return { at, path, action, status, delivered, size, body: kept ? body : undefined };
					}),
				}),
			);
			return;
		}
		// A base URL that moved (308 to /api/…) and one that redirects to itself forever; both hops
		// count against the key's limits, as UniTalk would count them.
		const redirect = url.pathname.startsWith('/moved/')
			? url.pathname.replace('/moved/', '/api/')
			: url.pathname.startsWith('/loop/')
				? url.pathname
				: undefined;
		if (redirect) {
			const key = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
			const limits = this.apiKeys.includes(key) ? this.limitsOf(key) : undefined;
			const rejection = limits?.admit(Date.now());
			if (limits && !rejection) limits.done();
			this.requests.push({
				at: Date.now(),
				path: url.pathname,
				query: {},
				body: undefined,
				contentType: '',
				authorization: req.headers.authorization,
				status: rejection?.status ?? 308,
				reply: null,
			});
			return this.reply(
				req,
				res,
				rejection ?? {
					status: url.pathname.startsWith('/loop/') ? 307 : 308,
					body: '',
					headers: { Location: redirect },
				},
			);
		}
		const path = url.pathname.replace(/^\/api/, '') || '/';
		const parsed = parseBody(raw, String(req.headers['content-type'] ?? ''));
		const request: StandInRequest = {
			path,
			query: Object.fromEntries(url.searchParams),
			body: parsed.body,
			files: parsed.files,
			contentType: String(req.headers['content-type'] ?? ''),
			headers: req.headers,
		};
		const authorization = req.headers.authorization;
		const key = String(authorization ?? '').replace(/^Bearer\s+/i, '');
		const record: RecordedRequest = {
			at: Date.now(),
			path,
			action: request.body?.action,
			query: request.query,
			body: request.body,
			contentType: request.contentType,
			authorization,
			status: 0,
			reply: null,
		};

		let reply: Reply;
		const limits = this.apiKeys.includes(key) ? this.limitsOf(key) : undefined;
		const rejection = limits?.admit(record.at);
		if (!limits)
			reply = { status: 401, body: { status: 'Error', message: UNDOCUMENTED_ANSWERS.auth } };
		else if (rejection) reply = rejection;
		else {
			try {
				if (this.options.latencyMs) await sleep(this.options.latencyMs);
				reply = await this.route(request);
			} catch (error) {
				reply = {
					status: 500,
					body: { status: 'Error', message: `Internal error: ${(error as Error).message}` },
				};
			} finally {
				limits.done();
			}
		}
		record.status = reply.status;
		record.reply = reply.body;
		this.requests.push(record);
		this.reply(req, res, reply);
	}

	private reply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
		if (reply.body === DROP) {
			req.socket.destroy(); // the connection dies after UniTalk got the request
			return;
		}
		if (reply.stream) return void streamReply(res, reply);
		res.writeHead(reply.status, {
			'Content-Type': reply.contentType ?? 'application/json',
			...reply.headers,
		});
		res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
	}

	/** The next injected fault for a path (and autodial action), used up once per request. */
	private takeFault(path: string, action?: string) {
		const fault = this.state.faults.find(
			(f) =>
				(f.path === path || (f.path.endsWith('*') && path.startsWith(f.path.slice(0, -1)))) &&
				(!f.action || f.action === action),
		);
		if (fault && --fault.times <= 0) this.state.faults.splice(this.state.faults.indexOf(fault), 1);
		return fault;
	}

	private async route(req: StandInRequest): Promise<Reply> {
		// An endpoint that takes no body is checked on its query string.
		const problem = bodyProblem(req.path, req.body ?? req.query);
		if (problem) {
			this.bodyProblems.push(`${req.path}: ${problem}`);
			return {
				status: 400,
				body: {
					status: 'Error',
					message: `Stand-in: the body does not match the reference (${problem})`,
				},
			};
		}
		this.onRequest?.(req.path, req.body);
		const fault = this.takeFault(req.path, req.body?.action);
		if (fault) {
			if (fault.delayMs) await sleep(fault.delayMs);
			return fault.reply as Reply;
		}
		const handler = this.routes[req.path];
		if (!handler) return { status: 404, body: { status: 'Error', message: 'Not found' } };
		return await handler(req);
	}

	private sendRecording(pathname: string, res: ServerResponse): void {
		const id = Number(pathname.split('/')[3]);
		const call = this.state.history.find((c) => c.id === id);
		if (!call?.link) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('Recording not found');
			return;
		}
		res.writeHead(200, {
			'Content-Type': 'audio/mpeg',
			'Content-Disposition': `attachment; filename="${id}.mp3"`,
		});
		res.end(Buffer.concat([Buffer.from('ID3'), Buffer.alloc(1021, id % 251)]));
	}
}

/** Writes a hostile body: nothing at all, a trickle, or many bytes; stops when the client leaves. */
async function streamReply(res: ServerResponse, reply: Reply): Promise<void> {
	const { hang, bytes = 0, everyMs } = reply.stream!;
	if (hang) return; // headers never come; stop() closes the socket
	res.writeHead(reply.status, { 'Content-Type': 'audio/mpeg', ...reply.headers });
	const chunk = Buffer.alloc(everyMs ? 1 : 64 * 1024, 7);
	for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
		if (everyMs) await sleep(everyMs);
		if (!res.write(chunk))
			await new Promise<void>((resolve) => {
				const done = () => {
					res.off('drain', done).off('close', done);
					resolve();
				};
				res.on('drain', done).on('close', done);
			});
	}
	res.end();
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function parseBody(
	raw: Buffer,
	contentType: string,
): { body: Json; files: StandInRequest['files'] } {
	if (!raw.length) return { body: undefined, files: {} };
	if (contentType.includes('application/json')) {
		try {
			return { body: JSON.parse(raw.toString('utf8')), files: {} };
		} catch {
			return { body: { __invalidJson: true }, files: {} };
		}
	}
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: {} };
	}
	if (contentType.includes('multipart/form-data')) return parseMultipart(raw, contentType);
	return { body: raw.toString('utf8'), files: {} };
}

function parseMultipart(
	raw: Buffer,
	contentType: string,
): { body: Json; files: StandInRequest['files'] } {
	const boundary = contentType.split('boundary=')[1];
	const body: Json = {};
	const files: StandInRequest['files'] = {};
	const text = raw.toString('latin1');
	for (const part of text.split(`--${boundary}`).slice(1, -1)) {
		const [head, ...rest] = part.split('\r\n\r\n');
		const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
		const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
		const fileName = /filename="([^"]*)"/.exec(head)?.[1];
		if (fileName !== undefined) {
			const mimeType = /Content-Type: (.+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
			files[name] = { fileName, mimeType, size: Buffer.byteLength(content, 'latin1') };
		} else {
			body[name] = Buffer.from(content, 'latin1').toString('utf8');
		}
	}
	return { body, files };
}
