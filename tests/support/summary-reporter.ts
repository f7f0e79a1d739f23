import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with one plain line, "N passed, N failed" (", N skipped" when any), after
 * Vitest's own summary, so any CI log reader can tell what ran.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === "passed" || state === "failed" || state === "skipped") count[state]++;
      }
      // A file that failed to load has no test cases but must not read as green.
      if (testModule.state() === "failed" && [...testModule.children.allTests()].length === 0) {
        count.failed++;
      }
    }
    const skipped = count.skipped ? `, ${count.skipped} skipped` : "";
    console.log(`\nTests: ${count.passed} passed, ${count.failed} failed${skipped}`);
  }
}
