/**
 * Builds the theme app extension's JavaScript assets from `extensions/storefront-offers/src`:
 *
 * - `assets/ladder-engine.js`: the engine (`app/engine`), exposed on `globalThis.LadderEngine`;
 * - `assets/ladder.js`: the storefront script, whose engine imports read that global.
 *
 * Two assets because theme-check holds each to 10,000 bytes gzip and the engine alone is most of
 * that; every page with a Ladder block loads both, and DESIGN §4 holds the two to 12,000 bytes
 * gzip together. To fit, the script calls `evaluateShown` (no discount or suppression report),
 * both assets rename Ladder's private property names alike (`PRIVATE_PROPS`), and terser
 * compresses esbuild's output once more. The output is committed (Shopify serves the extension's files as they are, and the demo
 * storefront serves them from the repository); a test fails when it is not what this build makes.
 *
 * Usage: `npm run build:storefront` writes the assets; `--check` exits 1 when they are stale.
 */
import { parse } from "acorn";
import { build, type Plugin } from "esbuild";
import { minify } from "terser";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const STOREFRONT_DIR = path.resolve(import.meta.dirname, "../extensions/storefront-offers");
const SRC = path.join(STOREFRONT_DIR, "src");

/** What `engine-entry.ts` puts on the global, and all the storefront script may import. */
export const ENGINE_NAMES = [
  "assignGroup",
  "evaluateShown",
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

/**
 * Property names private to Ladder's own objects (the engine's runtime model, its evaluation and
 * the script's internal shapes), which both assets rename alike. Never a name that crosses the
 * page's boundary: nothing read from JSON (the inlined page data, the Cart API, the published
 * config, the product block's data), written to the Cart API, looked up by a computed key (a
 * message template's placeholders: `price`, `savings`, `remaining`, `threshold`) or belonging to
 * the platform (`message`, `target`, `type`, `size`, `open`, `values` of Object...). The build
 * fails when a name here still shows in an asset, or when a short name would collide.
 */
export const PRIVATE_PROPS = [
  // Runtime config and offers
  "offerAt",
  "digits",
  "settings",
  "form",
  "everywhere",
  "relevant",
  "byVariant",
  "byTarget",
  "byProduct",
  "byCollection",
  "byTag",
  "active",
  "priority",
  "startsAt",
  "endsAt",
  "segments",
  "percent",
  "percentShown",
  "amountOff",
  "bundlePrice",
  "extraTargets",
  "minQuantity",
  "tiers",
  "countries",
  "weight",
  "kind",
  "item",
  "to",
  "index",
  "variantId",
  // Settings
  "maxOffers",
  "maxPriceRatio",
  "cooldownDays",
  "holdoutPercent",
  "suppressTags",
  "budgetTags",
  "frequentMinOrders",
  "premiumTags",
  "premiumMinSpent",
  "premiumMinSpentMajor",
  // Checkout input and its runtime form
  "lines",
  "unitPrice",
  "collectionIds",
  "ladderOffer",
  "lineCount",
  "subtotal",
  "countryCode",
  "visitorKey",
  "amountSpent",
  "now",
  "total",
  // Evaluation
  "group",
  "offers",
  "progress",
  "discounts",
  "suppressed",
  "offerId",
  "headline",
  "why",
  "action",
  "lineId",
  "reached",
  "reason",
  "amount",
  "checkoutLimits",
  // Internals of evaluate, earn, match, discounts and the template renderer
  "linesByVariant",
  "quantityOf",
  "byOffer",
  "selfOnly",
  "selfMatched",
  "touched",
  "pricedLines",
  "priced",
  "seenAt",
  "marked",
  "matches",
  "forceReasons",
  "standAside",
  "giftBasis",
  "applied",
  "offerIndex",
  "candidate",
  "facts",
  "itemTitle",
  "lineTitle",
  "setPrice",
  "shown",
  "variant",
  "offer",
  "line",
  "best",
  "base",
  "used",
  "remainder",
  "money",
  "checkout",
  "tokens",
  "parts",
  "inner",
  "text",
  "capitalize",
  // The storefront script's own, and what it takes from the engine's asset
  "evaluation",
  "viewing",
  ...ENGINE_NAMES,
] as const;

const PRIVATE_SET: ReadonlySet<string> = new Set(PRIVATE_PROPS);

/** Every name used as a property (member access, object key, destructuring key), with counts. */
export function propertyNames(code: string): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; computed?: boolean; property?: unknown; key?: unknown };
    const named = (value: unknown) =>
      value && typeof value === "object" && "name" in value && typeof value.name === "string"
        ? value.name
        : null;
    if (n.type === "MemberExpression" && !n.computed) count(named(n.property) ?? "");
    if ((n.type === "Property" || n.type === "MethodDefinition") && !n.computed) {
      const key = named(n.key);
      if (key) count(key);
    }
    for (const value of Object.values(node)) if (value && typeof value === "object") visit(value);
  };
  visit(parse(code, { ecmaVersion: 2022 }));
  return counts;
}

/** Short names, shortest first: one character, then two. */
function* shortNames(): Generator<string> {
  const first = "etnriaouslcdfhpmgbvyjkwxzqEAOSTIRNLCDMPBFHGJKQUVWXYZ$_";
  const next = `${first}0123456789`;
  yield* first;
  for (const a of first) for (const b of next) yield a + b;
}

/**
 * One renaming for both assets (the script reads the engine's objects), frequent names first,
 * never onto a name either asset uses as a property of its own.
 */
function renaming(plain: readonly string[]): Record<string, string> {
  const counts = new Map<string, number>();
  for (const code of plain) {
    for (const [name, n] of propertyNames(code)) counts.set(name, (counts.get(name) ?? 0) + n);
  }
  // Neither a name in use nor one being renamed (the check below must not mistake one for other).
  const taken = new Set([...counts.keys(), ...PRIVATE_PROPS]);
  // Names the output lacks get one too: esbuild sees the code that tree shaking drops.
  const order = [...PRIVATE_PROPS].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
  );
  const names = shortNames();
  const cache: Record<string, string> = {};
  for (const prop of order) {
    let next = names.next();
    while (!next.done && taken.has(next.value)) next = names.next();
    if (next.done) throw new Error("out of short property names");
    cache[prop] = next.value;
  }
  return cache;
}

async function bundle(
  entry: string,
  plugins: Plugin[],
  mangleCache?: Record<string, string>,
): Promise<string> {
  const given = mangleCache ? Object.keys(mangleCache).length : 0;
  const result = await build({
    entryPoints: [path.join(SRC, entry)],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    // Evergreen browsers, as Shopify's themes support.
    target: "es2020",
    legalComments: "none",
    // Texts stay UTF-8 rather than \u escapes: Shopify serves assets as UTF-8.
    charset: "utf8",
    plugins,
    logLevel: "silent",
    ...(mangleCache
      ? { mangleProps: new RegExp(`^(${PRIVATE_PROPS.join("|")})$`), mangleCache }
      : {}),
  });
  // esbuild names a private property the renaming missed on its own: that could collide.
  if (mangleCache && Object.keys(result.mangleCache ?? {}).length !== given) {
    const extra = Object.keys(result.mangleCache ?? {}).filter((k) => !(k in mangleCache));
    throw new Error(`${entry}: renamed outside the shared renaming: ${extra.join(", ")}`);
  }
  return result.outputFiles[0]?.text ?? "";
}

/** A second pass over esbuild's output: terser's safe compressions find what esbuild leaves. */
async function compress(code: string): Promise<string> {
  const result = await minify(code, {
    ecma: 2020,
    // `pure_getters`: reading a property has no side effect in this code (no getters of its own).
    compress: { passes: 3, pure_getters: true },
    mangle: true,
    format: { comments: false, ascii_only: false },
  });
  return result.code ?? "";
}

const ENTRIES = [
  { name: "ladder-engine.js", entry: "engine-entry.ts", plugins: [] as Plugin[] },
  { name: "ladder.js", entry: "entry.ts", plugins: [engineFromGlobal] },
];

/** Both assets, as the extension ships them. */
export async function buildStorefront(): Promise<StorefrontAsset[]> {
  const plain = await Promise.all(ENTRIES.map((e) => bundle(e.entry, e.plugins)));
  const cache = renaming(plain);
  const assets: StorefrontAsset[] = [];
  for (const e of ENTRIES) {
    const code = await compress(await bundle(e.entry, e.plugins, { ...cache }));
    const left = [...propertyNames(code).keys()].filter((name) => PRIVATE_SET.has(name));
    if (left.length > 0) throw new Error(`${e.name}: not renamed: ${left.join(", ")}`);
    assets.push({ name: e.name, code });
  }
  return assets;
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
