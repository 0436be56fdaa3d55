// Prints the plain closing line CI reads ("N passed, N failed, N skipped") after Jest's own summary.
// Failed counts tests; a file that could not run at all (a syntax error, a failing import) has no
// tests to count, so it is named apart instead of being added to the failures.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const {
			numPassedTests: passed,
			numFailedTests: failed,
			numPendingTests: skipped,
			numRuntimeErrorTestSuites: broken,
		} = results;
		const files = broken ? `, ${broken} test file(s) could not run` : '';
		process.stdout.write(
			`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${files}\n`,
		);
	}
}
module.exports = SummaryReporter;
