// The examples in examples/ as `npm start` (and the browser suite) imports them: each under an id
// derived from its whole file name, wired to the start's credential and stand-in.
const { createHash } = require('node:crypto');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const EXAMPLES = join(__dirname, '..', 'examples');

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
 * and with a stand-in the CRM call sent to its echo endpoint and the autodialer set to its demo one.
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
				.replaceAll('"value": "1307"', `"value": "${standIn.autodialerId}"`);
		return { file, workflow: { ...JSON.parse(json), id: exampleId(file), active: false } };
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

module.exports = { alreadyImported, exampleFiles, exampleId, exampleWorkflows, legacyExampleId };
