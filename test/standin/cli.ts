/**
 * Runs the stand-in on its own (e2e suite, `npm start`): `cli.ts [port] [apiKey]` prints
 * {"url", "apiUrl", "autodialerId"} and serves until killed.
 */
import { StandIn } from './server';

async function main() {
	const port = Number(process.argv[2] ?? 0);
	const standIn = await new StandIn({ apiKeys: [process.argv[3] ?? 'e2e-key'] }).start(port);
	standIn.state.seedHistory(3500);
	// Seconds since late 2023: ids of this start are above those of every earlier one.
	standIn.state.continueIdsFrom(Math.floor(Date.now() / 1000) - 1_700_000_000);
	const id = standIn.state.newId();
	standIn.state.tasks.set(id, {
		id,
		name: 'Demo campaign',
		autodialerType: 'AUTODIAL',
		autodialerMode: 'FIXED',
		status: 'WAITING',
		config: {},
		numbers: new Map(),
		calls: [],
	});
	process.stdout.write(
		`${JSON.stringify({ url: standIn.url, apiUrl: standIn.apiUrl, autodialerId: id })}\n`,
	);
}

void main();
