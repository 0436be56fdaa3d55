/**
 * The three CRM stand-ins on their own (the e2e suite): `cli.ts` prints one line of JSON with each
 * one's URL and the values a user types into the example's "CRM settings", then serves until killed.
 * Each answers GET /__report with {state, exchanges}.
 */
import { crmStandIns } from './fixtures';

async function main() {
	const crms = await crmStandIns();
	process.stdout.write(`${JSON.stringify(crms.settings)}\n`);
}

void main();
