// Lists every documented UniTalk error message with its explanation, straight from the reference.
// Used by test/transport/errors.test.ts (the table must cover all of them) and to refresh the table.
const fs = require('fs');
const path = require('path');

const HEADINGS = /^(Possible errors|Possible mistakes|Possible errors:|Possible mistakes:|Possible values of the error field.*):?$/;

function extractDocumentedErrors(referenceText) {
	const lines = referenceText.split('\n').map((l) => l.trim());
	const pairs = [];
	for (let i = 0; i < lines.length; i++) {
		if (!HEADINGS.test(lines[i].replace(/:$/, '')) && !HEADINGS.test(lines[i])) continue;
		let j = i + 1;
		// Pairs of (message, explanation) until a line that starts a new section.
		while (j + 1 < lines.length && isMessage(lines[j]) && !HEADINGS.test(lines[j])) {
			pairs.push({ message: lines[j], explanation: lines[j + 1] });
			j += 2;
			if (lines[j] === 'Сopied' || lines[j + 1] === 'Сopied') break;
		}
	}
	return pairs;
}

function isMessage(line) {
	return line.length > 0 && line.length < 90 && !line.startsWith('{') && !line.startsWith('"') && line !== 'Сopied';
}

module.exports = { extractDocumentedErrors };

if (require.main === module) {
	const file = process.argv[2] || path.join(__dirname, '../../shared/reference/unitalk-api.txt');
	const pairs = extractDocumentedErrors(fs.readFileSync(file, 'utf8'));
	for (const p of pairs) console.log(JSON.stringify(p.message) + ' => ' + p.explanation.slice(0, 80));
	console.log(pairs.length, 'pairs');
}
