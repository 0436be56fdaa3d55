// Extracts the facts the tests check from UniTalk's API reference into test/reference/unitalk-facts.json:
// every documented endpoint, every autodial action and every error message with its explanation.
// The tests read only the committed JSON, so a clone of this repository tests itself. Run it again
// when the reference changes:  node scripts/extract-reference.js [path/to/unitalk-api.txt]
const fs = require('fs');
const path = require('path');

const HEADINGS =
	/^(Possible errors|Possible mistakes|Possible errors:|Possible mistakes:|Possible values of the error field.*):?$/;
const OUT = path.join(__dirname, '..', 'test', 'reference', 'unitalk-facts.json');

function documentedErrors(lines) {
	const pairs = [];
	for (let i = 0; i < lines.length; i++) {
		if (!HEADINGS.test(lines[i].replace(/:$/, '')) && !HEADINGS.test(lines[i])) continue;
		// Pairs of (message, explanation) until a line that starts a new section.
		for (
			let j = i + 1;
			j + 1 < lines.length && isMessage(lines[j]) && !HEADINGS.test(lines[j]);
			j += 2
		) {
			pairs.push({ message: lines[j], explanation: lines[j + 1] });
			if (lines[j + 2] === 'Сopied' || lines[j + 3] === 'Сopied') break;
		}
	}
	return pairs;
}

function isMessage(line) {
	return (
		line.length > 0 &&
		line.length < 90 &&
		!line.startsWith('{') &&
		!line.startsWith('"') &&
		line !== 'Сopied'
	);
}

function documentedPaths(text) {
	const pattern =
		/(?:Relative path: ?|POST:? )(\/[A-Za-z0-9/]+)|(\/[A-Za-z]+\/[A-Za-z/]+) Mode: POST/g;
	const paths = new Set();
	for (const match of text.matchAll(pattern)) {
		// "/api/eventHandlers/…" is relative to a base that already ends in /api (see misc.ts)
		paths.add(
			(match[1] ?? match[2])
				.replace(/^\/api\//, '/')
				.replace(/^\/calls\/originateC$/, '/calls/originateC2c'),
		);
	}
	return [...paths].sort();
}

function autodialActions(text) {
	const list = text.slice(
		text.indexOf('List of possible field values:'),
		text.indexOf('Since this method has many variations'),
	);
	return [...list.matchAll(/^([A-Z_]{3,})$/gm)].map((m) => m[1]).sort();
}

const file =
	process.argv[2] || path.join(__dirname, '..', '..', 'shared', 'reference', 'unitalk-api.txt');
const text = fs.readFileSync(file, 'utf8');
const facts = {
	source: 'UniTalk API reference (unitalk-api.txt), extracted by scripts/extract-reference.js',
	paths: documentedPaths(text),
	autodialActions: autodialActions(text),
	errors: documentedErrors(text.split('\n').map((l) => l.trim())),
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `${JSON.stringify(facts, null, '\t')}\n`);
console.log(
	`${facts.paths.length} endpoints, ${facts.autodialActions.length} autodial actions, ${facts.errors.length} error messages → ${path.relative(process.cwd(), OUT)}`,
);
