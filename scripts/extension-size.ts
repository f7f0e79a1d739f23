/**
 * Sizes of what Ladder ships to buyers' browsers.
 *
 * Checkout: the checkout UI extension as Shopify ships it (DESIGN §4: ≤ 24 KB compressed; Shopify
 * refuses more than 64 KB at deploy).
 *
 * Bundles the way `shopify app build` does: esbuild fed a generated entry that imports each
 * target's module and registers it with `shopify.extend`, minified, for ES2015, in production
 * mode. Two compressed figures: brotli at quality 11, which Shopify CLI 4 prints as
 * "compressed", and deflate, which earlier CLIs printed as the measure of Shopify's upload limit;
 * the budget holds for both. Each target is measured alone (what its code costs), and the whole
 * extension as one bundle (what the CLI uploads for all targets together).
 *
 * Storefront: the theme app extension's assets as committed (DESIGN §4: each JavaScript asset
 * ≤ 10,000 B gzip, theme-check's limit; all of Ladder's JavaScript on a page ≤ 12,000 B gzip;
 * the stylesheet small). Every page with a Ladder block or the embed loads both scripts.
 *
 * Usage: `npm run size` prints the tables and exits 1 when something is over a budget.
 */
import { build, type BuildOptions } from "esbuild";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib";
import { parse } from "smol-toml";

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../extensions/checkout-offers");
export const BUDGET_BYTES = 24 * 1024;
export const SHOPIFY_LIMIT_BYTES = 64 * 1024;

interface ExtensionToml {
  extensions: { targeting: { target: string; module: string }[] }[];
}

export interface BundleSize {
  name: string;
  raw: number;
  deflate: number;
  gzip: number;
  brotli: number;
}

export function targetsOf(dir = EXTENSION_DIR): { target: string; module: string }[] {
  const toml = parse(readFileSync(path.join(dir, "shopify.extension.toml"), "utf8"));
  return (toml as unknown as ExtensionToml).extensions.flatMap((extension) => extension.targeting);
}

/** The entry the Shopify CLI generates: import each target's module, register it. */
function entry(targets: { target: string; module: string }[]): string {
  return targets
    .map(
      ({ target, module }, i) =>
        `import Target_${i} from ${JSON.stringify(module)};` +
        `shopify.extend(${JSON.stringify(target)}, (...args) => Target_${i}(...args));`,
    )
    .join("\n");
}

/** The CLI's esbuild options for UI extensions (bundle, JSX, ES2015, minified, no comments). */
function options(contents: string, dir: string): BuildOptions {
  return {
    stdin: { contents, resolveDir: dir, loader: "tsx", sourcefile: "extension-entry.tsx" },
    bundle: true,
    write: false,
    minify: true,
    jsx: "automatic",
    target: "es6",
    legalComments: "none",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    loader: { ".esnext": "ts", ".js": "jsx" },
    resolveExtensions: [".tsx", ".ts", ".js", ".json", ".esnext", ".mjs", ".ejs"],
    logLevel: "silent",
  };
}

async function measure(name: string, contents: string, dir: string): Promise<BundleSize> {
  const result = await build(options(contents, dir));
  const code = Buffer.from(result.outputFiles?.[0]?.contents ?? new Uint8Array());
  return {
    name,
    raw: code.byteLength,
    deflate: deflateSync(code).byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).byteLength,
  };
}

/** Every target alone, then the whole extension as the CLI bundles it. */
export async function measureExtension(dir = EXTENSION_DIR): Promise<BundleSize[]> {
  const targets = targetsOf(dir);
  const sizes: BundleSize[] = [];
  for (const target of targets) sizes.push(await measure(target.target, entry([target]), dir));
  sizes.push(await measure("whole extension (uploaded)", entry(targets), dir));
  return sizes;
}

/** The larger of the two compressed measures, which the budget applies to. */
export const compressed = (size: BundleSize) => Math.max(size.brotli, size.deflate);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const STOREFRONT_ASSETS_DIR = path.resolve(
  import.meta.dirname,
  "../extensions/storefront-offers/assets",
);
/** theme-check's limit for one JavaScript asset, and DESIGN §4's for each. */
export const STOREFRONT_ASSET_BUDGET = 10_000;
/** All of Ladder's JavaScript on one storefront page. */
export const STOREFRONT_PAGE_BUDGET = 12_000;
/** The stylesheet: small enough to never matter. */
export const STOREFRONT_CSS_BUDGET = 2_000;

export interface AssetSize {
  name: string;
  raw: number;
  gzip: number;
}

/** The theme app extension's assets as they ship, gzip at level 9 (as a CDN serves them). */
export function measureStorefront(dir = STOREFRONT_ASSETS_DIR): AssetSize[] {
  return readdirSync(dir)
    .filter((name) => /\.(js|css)$/.test(name))
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      return { name, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
    });
}

/** Problems with the storefront budgets, one line each; empty when within them. */
export function storefrontOverBudget(sizes: readonly AssetSize[]): string[] {
  const scripts = sizes.filter((s) => s.name.endsWith(".js"));
  const problems = scripts
    .filter((s) => s.gzip > STOREFRONT_ASSET_BUDGET)
    .map((s) => `${s.name}: ${s.gzip} B gzip > ${STOREFRONT_ASSET_BUDGET}`);
  const page = scripts.reduce((sum, s) => sum + s.gzip, 0);
  if (page > STOREFRONT_PAGE_BUDGET) {
    problems.push(`all scripts on a page: ${page} B gzip > ${STOREFRONT_PAGE_BUDGET}`);
  }
  for (const css of sizes.filter((s) => s.name.endsWith(".css"))) {
    if (css.gzip > STOREFRONT_CSS_BUDGET) {
      problems.push(`${css.name}: ${css.gzip} B gzip > ${STOREFRONT_CSS_BUDGET}`);
    }
  }
  return problems;
}

function printStorefront(): boolean {
  const sizes = measureStorefront();
  const scripts = sizes.filter((s) => s.name.endsWith(".js"));
  console.log("\nstorefront (theme app extension assets)");
  for (const s of sizes) {
    console.log(
      `${s.name.padEnd(20)} ${String(s.raw).padStart(7)} B raw ${String(s.gzip).padStart(7)} B gzip`,
    );
  }
  const page = scripts.reduce((sum, s) => sum + s.gzip, 0);
  console.log(
    `${"scripts on a page".padEnd(20)} ${" ".repeat(13)} ${String(page).padStart(7)} B gzip`,
  );
  console.log(
    `budget ${STOREFRONT_ASSET_BUDGET} B gzip per script, ${STOREFRONT_PAGE_BUDGET} B for a page's scripts, ${STOREFRONT_CSS_BUDGET} B for the stylesheet; all deferred`,
  );
  const problems = storefrontOverBudget(sizes);
  for (const problem of problems) console.error(`over budget: ${problem}`);
  return problems.length === 0;
}

async function main() {
  const sizes = await measureExtension();
  const rows = sizes.map((s) => [s.name, kb(s.raw), kb(s.brotli), kb(s.deflate), kb(s.gzip)]);
  const header = ["bundle", "raw", "brotli (CLI 4)", "deflate", "gzip -9"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `budget ${kb(BUDGET_BYTES)} compressed per bundle; Shopify's limit ${kb(SHOPIFY_LIMIT_BYTES)}`,
  );
  const over = sizes.filter((s) => compressed(s) > BUDGET_BYTES);
  if (over.length > 0) {
    console.error(`over budget: ${over.map((s) => s.name).join(", ")}`);
    process.exitCode = 1;
  }
  if (!printStorefront()) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
