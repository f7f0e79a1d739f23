import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "build/",
    "public/build/",
    ".cache/",
    ".schema-cache/",
    "coverage/",
    "extensions/*/dist/",
    "extensions/*/generated/",
    ".shopify/",
    "extensions/checkout-offers/shopify.d.ts",
    // Built from extensions/storefront-offers/src by scripts/storefront-build.ts.
    "extensions/storefront-offers/assets/*.js",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Components, and the checkout extension's hooks (Preact follows the same rules).
    files: ["**/*.tsx", "extensions/*/src/**/*.ts"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
  },
  {
    rules: {
      // The codebase's contract: types all the way down, and no "trust me" on API results.
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
);
