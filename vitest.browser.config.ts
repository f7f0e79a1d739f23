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
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
