// Prints the plain closing line CI reads ("N passed, N failed, N skipped") after Jest's own summary.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const {
			numPassedTests: passed,
			numFailedTests: failed,
			numPendingTests: skipped,
			numFailedTestSuites: brokenSuites,
		} = results;
		process.stdout.write(
			`\ntests: ${passed} passed, ${failed + brokenSuites} failed, ${skipped} skipped\n`,
		);
	}
}
module.exports = SummaryReporter;
