// `npm start [-- --crm]`: try the package in a real n8n without a UniTalk account. Builds, installs
// the packed package into a user folder kept between starts, starts the UniTalk stand-in as a demo
// account (or uses the real API when UNITALK_API_KEY is set), imports the examples (published only
// when nothing is left to fill in), creates the owner login and starts n8n. `--crm` also starts the
// CRM stand-ins and imports a copy of each CRM example pointed at them, published. Ctrl-C stops
// everything. `npm run demo:event -- missed|answered|route` fires a webhook (`--life` a whole call);
// `npm run demo:call -- missed|answered` ends a call in the stand-in's history (the polling trigger).
// The tooling itself lives in scripts/demo/ (n8n installer, stand-in launcher, examples, bodies).
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const {
	TARGETS,
	CACHE,
	activate,
	cli,
	deactivate,
	ensureN8n,
	isFree,
	setProgressLabel,
	packPackage,
	pickPorts,
	setupOwner,
	startServer,
	userFolderWith,
	waitUntilReady,
} = require('./demo/n8n');
const {
	alreadyImported,
	CRM_OF,
	crmCopyId,
	crmStandInWorkflows,
	exampleFiles,
	exampleId,
	exampleWorkflows,
	placeholdersIn,
	publishable,
} = require('./demo/examples');
const { startCrmStandIns, startDemoAccount: startStandInAccount } = require('./demo/standin');

const ROOT = join(__dirname, '..');
const OWNER = {
	email: 'demo@unitalk.test',
	firstName: 'UniTalk',
	lastName: 'Demo',
	password: 'UniTalkDemo1',
};
const DEMO_KEY = 'demo-key';
const SECRET = 'demo-route-secret';
const STATE = join(CACHE, 'start-state.json');
/** The calls written to the demo account's history, kept between starts (scripts/demo/standin.js). */
const HISTORY = join(CACHE, 'start-standin-history.json');
/** The click-to-call key of the CRM stand-in copies (`--crm`). */
const CLICK_KEY = 'demo-click-key';
const withCrm = process.argv.includes('--crm');

async function main() {
	const started = (began = Date.now());
	setProgressLabel('npm start');
	const previous = existsSync(STATE) ? JSON.parse(readFileSync(STATE, 'utf8')) : {};
	const real = process.env.UNITALK_API_KEY?.trim();
	const target = TARGETS[TARGETS.length - 1]; // the newest n8n the e2e suite runs
	const n8n = ensureN8n(target);
	progress('building the package and installing it into n8n');
	run('npm', ['run', 'build']);
	const user = join(CACHE, `start-${target.version}`);
	mkdirSync(user, { recursive: true });
	userFolderWith(packPackage(), user);

	progress(
		real ? 'adding the credential of your account' : 'starting the demo account and its credential',
	);
	const standIn = real ? undefined : await startDemoAccount(previous.standInPort);
	const credential = real
		? {
				id: 'unitalkStartCred',
				name: 'UniTalk (real account)',
				data: {
					apiKey: real,
					authScheme: 'plain',
					baseUrl: process.env.UNITALK_BASE_URL || 'https://api.unitalk.cloud/api',
					requestBudget: 25,
				},
			}
		: {
				id: 'unitalkStartCred',
				name: 'UniTalk Demo (stand-in, not a real account)',
				data: {
					apiKey: DEMO_KEY,
					authScheme: 'plain',
					baseUrl: standIn.apiUrl,
					requestBudget: 25,
					timeZone: 'Europe/Kyiv',
				},
			};
	const credFile = join(user, 'start-credential.json');
	writeFileSync(credFile, JSON.stringify([{ ...credential, type: 'uniTalkApi' }]));
	cli(n8n, user, ['import:credentials', `--input=${credFile}`]);

	// Each example is imported once: a later start adds only examples it has not imported yet (a new
	// one, or one an earlier start lost), and keeps what the user changed in the others.
	const wfFile = join(user, 'start-workflows.json');
	const imported = alreadyImported(
		previous.importedExamples,
		existsSync(wfFile) ? JSON.parse(readFileSync(wfFile, 'utf8')) : undefined,
	);
	const fresh = exampleWorkflows({ credential, standIn, secret: SECRET }).filter(
		({ file }) => !imported.has(file),
	);
	/** Examples left unpublished this start, with what is left to fill in. */
	const unpublished = [];
	if (fresh.length) {
		progress(`importing ${fresh.length} example${fresh.length > 1 ? 's' : ''}`);
		const workflows = fresh.map(({ workflow }) => workflow);
		writeFileSync(wfFile, JSON.stringify(workflows));
		cli(n8n, user, ['import:workflow', `--input=${wfFile}`]);
		// Published only when nothing is left to fill in: a CRM example still holding "YOUR-INSTANCE…"
		// would make every call event send to that placeholder.
		for (const wf of workflows)
			if (publishable(wf)) activate(n8n, user, wf.id);
			else if (placeholdersIn(wf).length) unpublished.push(wf);
		for (const { file } of fresh) imported.add(file);
		// Remembered at once: a start stopped before n8n is ready must not import them again.
		writeFileSync(STATE, JSON.stringify({ ...previous, importedExamples: [...imported] }));
	}

	// --crm: the CRM stand-ins, and a copy of each CRM example pointed at them, imported again on
	// every such start (the stand-ins' ports are new each time) and published.
	const crm = withCrm ? await startCrmStandIns() : undefined;
	const crmCopies = crm
		? crmStandInWorkflows({ credential, standIn, secret: SECRET, crm, clickKey: CLICK_KEY })
		: [];
	if (crmCopies.length) {
		progress(`importing the ${crmCopies.length} CRM examples pointed at the CRM stand-ins`);
		const crmFile = join(user, 'start-crm-workflows.json');
		writeFileSync(crmFile, JSON.stringify(crmCopies.map(({ workflow }) => workflow)));
		cli(n8n, user, ['import:workflow', `--input=${crmFile}`]);
		for (const { workflow } of crmCopies) activate(n8n, user, workflow.id);
	}

	// Starts before #40 published every example with a webhook, the CRM ones still holding
	// "YOUR-INSTANCE…": once, unpublish those of them that still hold a placeholder.
	if (previous.importedExamples && !previous.placeholdersUnpublished) {
		const exported = join(user, 'start-export.json');
		cli(n8n, user, ['export:workflow', '--all', `--output=${exported}`]);
		const files = new Map(exampleFiles().map((file) => [exampleId(file), file]));
		for (const wf of JSON.parse(readFileSync(exported, 'utf8')))
			if (wf.active && files.has(wf.id) && placeholdersIn(wf).length) {
				progress(`unpublishing "${wf.name}": its settings still hold ${placeholdersIn(wf)[0]}`);
				deactivate(n8n, user, wf.id);
				unpublished.push(wf);
			}
	}
	// The copies of a --crm start send to CRM stand-ins that are gone: published with --crm only.
	if (!crm && previous.crmReports) {
		progress(
			"unpublishing the CRM examples' stand-in copies (npm start -- --crm publishes them again)",
		);
		for (const file of Object.keys(CRM_OF))
			try {
				deactivate(n8n, user, crmCopyId(file));
			} catch {
				// a copy the user deleted: nothing to unpublish
			}
	}
	previous.placeholdersUnpublished = true;

	// The same port every start (5678, n8n's own, or the first free one after it), so bookmarks and
	// the Test and Production URLs copied into UniTalk keep working; the task broker's may vary.
	const ports = await pickPorts();
	const port = (ports.main = await stablePort(previous.port));
	progress(`starting n8n on port ${port}`);
	const server = startServer(n8n, user, port);
	const base = `http://127.0.0.1:${port}`;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the stand-in…');
		standIn?.child.kill();
		crm?.child.kill();
		const exited = new Promise((resolve) => server.child.once('exit', resolve));
		server.child.kill('SIGTERM');
		// n8n shuts down gracefully; one that hangs is ended after 15 s.
		const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	server.child.once('exit', (code) => {
		if (stopping) return;
		console.error(`n8n exited (${code}).\n${server.log().slice(-2000)}`);
		standIn?.child.kill();
		crm?.child.kill();
		process.exit(1);
	});
	await waitUntilReady(base, 120_000);
	await setupOwner(base, OWNER);

	const hook = (id) => `${base}/webhook/${id}/unitalk`;
	/** Each CRM copy's call-event trigger (demo:event --to crm-vtiger…) and where to see what its CRM got. */
	const crmHooks = Object.fromEntries(
		crmCopies.map(({ file, triggers }) => [
			file.replace(/\.json$/, ''),
			hook(triggers.find((t) => t.mode === 'events').webhookId),
		]),
	);
	const crmReports = crm
		? Object.fromEntries(
				['vtiger', 'leadSquared', 'elma365'].map((n) => [n, `${crm[n].url}/__report`]),
			)
		: undefined;
	writeFileSync(
		STATE,
		JSON.stringify({
			port,
			events: hook('7a0e4a8e-2c3b-4c59-8d0b-5f6b8a1e2d02'),
			missed: hook('3f1c9a52-5e0b-4f8e-9c51-0b7d2c1a6e01'),
			route: `${hook('c2b7f7a4-1d7e-4a55-9a1a-6c0d3e9b4f03')}?key=${SECRET}`,
			key: real ?? DEMO_KEY,
			// The stand-in's address for demo:call, and its port for the next start.
			standIn: standIn?.url,
			standInPort: standIn ? Number(new URL(standIn.url).port) : previous.standInPort,
			importedExamples: [...imported],
			placeholdersUnpublished: true,
			...crmHooks,
			crmReports,
		}),
	);
	console.log(`
n8n ${n8n.version} with n8n-nodes-unitalk is ready in ${((Date.now() - started) / 1000).toFixed(0)} s:

  ${base}
  login: ${OWNER.email} / ${OWNER.password}

Credential: "${credential.name}"${real ? '' : ` (a UniTalk stand-in at ${standIn.apiUrl}; set UNITALK_API_KEY to use your account)`}
Workflows: the ${imported.size} examples (each imported once), with the call-event, missed-call and ROUTE triggers active.${
		unpublished.length
			? `
Unpublished until you fill in their settings (then publish them), so no call event reaches a placeholder:
${unpublished.map((wf) => `  ${wf.name}: ${placeholdersIn(wf).join(', ')}`).join('\n')}`
			: ''
	}${
		crm
			? `
CRM stand-ins (--crm): the CRM examples' copies "… (CRM stand-in)" are published and send to them;
see what each CRM received (JSON: its records, and every request with its answer):
${Object.entries(crmReports)
	.map(([name, url]) => `  ${name.padEnd(12)} ${url}`)
	.join('\n')}
  npm run demo:event -- --life --to crm-vtiger   one call's whole life (or crm-leadsquared, crm-elma365)`
			: `
CRM examples without a CRM: npm start -- --crm starts CRM stand-ins and a published copy of each, pointed at them.`
	}
From another terminal:
  npm run demo:event -- missed   a webhook to the UniTalk Trigger (or: answered, route; --life: one call's whole life; --list shows all)${
		real
			? ''
			: `
  npm run demo:call -- missed    a call ends in the demo account, for the Call History Trigger (or: answered)`
	}
Ctrl-C stops n8n${real ? '' : ' and the stand-in'}.`);
}

/**
 * The stand-in as the demo account, on the port of the last start when it is free (a credential the
 * user made against it keeps working, as n8n keeps 5678), with a few calls that ended minutes ago,
 * so the Call History Trigger's "Fetch Test Event" has something to show: written on the first
 * start only, then kept with every call demo:call writes (scripts/demo/standin.js).
 */
async function startDemoAccount(rememberedPort) {
	const port = rememberedPort && (await isFree(rememberedPort)) ? rememberedPort : 0;
	const standIn = await startStandInAccount({ apiKey: DEMO_KEY, port, historyFile: HISTORY });
	const moved = rememberedPort && standIn.url !== `http://127.0.0.1:${rememberedPort}`;
	if (moved)
		console.log(
			`npm start: port ${rememberedPort} is taken, so the stand-in moved to ${standIn.apiUrl}; the demo credential points there, a credential of your own needs that Base URL.`,
		);
	return standIn;
}

/** The port of the last start if it is free, else 5678 or the first free port after it. */
async function stablePort(remembered) {
	const candidates = [remembered, ...Array.from({ length: 50 }, (_, i) => 5678 + i)];
	for (const candidate of candidates.filter(Boolean)) if (await isFree(candidate)) return candidate;
	throw new Error('Ports 5678–5727 are all taken: stop another n8n and run npm start again.');
}

/** One line per step, with the time since the start: a first start takes minutes. */
let began = Date.now();
function progress(step) {
	console.log(`npm start: ${step}… (${((Date.now() - began) / 1000).toFixed(0)} s)`);
}

function run(command, args) {
	const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
