import { beforeEach, describe, expect, it } from "vitest";
import type { Offer, SuppressionReason } from "../../app/engine";
import { createOffer } from "../../app/models/offers.server";
import type {
  PreviewOutcome,
  PreviewRequest,
  PreviewResult,
} from "../../app/models/preview.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import { action, loader } from "../../app/routes/app.preview";
import { installAdminStandIn } from "../support/admin-api";
import {
  adminRequest,
  installSession,
  outcome,
  routeArgs,
  TEST_SHOP,
} from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";

const P = (n: number) => `gid://shopify/Product/${n}`;
const V = (n: number) => `gid://shopify/ProductVariant/${n}`;
const item = (variant: number, product: number, title: string, price: string) => ({
  variantId: V(variant),
  productId: P(product),
  title,
  price,
});

const OFFERS: Offer[] = [
  {
    id: "premium-wash",
    kind: "upgrade",
    title: "Premium wash upgrade",
    status: "active",
    trigger: { productIds: [P(1001)] },
    to: item(2002, 1002, "Premium wash", "35.00"),
    discountPercent: 10,
  },
  {
    id: "waxing",
    kind: "cross-sell",
    title: "Waxing with a wash",
    status: "active",
    trigger: { productIds: [P(1001), P(1002)] },
    item: item(2003, 1003, "Waxing", "15.00"),
    discountPercent: 20,
    message: "{customer.firstName}, add {item.title} for {price}",
  },
  {
    id: "free-shipping",
    kind: "free-shipping",
    title: "Free shipping over $50 in the US",
    status: "active",
    threshold: "50.00",
    countries: ["US"],
  },
  {
    id: "tire-shine-vip",
    kind: "cross-sell",
    title: "Tire shine for premium customers",
    status: "active",
    segments: ["premium"],
    trigger: { productIds: [P(1001)] },
    item: item(2004, 1004, "Tire shine", "8.00"),
  },
  {
    id: "gift-draft",
    kind: "gift",
    title: "Pralines gift (draft)",
    status: "draft",
    threshold: "100.00",
    item: item(2203, 1203, "Pralines", "12.00"),
  },
];

const base: PreviewRequest = {
  lines: [{ variantId: V(2001), quantity: 1 }],
  profile: "new",
  firstName: "Ana",
  country: "US",
  group: "treatment",
  includeDrafts: true,
};

async function preview(patch: Partial<PreviewRequest> | Record<string, unknown>) {
  const request = await adminRequest("/app/preview", { json: { ...base, ...patch } });
  return outcome<PreviewOutcome>(() => action(routeArgs(request)));
}

async function ok(patch: Partial<PreviewRequest> = {}): Promise<PreviewResult> {
  const result = await preview(patch);
  expect(result.status).toBe(200);
  if (!result.data.ok) throw new Error(JSON.stringify(result.data.problems));
  return result.data;
}

const reasons = (result: PreviewResult): Record<string, SuppressionReason> =>
  Object.fromEntries(result.evaluation.suppressed.map((s) => [s.offerId, s.reason]));
const shown = (result: PreviewResult) => result.evaluation.offers.map((o) => o.offerId);

/** Stock the stand-in reports where it differs from the catalog's. */
const inventory = new Map<string, number>();

beforeEach(async () => {
  inventory.clear();
  await clearOfferTables();
  installAdminStandIn(TEST_SHOP, { inventory });
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
  for (const offer of OFFERS) await createOffer(TEST_SHOP, offer);
});

describe("preview simulator", () => {
  it("shows what checkout would: offers with their copy, progress, and every other offer's reason", async () => {
    const result = await ok();
    expect(result.evaluation.group).toBe("treatment");
    expect(shown(result)).toEqual(["waxing"]);
    expect(result.evaluation.offers[0]).toMatchObject({
      headline: "Ana, add Waxing for $12.00",
      action: { type: "add-line", variantId: V(2003), quantity: 1 },
      price: "12.00",
      savings: "3.00",
    });
    expect(result.evaluation.progress).toEqual([
      {
        offerId: "free-shipping",
        kind: "free-shipping",
        threshold: "50.00",
        remaining: "30.00",
        reached: false,
      },
    ]);
    expect(reasons(result)).toEqual({
      "premium-wash": "price-ratio", // $35 is 1.75 × the $20 wash; the guardrail is 1.5
      "tire-shine-vip": "segment",
      "gift-draft": "draft",
    });
    expect(result.offers["gift-draft"]).toEqual({
      title: "Pralines gift (draft)",
      kind: "gift",
      status: "draft",
      soldOut: false,
      // Buyers read the gift's product title, as checkout words it.
      giftTitle: "Pralines",
    });
    expect(result.lines).toEqual([
      {
        id: "line-1",
        variantId: V(2001),
        title: "Standard wash",
        quantity: 1,
        unitPrice: "20.00",
        total: "20.00",
        discount: "0.00",
      },
    ]);
  });

  it("gives each shown offer its item's catalog image, named by the item's title", async () => {
    const result = await ok();
    expect(result.images).toEqual({
      // Absolute, as Shopify's CDN URLs are: the demo serves its images on its app URL.
      [V(2003)]: {
        url: expect.stringMatching(/^http:\/\/localhost:3000\/storefront\/images\/.+\.svg$/),
        alt: "Waxing",
      },
    });
  });

  it("leaves out an offer whose item is sold out, as publishing does, and says so", async () => {
    inventory.set(V(2003), 0);
    const result = await ok();
    expect(shown(result)).toEqual([]);
    expect(result.offers.waxing).toMatchObject({ soldOut: true });
    expect(result.notes).toContain(
      "“Waxing with a wash” is not shown: Waxing is sold out in Shopify.",
    );
  });

  it("applies the discounts the cart earns and totals the order", async () => {
    const result = await ok({
      lines: [
        { variantId: V(2001), quantity: 2 },
        { variantId: V(2003), quantity: 1 },
      ],
    });
    expect(reasons(result).waxing).toBe("already-in-cart");
    expect(result.evaluation.discounts).toEqual([
      {
        offerId: "waxing",
        target: "lines",
        lines: [{ lineId: "line-2", amount: "3.00" }],
        amount: "3.00",
        percent: 20,
      },
      // $52 after Ladder's discount reaches the $50 threshold.
      { offerId: "free-shipping", target: "shipping", percent: 100 },
    ]);
    expect(result).toMatchObject({
      subtotal: "55.00",
      discountTotal: "3.00",
      total: "52.00",
      freeShipping: true,
    });
  });

  it.each([
    ["complaint", { waxing: "suppressed-customer", "free-shipping": "suppressed-customer" }, false],
    ["budget", { waxing: "budget" }, true],
  ] as const)("a customer with a %s tag: %o", async (profile, expected, progress) => {
    const result = await ok({ profile });
    expect(shown(result)).toEqual([]);
    expect(reasons(result)).toMatchObject(expected);
    expect(result.evaluation.progress.length > 0).toBe(progress);
  });

  it("a customer who accepted an offer within the cooldown sees no upsells; after it, they do", async () => {
    expect(reasons(await ok({ profile: "accepted", acceptedDaysAgo: 3 })).waxing).toBe("cooldown");
    expect(shown(await ok({ profile: "accepted", acceptedDaysAgo: 20 }))).toEqual(["waxing"]);
  });

  it("a premium customer gets the premium offer", async () => {
    const result = await ok({ profile: "premium" });
    expect(shown(result)).toEqual(["waxing", "tire-shine-vip"]);
  });

  it("a guest reads the headline without the name clause", async () => {
    const result = await ok({ profile: "guest" });
    expect(result.evaluation.offers[0]?.headline).toBe("Add Waxing for $12.00");
  });

  it("a holdout buyer sees nothing, and is told so", async () => {
    const result = await ok({ group: "holdout" });
    expect(result.evaluation.group).toBe("holdout");
    expect(shown(result)).toEqual([]);
    expect(reasons(result).waxing).toBe("holdout");
  });

  it("another country gets no free-shipping progress", async () => {
    const result = await ok({ country: "CA" });
    expect(result.evaluation.progress).toEqual([]);
    expect(reasons(result)["free-shipping"]).toBe("wrong-country");
  });

  it("without drafts, it is exactly the published config", async () => {
    const result = await ok({ includeDrafts: false });
    expect(Object.keys(reasons(result))).not.toContain("gift-draft");
  });

  it("answers 422 naming what is wrong with the request", async () => {
    const result = await preview({
      lines: [{ variantId: "not-a-variant", quantity: 0 }],
      country: "USA",
    });
    expect(result.status).toBe(422);
    expect(result.data.ok).toBe(false);
    const paths = result.data.ok ? [] : result.data.problems.map((p) => p.path);
    expect(paths).toEqual(["lines.0.variantId", "lines.0.quantity", "country"]);
  });

  it("the page loader counts the offers and reads the guardrails", async () => {
    const request = await adminRequest("/app/preview");
    const { data } = await outcome<Awaited<ReturnType<typeof loader>>>(() =>
      loader(routeArgs(request)),
    );
    expect(data).toEqual({
      currency: "USD",
      offerCount: 5,
      activeCount: 4,
      holdoutPercent: 10,
      cooldownDays: 14,
    });
  });
});
