// The examples in examples/ as `npm start` (and the browser suite) imports them: each under an id
// derived from its whole file name, wired to the start's credential and stand-in; published only
// when nothing is left to fill in; and, for `npm start -- --crm`, the CRM examples filled with the
// CRM stand-ins' settings.
const { createHash } = require('node:crypto');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/**
 * n8n's workflow ids are 16 characters. A hash of the whole file name cannot be shared by two files
 * the way a cut-off name was ("missed-call-sms-polling.json" and "missed-call-sms.json").
 */
function exampleId(file) {
	return `ut${createHash('sha256').update(file).digest('hex').slice(0, 14)}`;
}

/** The id `npm start` gave before #32: the file name cut to 16 characters (two files shared one). */
function legacyExampleId(file) {
	return `unitalkStart${file.replace(/\W/g, '')}`.slice(0, 16).padEnd(16, '0');
}

function exampleFiles() {
	return readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

/**
 * Every example as `{ file, workflow }`, the workflow ready to import: the credential's id and name put in, the ROUTE secret set,
 * and with a stand-in the CRM call sent to its echo endpoint and the autodialers set to its demo ones.
 */
function exampleWorkflows({ credential, standIn, secret }) {
	return exampleFiles().map((file) => {
		let json = readFileSync(join(EXAMPLES, file), 'utf8')
			.replaceAll('REPLACE_WITH_YOUR_CREDENTIAL_ID', credential.id)
			.replaceAll('UniTalk account', credential.name)
			.replaceAll('CHANGE_ME', secret);
		if (standIn)
			json = json
				.replaceAll('https://crm.example.com/api/calls', `${standIn.url}/__standin/echo`)
				.replaceAll('"value": "1307"', `"value": "${standIn.autodialerId}"`)
				.replaceAll(
					'CHOOSE_A_CALLBACK_AUTODIALER',
					String(standIn.callbackAutodialerId ?? 'CHOOSE_A_CALLBACK_AUTODIALER'),
				)
				// The demo account's group of operators ("Sales managers").
				.replaceAll('"groupId": "CHOOSE_A_GROUP"', '"groupId": "300"');
		return { file, workflow: { ...JSON.parse(json), id: exampleId(file), active: false } };
	});
}

/**
 * What a user must replace before an example can run (a CRM's URL, a secret, the credential): while
 * one is left in a node's parameters, `npm start` imports the example unpublished, so no call event
 * makes n8n contact "YOUR-INSTANCE…". Sticky notes may name them; they are not looked at.
 */
const PLACEHOLDER =
	/https:\/\/YOUR-[^"]*|PASTE_YOUR_\w+|CHOOSE_A_\w+|https:\/\/crm\.example\.com\/[^"]*|REPLACE_WITH_YOUR_\w+|CHANGE_ME/g;

/** The placeholders left in a workflow's nodes (sticky notes aside), each once. */
function placeholdersIn(workflow) {
	const nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
	return [...new Set(JSON.stringify(nodes.map((node) => node.parameters)).match(PLACEHOLDER))];
}

/** Whether `npm start` publishes it: it has a webhook trigger, and nothing is left to fill in. */
function publishable(workflow) {
	return workflow.nodes.some((node) => node.webhookId) && placeholdersIn(workflow).length === 0;
}

/**
 * What a user types into each CRM example's "CRM settings" (and its ROUTE secret), from the CRM
 * stand-ins' settings (scripts/demo/standin.js startCrmStandIns): placeholder → value.
 */
function crmSettings(crm, { clickKey, routeSecret }) {
	return {
		'crm-vtiger.json': {
			'https://YOUR-INSTANCE.od2.vtiger.com/modules/PhoneCalls/callbacks/Generic.php':
				crm.vtiger.callbackUrl,
			PASTE_YOUR_VTIGER_SECRET_KEY: crm.vtiger.secret,
			CHOOSE_A_CLICK_TO_CALL_KEY: clickKey,
		},
		'crm-leadsquared.json': {
			'https://YOUR-LEADSQUARED-CALL-LOG-API-URL': crm.leadSquared.callLogUrl,
			'https://YOUR-LEADSQUARED-AGENT-POPUP-API-URL': crm.leadSquared.agentPopupUrl,
			'https://YOUR-LEADSQUARED-CALL-ROUTE-API-URL': crm.leadSquared.callRouteUrl,
			CHOOSE_A_CLICK_TO_CALL_KEY: clickKey,
			CHANGE_ME: routeSecret,
		},
		'crm-elma365.json': {
			'https://YOUR-COMPANY.elma365.com/YOUR-TELEPHONY-MODULE-WEBHOOK-URL': crm.elma365.webhookUrl,
			PASTE_YOUR_MODULE_TOKEN: crm.elma365.token,
		},
	};
}

/** Which CRM stand-in each CRM example talks to (its key in startCrmStandIns' answer). */
const CRM_OF = {
	'crm-vtiger.json': 'vtiger',
	'crm-leadsquared.json': 'leadSquared',
	'crm-elma365.json': 'elma365',
};

/** The id of a CRM example's stand-in copy (`npm start -- --crm`). */
function crmCopyId(file) {
	return exampleId(`${file}#crm-stand-in`);
}

/** A UUID derived from `text`: the same on every start, unlike the example's own. */
function derivedUuid(text) {
	const h = createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `npm start -- --crm`: a copy of each CRM example with its "CRM settings" filled with the CRM
 * stand-ins' (`crm`), ready to publish. A copy has an id, a name and webhook paths of its own, so it
 * never replaces the example (and what the user filled into it) nor competes for its URLs.
 * `{ file, crm, workflow, triggers }`: `triggers` are the webhook ids of its UniTalk Triggers.
 */
function crmStandInWorkflows({ credential, standIn, secret, crm, clickKey }) {
	const settings = crmSettings(crm, { clickKey, routeSecret: secret });
	return exampleWorkflows({ credential, standIn, secret })
		.filter(({ file }) => settings[file])
		.map(({ file, workflow }) => {
			let json = JSON.stringify(workflow);
			for (const [from, to] of Object.entries(settings[file])) json = json.replaceAll(from, to);
			const copy = JSON.parse(json);
			copy.id = crmCopyId(file);
			copy.name = `${copy.name} (CRM stand-in)`;
			for (const node of copy.nodes) {
				if (node.webhookId) node.webhookId = derivedUuid(`${file}#${node.webhookId}`);
				if (typeof node.parameters?.path === 'string')
					node.parameters.path = `crm-stand-in-${node.parameters.path}`;
			}
			const triggers = copy.nodes
				.filter((node) => node.type === 'n8n-nodes-unitalk.uniTalkTrigger')
				.map((node) => ({ webhookId: node.webhookId, mode: node.parameters.mode ?? 'events' }));
			return { file, crm: CRM_OF[file], workflow: copy, triggers };
		});
}

/**
 * The example files an earlier start already imported, so a later start adds only new ones and keeps
 * what the user changed. `legacyImport` is the list the first start of a release before #32 imported:
 * of files sharing one cut-off id only the last was kept in n8n, the others still need importing.
 */
function alreadyImported(remembered, legacyImport) {
	if (remembered) return new Set(remembered);
	if (!legacyImport) return new Set();
	const files = exampleFiles();
	const lastWithId = new Map(files.map((file) => [legacyExampleId(file), file]));
	const names = new Set(legacyImport.map((workflow) => workflow.name));
	const kept = files.filter((file) => lastWithId.get(legacyExampleId(file)) === file);
	return new Set(
		kept.filter((file) => names.has(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')).name)),
	);
}

module.exports = {
	alreadyImported,
	CRM_OF,
	crmCopyId,
	crmSettings,
	crmStandInWorkflows,
	exampleFiles,
	exampleId,
	exampleWorkflows,
	legacyExampleId,
	placeholdersIn,
	publishable,
};
