/**
 * Engine benchmark (DESIGN §4: p99 ≤ 1 ms for a 200-line cart × 200 offers; published config for
 * 200 offers ≤ 24 KB). Prints a table; run with `npm run bench:engine`. Not a timed test: it
 * reports figures, it does not fail on them.
 *
 * It times the engine bundled by esbuild, as the admin, the extension and the function ship it:
 * the TypeScript loader that runs this script wraps every closure in a naming helper, which
 * would otherwise be half of what is measured.
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type * as EngineModule from "../../app/engine";
import { formatMoney, type CheckoutInput, type Offer, type OfferConfig } from "../../app/engine";
import { productPageIndex } from "../../app/offers/storefront-index";

type Engine = typeof EngineModule;

async function bundledEngine(): Promise<Engine> {
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-bench-"));
  try {
    const file = path.join(dir, "engine.mjs");
    const result = await build({
      entryPoints: [path.resolve(import.meta.dirname, "../../app/engine/index.ts")],
      bundle: true,
      format: "esm",
      target: "es2022",
      minify: true,
      write: false,
    });
    writeFileSync(file, result.outputFiles[0]?.contents ?? "");
    return (await import(pathToFileURL(file).href)) as Engine;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The kinds of a large shop's config, in proportion: mostly product-specific upgrades and add-ons,
 * some bundles and quantity breaks, a few gifts and free-shipping thresholds (per 100 offers:
 * 40 cross-sells, 25 upgrades, 12 bundles, 15 volume, 5 gifts, 3 free shipping).
 */
const MIX: readonly (readonly [Offer["kind"], number])[] = [
  ["cross-sell", 40],
  ["upgrade", 25],
  ["bundle", 12],
  ["volume", 15],
  ["gift", 5],
  ["free-shipping", 3],
];
const KINDS: Offer["kind"][] = [];
for (let i = 0; i < 100; i += 1) {
  // Interleave by largest remaining share so every prefix of the list keeps the proportions.
  let best = MIX[0];
  let bestScore = -Infinity;
  for (const entry of MIX) {
    const used = KINDS.filter((k) => k === entry[0]).length;
    const score = (entry[1] * (i + 1)) / 100 - used;
    if (score > bestScore) [best, bestScore] = [entry, score];
  }
  KINDS.push(best?.[0] ?? "cross-sell");
}
const gid = (type: string, n: number) => `gid://shopify/${type}/${8_100_000_000_000 + n}`;
/** Offer ids as readable slugs, like the admin mints them ("cross-sell-12", "upgrade-7"). */
const offerId = (i: number, kind: string) => `${kind}-${i}`;
const price = (i: number) => formatMoney(1_000 + ((i * 7_717) % 40_000), 2);
const item = (n: number) => ({
  variantId: gid("ProductVariant", n),
  productId: gid("Product", n),
  title: `Product ${n} – Standard`,
  price: price(n),
});

/** A realistic mix: every kind, GIDs as Shopify mints them, a message and a reason on some. */
export function benchConfig(offerCount: number): OfferConfig {
  const offers: Offer[] = [];
  for (let i = 0; i < offerCount; i += 1) {
    const kind = KINDS[i % KINDS.length] ?? "cross-sell";
    const common = {
      id: offerId(i, kind),
      title: `Offer ${i}: ${kind} for product ${i}`,
      status: "active" as const,
      ...(i % 3 === 0 ? { message: "{customer.firstName}, add {item.title} for {price}" } : {}),
      ...(i % 4 === 0 ? { why: "Customers who bought this loved it." } : {}),
    };
    const trigger = { productIds: [gid("Product", i)] };
    switch (kind) {
      case "upgrade":
        offers.push({ ...common, kind, trigger, to: item(i + 1000), discountPercent: 10 });
        break;
      case "cross-sell":
        offers.push({ ...common, kind, trigger, item: item(i + 2000), discountPercent: 15 });
        break;
      case "bundle":
        offers.push({
          ...common,
          kind,
          items: [
            { ...item(i), quantity: 1 },
            { ...item(i + 3000), quantity: 2 },
          ],
          discountPercent: 12,
        });
        break;
      case "volume":
        offers.push({
          ...common,
          kind,
          trigger,
          tiers: [
            { minQuantity: 3, discountPercent: 5 },
            { minQuantity: 6, discountPercent: 10 },
          ],
        });
        break;
      case "free-shipping":
        offers.push({ ...common, kind, threshold: price(i), countries: ["US", "CA"] });
        break;
      case "gift":
        offers.push({ ...common, kind, threshold: price(i), item: item(i + 4000) });
        break;
    }
  }
  return { version: 1, currency: "USD", settings: { holdoutPercent: 0, maxOffers: 3 }, offers };
}

/** Lines whose products trigger the first offers, so evaluation does real work. */
export function benchCart(lineCount: number): CheckoutInput {
  return {
    lines: Array.from({ length: lineCount }, (_, i) => ({
      id: `gid://shopify/CartLine/${i}`,
      variantId: gid("ProductVariant", i),
      productId: gid("Product", i),
      title: `Product ${i}`,
      quantity: 1 + (i % 4),
      unitPrice: price(i),
      collectionIds: [gid("Collection", i % 5)],
      tags: ["bench", `tag-${i % 7}`],
    })),
    customer: {
      id: "gid://shopify/Customer/1",
      firstName: "Ana",
      tags: ["vip"],
      ordersCount: 2,
      amountSpent: "300.00",
      lastAcceptedAt: null,
    },
    countryCode: "US",
    visitorKey: "gid://shopify/Customer/1",
    now: "2026-11-22T12:00:00Z",
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function measure(
  engine: Engine,
  lines: number,
  offers: number,
): { p50: number; p99: number; mean: number } {
  const { compile, evaluate, load } = engine;
  const runtime = load(compile(benchConfig(offers)));
  if (!runtime) throw new Error("bench config did not load");
  const cart = benchCart(lines);
  const iterations = lines * offers >= 40_000 ? 2_000 : 5_000;
  for (let i = 0; i < 300; i += 1) evaluate(runtime, cart);
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    evaluate(runtime, cart);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

async function main() {
  const engine = await bundledEngine();
  console.log(`Ladder engine benchmark — Node ${process.version}, engine bundled by esbuild\n`);
  console.log("evaluate(), per call (ms)");
  console.log("lines × offers |    p50 |    p99 |   mean");
  const rows: [number, number][] = [];
  for (const lines of [1, 20, 200]) for (const offers of [10, 50, 200]) rows.push([lines, offers]);
  const results = new Map<string, number>();
  for (const [lines, offers] of rows) {
    const r = measure(engine, lines, offers);
    results.set(`${lines}x${offers}`, r.p50);
    console.log(
      `${`${lines} × ${offers}`.padStart(14)} | ${r.p50.toFixed(4)} | ${r.p99.toFixed(4)} | ${r.mean.toFixed(4)}`,
    );
  }
  const growth = (results.get("200x200") ?? 0) / (results.get("20x200") ?? 1);
  console.log(
    `\ngrowth 20 → 200 lines at 200 offers (10× input): ${growth.toFixed(1)}× the p50 time`,
  );

  console.log("\npublished config (compile, active offers)");
  console.log(
    "offers | checkout form bytes | gzip bytes | function form bytes | config v1 JSON bytes | storefront copy bytes (+ product-page index)",
  );
  for (const offers of [50, 200]) {
    const config = benchConfig(offers);
    const compiled = engine.compile(config, { activeOnly: true });
    const published = JSON.stringify(compiled);
    const lean = JSON.stringify(engine.compile(config, { activeOnly: true, form: "function" }));
    const storefront = JSON.stringify({ ...compiled, pp: productPageIndex(config) });
    const added = Buffer.byteLength(storefront) - Buffer.byteLength(published);
    const cells = [
      String(offers).padStart(6),
      String(Buffer.byteLength(published)).padStart(10),
      String(gzipSync(published).length).padStart(10),
      String(Buffer.byteLength(lean)).padStart(23),
      String(Buffer.byteLength(JSON.stringify(config))).padStart(20),
      `${Buffer.byteLength(storefront)} (+${added})`,
    ];
    console.log(cells.join(" | "));
  }
}

if (process.argv[1]?.endsWith("engine.ts")) await main();
