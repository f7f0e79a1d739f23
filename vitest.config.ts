import { defineConfig } from "vitest/config";

// Four projects, one `vitest run`:
// - "engine": pure code (engine, config validation, CLI); no database, no Shopify.
// - "function": the discount function (extensions/offer-discounts) against its generated
//   schema.graphql, with Shopify's function test helpers; no database.
// - "app": routes, webhooks, models, GraphQL documents and the demo seams, on a real SQLite
//   database migrated once per run, a fresh copy per test file, and the real Admin schema.
// - "extension": the checkout UI extension under Shopify's official test harness
//   (@shopify/ui-extensions-tester) in jsdom, rendered with Preact.
// - "storefront": the theme app extension: theme-check, its Liquid blocks rendered with liquidjs,
//   its assets' build and budgets, and its script in jsdom (per file); no database.
const ON_POSTGRES = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "");
const PURE_SUITES = ["engine", "config", "cli", "storefront"];
const OWN_ENVIRONMENT = ["extension"];

// Time limits only catch a hang; they are never a speed check (benchmarks in tests/bench/ measure
// speed). CI shares its machine, so a test that takes 50 ms alone can take 30 s there: every limit
// is the same generous one, and no test sets a shorter one.
const HANG_LIMIT_MS = 600_000;
// Inline projects do not inherit the root's test options: each one spreads these.
const limits = {
  testTimeout: HANG_LIMIT_MS,
  hookTimeout: HANG_LIMIT_MS,
  teardownTimeout: HANG_LIMIT_MS,
};

export default defineConfig({
  test: {
    ...limits,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    // The Shopify library logs every authentication at INFO; keep its warnings and errors.
    onConsoleLog: (log) => !/\[shopify-(api|app)\/INFO\]/.test(log),
    projects: [
      {
        test: {
          ...limits,
          name: "engine",
          environment: "node",
          include: PURE_SUITES.map((suite) => `tests/${suite}/**/*.test.ts`),
        },
      },
      {
        test: {
          ...limits,
          name: "function",
          environment: "node",
          include: ["tests/function/**/*.test.ts"],
          globalSetup: ["tests/function/global-setup.ts"],
        },
      },
      {
        test: {
          ...limits,
          name: "app",
          environment: "node",
          include: ["tests/**/*.test.{ts,tsx}"],
          exclude: [
            ...[...PURE_SUITES, ...OWN_ENVIRONMENT].map((suite) => `tests/${suite}/**`),
            "tests/function/**",
            "tests/bench/**",
            // The demo refuses a server database by design (tests/demo/mode.test.ts checks the
            // refusal on PostgreSQL too): its end-to-end test runs on SQLite only.
            ...(ON_POSTGRES ? ["tests/demo/demo-app.test.ts"] : []),
          ],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/app-env.ts"],
        },
      },
      {
        // The extension's JSX is Preact's, as the Shopify CLI bundles it.
        esbuild: { jsx: "automatic", jsxImportSource: "preact" },
        test: {
          ...limits,
          name: "extension",
          environment: "jsdom",
          include: ["tests/extension/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/extension/setup.ts"],
          // The harness imports the extension module itself; inlined, that import goes through
          // Vite and gets the TypeScript and JSX transforms.
          server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
        },
      },
    ],
  },
});
