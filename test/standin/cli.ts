/** Runs the stand-in on its own (used by the e2e suite and by hand): `node -r ts-node/register test/standin/cli.ts PORT`. */
import { StandIn } from './server';

async function main() {
	const port = Number(process.argv[2] ?? 0);
	const standIn = await new StandIn({ apiKeys: (process.env.UNITALK_KEYS ?? 'test-key').split(',') }).start(port);
	standIn.state.seedHistory(Number(process.env.UNITALK_HISTORY ?? 3500));
	process.stdout.write(`${JSON.stringify({ url: standIn.url, apiUrl: standIn.apiUrl })}\n`);
}

void main();
