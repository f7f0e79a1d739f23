import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import {
  discountsStandIn,
  LADDER_DISCOUNT_FUNCTION,
} from "../../app/demo/stand-in/discounts.server";
import prisma from "../../app/db.server";
import { compile, encodeLean, type OfferConfig } from "../../app/engine";
import type { StandInExtension } from "../../app/demo/stand-in/index.server";
import { OFFER_DISCOUNT_CREATE_MUTATION, OFFER_DISCOUNT_QUERY } from "../../app/graphql/discounts";
import { adminRequest, type AdminApi } from "../../app/shopify/admin.server";
import {
  COMBINES_WITH,
  DISCOUNT_CLASSES,
  DISCOUNT_TITLE,
  DiscountSyncError,
  FUNCTION_HANDLE,
  shopLocalTime,
  syncOfferDiscount,
} from "../../app/shopify/discount.server";
import { resolveTriggers } from "../../app/shopify/triggers.server";
import { sessionStorage, unauthenticated } from "../../app/shopify.server";
import {
  CONFIG_KEYS,
  joinConfig,
  METAFIELD_VALUE_LIMIT,
} from "../../extensions/offer-discounts/src/contract";
import { benchConfig } from "../bench/engine";
import { mergedParts } from "../function/build-input";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import configExample from "../fixtures/config.example.json";

const NOW = new Date("2026-11-22T12:00:00Z");
const example = configExample as OfferConfig;

function config(offers: OfferConfig["offers"], extra: Partial<OfferConfig> = {}): OfferConfig {
  return { version: 1, currency: "USD", offers, ...extra };
}

const upgrade = (id: string, extra: Record<string, unknown> = {}) =>
  ({
    id,
    kind: "upgrade",
    title: "Premium wash",
    status: "active",
    trigger: { productIds: ["gid://shopify/Product/1001"] },
    to: {
      variantId: "gid://shopify/ProductVariant/2002",
      productId: "gid://shopify/Product/1002",
      title: "Premium wash",
      price: "35.00",
    },
    discountPercent: 10,
    ...extra,
  }) as OfferConfig["offers"][number];

async function adminFor(options: Parameters<typeof installAdminStandIn>[1] = {}) {
  // Each test starts from a new store: no discount remembered from another test.
  await prisma.offerDiscount.deleteMany({ where: { shop: TEST_SHOP } });
  const standIn = installAdminStandIn(TEST_SHOP, { now: () => NOW, ...options });
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  return { admin: admin as AdminApi, standIn };
}

async function readDiscount(admin: AdminApi, id: string) {
  const { discountNode } = await adminRequest(admin, OFFER_DISCOUNT_QUERY, { id });
  if (!discountNode) throw new Error(`no discount ${id}`);
  const { config, config2, config3, config4 } = discountNode;
  const parts = [config, config2, config3, config4].map((part) => part?.value ?? "null");
  const text = joinConfig(parts.map((part) => JSON.parse(part) as unknown));
  return { ...discountNode, parts, text, published: mergedParts(parts) };
}

/**
 * A catalog the demo store does not have: `variantsPerProduct` variants for every product a
 * `product_ids:` search names, or more than 1,000 variants behind tag "everything".
 */
function syntheticCatalog(variantsPerProduct: number): StandInExtension {
  return () => ({
    root: {
      productVariants: ({ query, after }: Record<string, unknown>) => {
        const text = String(query);
        const page = (nodes: { id: string; product: { id: string } }[], more: boolean) => ({
          nodes,
          edges: [],
          pageInfo: { hasNextPage: more, endCursor: more ? `${Number(after ?? 0) + 1}` : null },
        });
        if (text === "tag:'everything'") {
          const nodes = Array.from({ length: 250 }, (_, i) => ({
            id: `gid://shopify/ProductVariant/${70_000 + Number(after ?? 0) * 250 + i}`,
            product: { id: "gid://shopify/Product/7" },
          }));
          return page(nodes, true);
        }
        const ids = text.startsWith("product_ids:") ? text.slice(12).split(",") : [];
        return page(
          ids.flatMap((id) =>
            Array.from({ length: variantsPerProduct }, (_, k) => ({
              id: `gid://shopify/ProductVariant/${id}${k}`,
              product: { id: `gid://shopify/Product/${id}` },
            })),
          ),
          false,
        );
      },
    },
  });
}

describe("syncOfferDiscount (through the Admin API stand-in)", () => {
  let admin: AdminApi;
  let standIn: RecordingStandIn;

  beforeEach(async () => {
    ({ admin, standIn } = await adminFor());
  });

  it("creates the automatic discount on the function, with its config and input metafields", async () => {
    const { discountId } = await syncOfferDiscount(admin, example, NOW);
    expect(discountId).toMatch(/^gid:\/\/shopify\/DiscountAutomaticNode\/\d+$/);

    const node = await readDiscount(admin, discountId);
    expect(node.discount).toMatchObject({
      __typename: "DiscountAutomaticApp",
      title: DISCOUNT_TITLE,
      status: "ACTIVE",
      startsAt: NOW.toISOString(),
      combinesWith: COMBINES_WITH,
      discountClasses: DISCOUNT_CLASSES,
      appDiscountType: { functionId: LADDER_DISCOUNT_FUNCTION.id },
    });
    // The engine's function form of the active offers, triggers resolved through the Admin API
    // (the example has no schedules), in the parts the function reads.
    const { resolver } = await resolveTriggers(admin, example);
    const compiled = compile(example, { activeOnly: true, form: "function", resolve: resolver });
    expect(node.text).toBe(encodeLean(compiled, []));
    expect(node.published.ix).toEqual(compiled.ix);
    expect(node.published.ix.p).toBeUndefined();
    // Standard wash (product 1001) is variant 2001: the premium-wash upgrade and the waxing add-on.
    expect(node.published.ix.v?.["gid://shopify/ProductVariant/2001"]).toEqual([0, 1]);
    const input = JSON.parse(node.input?.value ?? "null") as Record<string, unknown>;
    expect(Object.keys(input).sort()).toEqual(["t0", "t1", "t2"]);

    const created = standIn.sent.find((s) => s.query.includes("LadderOfferDiscountCreate"));
    expect(created?.variables).toMatchObject({ discount: { functionHandle: FUNCTION_HANDLE } });
    await expect(
      prisma.offerDiscount.findUnique({ where: { shop: TEST_SHOP } }),
    ).resolves.toMatchObject({ discountId, functionId: LADDER_DISCOUNT_FUNCTION.id });
  });

  it("updates the same discount on the next publish, replacing its metafields", async () => {
    const first = await syncOfferDiscount(admin, config([upgrade("a")]), NOW);
    const second = await syncOfferDiscount(
      admin,
      config([upgrade("a", { discountPercent: 20 }), upgrade("b", { status: "draft" })]),
      NOW,
    );
    expect(second.discountId).toBe(first.discountId);
    expect(standIn.sent.filter((s) => s.query.includes("LadderOfferDiscountCreate"))).toHaveLength(
      1,
    );
    expect(standIn.sent.filter((s) => s.query.includes("LadderOfferDiscountUpdate"))).toHaveLength(
      1,
    );

    const node = await readDiscount(admin, second.discountId);
    // Lean records, `kind|id|startsAt|endsAt|segment bits|priority|variant|percent units|amount`:
    // drafts stay out.
    expect(node.published.offers).toEqual(["u|a|||0|0|2002|200000|0"]);
    // Metafields are replaced, not duplicated: four config parts and the input variables.
    expect(standIn.metafields().filter((m) => m.ownerId === second.discountId)).toHaveLength(
      CONFIG_KEYS.length + 1,
    );
  });

  it("creates the discount again when the merchant deleted it in Shopify", async () => {
    const first = await syncOfferDiscount(admin, config([upgrade("a")]), NOW);
    await standIn.execute(
      `mutation { discountAutomaticDelete(id: "${first.discountId}") { userErrors { message } } }`,
    );
    const second = await syncOfferDiscount(admin, config([upgrade("a")]), NOW);
    expect(second.discountId).not.toBe(first.discountId);
    await expect(readDiscount(admin, second.discountId)).resolves.toMatchObject({
      id: second.discountId,
    });
  });

  it("writes the next schedule boundaries in the shop's time zone, leaving past ones out", async () => {
    const { discountId } = await syncOfferDiscount(
      admin,
      config([
        upgrade("started", { startsAt: "2026-11-01T00:00:00Z", endsAt: "2026-12-01T05:00:00Z" }),
        upgrade("ended", { endsAt: "2026-11-20T00:00:00Z" }),
        upgrade("later", { startsAt: "2026-12-24T17:00:00Z" }),
      ]),
      NOW,
    );
    const node = await readDiscount(admin, discountId);
    expect(node.published.offers.map((o) => o.split("|").slice(1, 4))).toEqual([
      ["started", "", String(Date.parse("2026-12-01T05:00:00Z"))],
      ["later", String(Date.parse("2026-12-24T17:00:00Z")), ""],
    ]);
    // The text carries the boundaries the clock slots stand for.
    expect(node.published.b).toEqual([
      Date.parse("2026-12-01T05:00:00Z"),
      Date.parse("2026-12-24T17:00:00Z"),
    ]);
    // The demo shop's clock: America/New_York (UTC−5 in winter).
    expect(JSON.parse(node.input?.value ?? "null")).toMatchObject({
      t0: "2026-12-01T00:00:00",
      t1: "2026-12-24T12:00:00",
      t2: "2026-12-01T00:00:00",
    });
  });

  it("surfaces Shopify's userErrors in a message the merchant can act on", async () => {
    // 25 active app discounts already: Shopify refuses another.
    for (let i = 0; i < 25; i += 1) {
      const other = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
        discount: {
          title: `Other ${i}`,
          functionHandle: FUNCTION_HANDLE,
          combinesWith: COMBINES_WITH,
          discountClasses: ["PRODUCT"],
          metafields: [],
        },
      });
      expect(other.discountAutomaticAppCreate?.userErrors).toEqual([]);
    }
    const failure = await syncOfferDiscount(admin, example, NOW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toBe(
      "Shopify rejected the discount: automaticAppDiscount: Shop has reached the maximum of 25 active app discounts.",
    );
    await expect(
      prisma.offerDiscount.findUnique({ where: { shop: TEST_SHOP } }),
    ).resolves.toBeNull();
  });

  it("resolves collection and tag triggers to the variants the catalog has", async () => {
    const volume = {
      id: "bars",
      kind: "volume",
      title: "Bars",
      status: "active",
      trigger: { tags: ["Bar"], collectionIds: ["gid://shopify/Collection/3005"] },
      tiers: [{ minQuantity: 3, discountPercent: 5 }],
    } as OfferConfig["offers"][number];
    const { discountId } = await syncOfferDiscount(admin, config([volume]), NOW);
    const { published } = await readDiscount(admin, discountId);
    // Tag "bar": dark and milk chocolate; collection "phones": the phone, both case colours and
    // the screen protector.
    expect(Object.keys(published.ix.v ?? {}).sort()).toEqual(
      [2201, 2202, 2301, 2302, 2303, 2304].map((n) => `gid://shopify/ProductVariant/${n}`),
    );
    expect(published.ix.c).toBeUndefined();
    expect(published.ix.g).toBeUndefined();
  });
});

describe("syncOfferDiscount with a large catalog", () => {
  it("writes a 200-offer config in parts, each within what Shopify hands a function", async () => {
    const { admin } = await adminFor({ extensions: [discountsStandIn(), syntheticCatalog(2)] });
    const big = benchConfig(200);
    const { discountId } = await syncOfferDiscount(admin, big, NOW);
    const node = await readDiscount(admin, discountId);
    for (const part of node.parts) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT);
    }
    // More than two metafields' worth: the split is exercised.
    expect(node.parts.join("").length).toBeGreaterThan(2 * METAFIELD_VALUE_LIMIT);
    // Two variants for every trigger product, every one of them in the index.
    const triggers = big.offers.flatMap((o) =>
      "trigger" in o ? (o.trigger.productIds ?? []) : [],
    );
    for (const productId of triggers) {
      const numeric = productId.slice(productId.lastIndexOf("/") + 1);
      for (const k of [0, 1]) {
        expect(node.published.ix.v).toHaveProperty([`gid://shopify/ProductVariant/${numeric}${k}`]);
      }
    }
  });

  it("refuses a config too large for the function's metafields, naming the sizes", async () => {
    const { admin, standIn } = await adminFor({
      extensions: [discountsStandIn(), syntheticCatalog(5)],
    });
    const failure = await syncOfferDiscount(admin, benchConfig(200), NOW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toMatch(
      /^Your active offers are too large for the discount function: they take about [\d,]+ bytes and it can read 40,000\. Every variant a trigger covers counts/,
    );
    expect(standIn.sent.some((s) => s.query.includes("LadderOfferDiscountCreate"))).toBe(false);
  });

  it("refuses a trigger over 1,000 variants, saying which, and creates nothing", async () => {
    const { admin, standIn } = await adminFor({
      extensions: [discountsStandIn(), syntheticCatalog(1)],
    });
    const everything = {
      id: "all",
      kind: "volume",
      title: "Everything",
      status: "active",
      trigger: { tags: ["everything"] },
      tiers: [{ minQuantity: 3, discountPercent: 5 }],
    } as OfferConfig["offers"][number];
    const failure = await syncOfferDiscount(admin, config([everything]), NOW).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toBe(
      "Some offers' triggers are too large for the discount function: " +
        'Tag "everything" is on products with more than 1000 variants; use a narrower tag.',
    );
    expect(standIn.sent.some((s) => s.query.includes("LadderOfferDiscountCreate"))).toBe(false);
    await expect(
      prisma.offerDiscount.findUnique({ where: { shop: TEST_SHOP } }),
    ).resolves.toBeNull();
  });

  it("resolves only the triggers of active offers", async () => {
    const { admin, standIn } = await adminFor({
      extensions: [discountsStandIn(), syntheticCatalog(1)],
    });
    const draft = {
      id: "all",
      kind: "volume",
      title: "Everything",
      status: "draft",
      trigger: { tags: ["everything"] },
      tiers: [{ minQuantity: 3, discountPercent: 5 }],
    } as OfferConfig["offers"][number];
    await syncOfferDiscount(admin, config([upgrade("a"), draft]), NOW);
    const searches = standIn.sent
      .filter((s) => s.query.includes("LadderVariantIds"))
      .map((s) => (s.variables as { query: string }).query);
    expect(searches).toEqual(["product_ids:1001"]);
  });
});

describe("syncOfferDiscount when the app's function is not deployed", () => {
  it("says what to do instead of creating anything", async () => {
    const { admin, standIn } = await adminFor({
      extensions: [discountsStandIn({ functions: [] })],
    });
    const failure = await syncOfferDiscount(admin, example, NOW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toMatch(/discount function is not available in this store/);
    expect(standIn.sent.some((s) => s.query.includes("Create"))).toBe(false);
  });
});

describe("the stand-in's own validation (real-looking userErrors)", () => {
  it("rejects a discount without a function or title, and an unknown function", async () => {
    const { admin } = await adminFor();
    const result = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
      discount: {
        functionHandle: "not-deployed",
        combinesWith: COMBINES_WITH,
        discountClasses: [],
        metafields: [{ namespace: "$app", key: "function_config", type: "json", value: "{oops" }],
      },
    });
    expect(result.discountAutomaticAppCreate?.automaticAppDiscount).toBeNull();
    expect(result.discountAutomaticAppCreate?.userErrors.map((e) => e.message)).toEqual([
      "Function not found.",
      "Title can't be blank",
      "Discount classes can't be blank",
    ]);
  });

  it("rejects invalid JSON in a metafield and saves nothing", async () => {
    const { admin, standIn } = await adminFor();
    const result = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
      discount: {
        title: "x",
        functionHandle: FUNCTION_HANDLE,
        combinesWith: COMBINES_WITH,
        discountClasses: ["PRODUCT"],
        metafields: [{ namespace: "$app", key: "function_config", type: "json", value: "{oops" }],
      },
    });
    expect(result.discountAutomaticAppCreate?.userErrors).toEqual([
      {
        field: ["automaticAppDiscount", "metafields", "0", "value"],
        message: "Value is invalid JSON.",
        code: "INVALID",
      },
    ]);
    expect(standIn.metafields()).toEqual([]);
  });
});

describe("shopLocalTime", () => {
  it("reads an instant on the shop's wall clock, rounding up to the second", () => {
    expect(shopLocalTime("America/New_York")(Date.parse("2026-07-01T12:00:00.400Z"))).toBe(
      "2026-07-01T08:00:01",
    );
    expect(shopLocalTime("Asia/Tokyo")(Date.parse("2026-12-31T15:00:00Z"))).toBe(
      "2027-01-01T00:00:00",
    );
  });
});
