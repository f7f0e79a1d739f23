import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { validateConfig } from "../../app/config";
import { findVariant } from "../../app/demo/catalog";
import { DEMO_OFFERS, DEMO_SETTINGS } from "../../app/demo/demo-offers";
import { DEMO_SHOP_DOMAIN, DemoModeRefused } from "../../app/demo/mode.server";
import { demoSession, seedDemoShop } from "../../app/demo/seed.server";
import { configForShop, deleteOffers, listOffers } from "../../app/models/offers.server";
import { planPublication } from "../../app/models/publish-plan.server";
import { sessionStorage } from "../../app/shopify.server";
import { clearOfferTables } from "../support/offers-db";

beforeEach(clearOfferTables);

describe("demo shop offers", () => {
  it("are a valid config whose items carry the catalog's prices", () => {
    expect(
      validateConfig({ version: 1, currency: "USD", settings: DEMO_SETTINGS, offers: DEMO_OFFERS })
        .ok,
    ).toBe(true);
    for (const offer of DEMO_OFFERS) {
      const items =
        offer.kind === "upgrade"
          ? [offer.to]
          : "item" in offer
            ? [offer.item]
            : offer.kind === "bundle"
              ? offer.items
              : [];
      for (const item of items) expect(findVariant(item.variantId)?.variant.price).toBe(item.price);
    }
  });

  it("are seeded once with the demo shop, and a merchant's later changes are kept", async () => {
    await seedDemoShop(sessionStorage);
    const config = await configForShop(DEMO_SHOP_DOMAIN);
    expect(config).toEqual({
      version: 1,
      currency: "USD",
      settings: DEMO_SETTINGS,
      offers: DEMO_OFFERS,
    });
    // The compiled config fits the budget by far.
    expect(planPublication(config).bytes).toBeLessThan(2 * 1024);

    await deleteOffers(DEMO_SHOP_DOMAIN, ["waxing"]);
    await seedDemoShop(sessionStorage);
    expect((await listOffers(DEMO_SHOP_DOMAIN)).map((o) => o.key)).not.toContain("waxing");
    expect(await listOffers(DEMO_SHOP_DOMAIN)).toHaveLength(DEMO_OFFERS.length - 1);
  });

  it("are never seeded into a database that holds another shop's session", async () => {
    await prisma.session.deleteMany();
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    try {
      await expect(seedDemoShop(sessionStorage)).rejects.toThrow(DemoModeRefused);
      await expect(seedDemoShop(sessionStorage)).rejects.toThrow(/sessions of another shop/);
      expect(await prisma.session.count({ where: { id: demoSession().id } })).toBe(0);
      expect(await listOffers(DEMO_SHOP_DOMAIN)).toEqual([]);
    } finally {
      await prisma.session.deleteMany({ where: { shop: TEST_SHOP } });
    }
  });
});
