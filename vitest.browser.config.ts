import { defineConfig } from "vitest/config";

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
    // Hang guards only (a loaded CI machine is slow, never wrong): see vitest.config.ts.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
