/**
 * Size of the checkout UI extension as Shopify ships it (DESIGN §4: ≤ 24 KB compressed; Shopify
 * refuses more than 64 KB at deploy).
 *
 * Bundles the way `shopify app build` does: esbuild fed a generated entry that imports each
 * target's module and registers it with `shopify.extend`, minified, for ES2015, in production
 * mode. Two compressed figures: brotli at quality 11, which Shopify CLI 4 prints as
 * "compressed", and deflate, which earlier CLIs printed as the measure of Shopify's upload limit;
 * the budget holds for both. Each target is measured alone (what its code costs), and the whole
 * extension as one bundle (what the CLI uploads for all targets together).
 *
 * Usage: `npm run size` prints the table and exits 1 when something is over the budget.
 */
import { build, type BuildOptions } from "esbuild";
import { readFileSync } from "node:fs";
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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
