import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files share one demo server and its database, so they run in name order: the admin's
 * file publishes the demo's first version, the storefront's reads what is published.
 */
class ByName extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return Promise.resolve([...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId)));
  }
}

// The browser suite (`npm run test:browser`): the demo store in Debian's Chromium, driven by
// playwright-core. Separate from `npm test` because it needs a browser and a production build.
export default defineConfig({
  test: {
    name: "browser",
    environment: "node",
    include: ["tests/browser/**/*.browser.ts"],
    globalSetup: ["tests/browser/global-setup.ts"],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    fileParallelism: false,
    sequence: { sequencer: ByName },
    // Hang guards only (a loaded CI machine is slow, never wrong): see vitest.config.ts.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
