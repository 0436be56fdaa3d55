import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server that must never be reached (cloud metadata, an intranet host): it counts its hits. */
export class Forbidden {
	hits = 0;
	port = 0;
	private server?: Server;

	async start(): Promise<this> {
		this.server = createServer((_req, res) => {
			this.hits++;
			res.end('{"AccessKeyId":"leaked"}');
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}
