import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { getOffer } from "../../app/models/offers.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import * as editRoute from "../../app/routes/app.offers.$key";
import * as newRoute from "../../app/routes/app.offers.new.$kind";
import { installAdminStandIn } from "../support/admin-api";
import {
  adminRequest,
  installSession,
  outcome,
  routeArgs,
  TEST_SHOP,
} from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";

/** An offer's A/B results page and "Keep this variant", on a real SQLite database. */

const P = (n: number) => `gid://shopify/Product/${n}`;
const V = (n: number) => `gid://shopify/ProductVariant/${n}`;
const OTHER_SHOP = "other-shop.myshopify.com";

const offer = {
  id: "waxing",
  title: "Waxing",
  status: "active",
  trigger: { productIds: [P(1001)] },
  item: { variantId: V(2003), productId: P(1003), title: "x", price: "1.00" },
  discountPercent: 20,
  message: "Add {item.title}",
  variants: [
    { id: "A" },
    {
      id: "B",
      message: "Go premium: {item.title}",
      why: "Shines longer.",
      item: { variantId: V(2002), productId: P(1002), title: "typed", price: "0.01" },
    },
  ],
};

async function rollup(shop: string, offerId: string, group: string, n: number, x: number) {
  await prisma.dailyRollup.create({
    data: {
      shop,
      day: "2026-11-20",
      group,
      offerId,
      impressions: n,
      orders: x,
      attributed: x * 1500,
    },
  });
}

beforeEach(async () => {
  await clearOfferTables();
  await prisma.dailyRollup.deleteMany({ where: { shop: { in: [TEST_SHOP, OTHER_SHOP] } } });
  installAdminStandIn();
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
  const request = await adminRequest("/app/offers/new/cross-sell", { json: { offer } });
  const created = await outcome(() => newRoute.action(routeArgs(request, { kind: "cross-sell" })));
  expect(created.status).toBeLessThan(400);
});

describe("A/B results on the offer page", () => {
  it("a copy's product is re-read from Shopify on save", async () => {
    const stored = await getOffer(TEST_SHOP, "waxing");
    expect(stored?.body.variants).toEqual([
      { id: "A" },
      {
        id: "B",
        message: "Go premium: {item.title}",
        why: "Shines longer.",
        item: { variantId: V(2002), productId: P(1002), title: "Premium wash", price: "35.00" },
      },
    ]);
  });

  it("shows each copy's figures (treatment only, this shop only) and the verdict", async () => {
    await rollup(TEST_SHOP, "waxing#A", "treatment", 2000, 160);
    await rollup(TEST_SHOP, "waxing#B", "treatment", 2000, 260);
    await rollup(TEST_SHOP, "waxing#B", "none", 10, 1);
    await rollup(TEST_SHOP, "waxing#B", "holdout", 500, 400);
    await rollup(TEST_SHOP, "waxing", "treatment", 4000, 420);
    await rollup(OTHER_SHOP, "waxing#A", "treatment", 9000, 9000);

    const request = await adminRequest("/app/offers/waxing");
    const result = await outcome<Awaited<ReturnType<typeof editRoute.loader>>>(() =>
      editRoute.loader(routeArgs(request, { key: "waxing" })),
    );
    const comparison = result.data.results?.comparison;
    expect(
      comparison?.variants.map((v) => [v.variantId, v.impressions, v.acceptances, v.revenue]),
    ).toEqual([
      ["A", 2000, 160, 240_000],
      ["B", 2010, 261, 391_500],
    ]);
    expect(comparison?.verdict.status).toBe("winner");
    expect(comparison?.verdict.text).toMatch(/^B takes 5\.0 points more, 95% interval .*: keep B$/);
    expect(result.data.form.variants.map((v) => v.id)).toEqual(["A", "B"]);
  });

  it("Keep this variant makes B the offer's only copy", async () => {
    const request = await adminRequest("/app/offers/waxing", {
      json: { intent: "keep-variant", variantId: "B" },
    });
    const result = await outcome(() => editRoute.action(routeArgs(request, { key: "waxing" })));
    expect(result.status).toBe(200);
    const stored = await getOffer(TEST_SHOP, "waxing");
    expect(stored?.body).not.toHaveProperty("variants");
    expect(stored?.body).toMatchObject({
      message: "Go premium: {item.title}",
      why: "Shines longer.",
      item: { variantId: V(2002), title: "Premium wash", price: "35.00" },
      discountPercent: 20,
    });
  });

  it("an unknown copy is refused and nothing changes", async () => {
    const request = await adminRequest("/app/offers/waxing", {
      json: { intent: "keep-variant", variantId: "Z" },
    });
    const result = await outcome(() => editRoute.action(routeArgs(request, { key: "waxing" })));
    expect(result.status).toBe(422);
    expect((await getOffer(TEST_SHOP, "waxing"))?.body.variants).toHaveLength(2);
  });
});
