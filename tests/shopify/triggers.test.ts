import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { compile, type OfferConfig } from "../../app/engine";
import type { AdminApi } from "../../app/shopify/admin.server";
import { MAX_VARIANTS_PER_TRIGGER, resolveTriggers } from "../../app/shopify/triggers.server";
import { sessionStorage, unauthenticated } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";

const item = {
  variantId: "gid://shopify/ProductVariant/2003",
  productId: "gid://shopify/Product/1003",
  title: "Waxing",
  price: "15.00",
};

function config(trigger: Record<string, string[]>): OfferConfig {
  return {
    version: 1,
    currency: "USD",
    offers: [
      {
        id: "wax",
        kind: "cross-sell",
        title: "Wax",
        status: "active",
        trigger,
        item,
        discountPercent: 10,
      },
    ],
  };
}

describe("resolving triggers to variants at publish", () => {
  let admin: AdminApi;
  let standIn: RecordingStandIn;

  beforeEach(async () => {
    standIn = installAdminStandIn(TEST_SHOP);
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    admin = (await unauthenticated.admin(TEST_SHOP)).admin as AdminApi;
  });

  it("finds the variants of products, collections and tags in the catalog", async () => {
    const { resolver, problems, productOf } = await resolveTriggers(
      admin,
      config({
        productIds: ["gid://shopify/Product/1001", "gid://shopify/Product/1201"],
        collectionIds: ["gid://shopify/Collection/3002"],
        tags: ["Chocolate"],
      }),
    );
    expect(problems).toEqual([]);
    expect(resolver.product?.("gid://shopify/Product/1001")).toEqual([
      "gid://shopify/ProductVariant/2001",
    ]);
    expect(resolver.product?.("gid://shopify/Product/1201")).toEqual([
      "gid://shopify/ProductVariant/2201",
    ]);
    expect(resolver.collection?.("gid://shopify/Collection/3002")).toEqual([
      "gid://shopify/ProductVariant/2101",
    ]);
    expect(resolver.tag?.("chocolate")).toEqual(
      expect.arrayContaining([
        "gid://shopify/ProductVariant/2201",
        "gid://shopify/ProductVariant/2202",
      ]),
    );
    // And the product of each variant found, for the storefront's product-page index.
    expect(productOf.get("gid://shopify/ProductVariant/2101")).toBe("gid://shopify/Product/1101");
    expect(productOf.get("gid://shopify/ProductVariant/2202")).toBe("gid://shopify/Product/1202");
    expect(productOf.get("gid://shopify/ProductVariant/2001")).toBe("gid://shopify/Product/1001");
    // Products go in one search; each collection and tag in its own.
    expect(standIn.sent.map((s) => (s.variables as { query: string }).query)).toEqual([
      "product_ids:1001,1201",
      "collection:3002",
      "tag:'chocolate'",
    ]);
  });

  it("gives the engine variant triggers, so checkout matches what it can see", async () => {
    const cfg = config({ collectionIds: ["gid://shopify/Collection/3002"], tags: ["chocolate"] });
    const { resolver } = await resolveTriggers(admin, cfg);
    const published = compile(cfg, { resolve: resolver });
    expect(published.o[0]?.t).toEqual({ v: expect.arrayContaining([2101, 2201, 2202]) });
    const forFunction = compile(cfg, { form: "function", resolve: resolver });
    expect(forFunction.ix.c).toBeUndefined();
    expect(forFunction.ix.g).toBeUndefined();
  });

  it("reports a trigger too large to publish, and leaves it unresolved", async () => {
    expect(MAX_VARIANTS_PER_TRIGGER).toBe(1000);
    const { resolver, problems } = await resolveTriggers(admin, config({ tags: ["chocolate"] }), 1);
    expect(problems).toEqual([
      'Tag "chocolate" is on products with more than 1 variants; use a narrower tag.',
    ]);
    expect(resolver.tag?.("chocolate")).toBeUndefined();
  });

  it("resolves an unknown collection to no variants: nothing to match", async () => {
    const { resolver, problems } = await resolveTriggers(
      admin,
      config({ collectionIds: ["gid://shopify/Collection/999999"] }),
    );
    expect(problems).toEqual([]);
    expect(resolver.collection?.("gid://shopify/Collection/999999")).toEqual([]);
  });
});
