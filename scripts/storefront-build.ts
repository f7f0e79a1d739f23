/**
 * Builds the theme app extension's JavaScript assets from `extensions/storefront-offers/src`:
 *
 * - `assets/ladder-engine.js`: the engine (`app/engine`), exposed on `globalThis.LadderEngine`;
 * - `assets/ladder.js`: the storefront script, whose engine imports read that global.
 *
 * Two assets because theme-check holds each to 10,000 bytes gzip and the engine alone is most of
 * that. The output is committed (Shopify serves the extension's files as they are, and the demo
 * storefront serves them from the repository); a test fails when it is not what this build makes.
 *
 * Usage: `npm run build:storefront` writes the assets; `--check` exits 1 when they are stale.
 */
import { build, type Plugin } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const STOREFRONT_DIR = path.resolve(import.meta.dirname, "../extensions/storefront-offers");
const SRC = path.join(STOREFRONT_DIR, "src");

/** What `engine-entry.ts` puts on the global, and all the storefront script may import. */
export const ENGINE_NAMES = [
  "assignGroup",
  "evaluate",
  "formatMoney",
  "load",
  "offerById",
  "parseMoney",
] as const;

export interface StorefrontAsset {
  name: string;
  code: string;
}

/** The engine's module, wherever a storefront file imports it from, becomes the global. */
const engineFromGlobal: Plugin = {
  name: "engine-from-global",
  setup(b) {
    b.onResolve({ filter: /\/app\/engine(\/index)?$/ }, () => ({
      path: "engine",
      namespace: "ladder-global",
    }));
    b.onLoad({ filter: /.*/, namespace: "ladder-global" }, () => ({
      contents: `export const { ${ENGINE_NAMES.join(", ")} } = globalThis.LadderEngine;`,
      loader: "js",
    }));
  },
};

async function bundle(entry: string, plugins: Plugin[]): Promise<string> {
  const result = await build({
    entryPoints: [path.join(SRC, entry)],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    // Evergreen browsers, as Shopify's themes support.
    target: "es2022",
    legalComments: "none",
    // Texts stay UTF-8 rather than \u escapes: Shopify serves assets as UTF-8.
    charset: "utf8",
    plugins,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/** Both assets, as the extension ships them. */
export async function buildStorefront(): Promise<StorefrontAsset[]> {
  return [
    { name: "ladder-engine.js", code: await bundle("engine-entry.ts", []) },
    { name: "ladder.js", code: await bundle("entry.ts", [engineFromGlobal]) },
  ];
}

export const assetPath = (name: string) => path.join(STOREFRONT_DIR, "assets", name);

async function main() {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const asset of await buildStorefront()) {
    const file = assetPath(asset.name);
    if (check) {
      let current = "";
      try {
        current = readFileSync(file, "utf8");
      } catch {
        // Missing counts as stale.
      }
      if (current !== asset.code) {
        console.error(`stale: assets/${asset.name} (run npm run build:storefront)`);
        stale += 1;
      }
    } else {
      writeFileSync(file, asset.code);
      console.log(`wrote assets/${asset.name} (${asset.code.length} bytes)`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
