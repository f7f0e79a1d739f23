import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { addNotice } from "../../app/models/notices.server";
import { createOffer, listOffers } from "../../app/models/offers.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { sessionStorage } from "../../app/shopify.server";
import { clearOfferTables } from "../support/offers-db";
import { responseOf, webhookRequest } from "../support/webhooks";

const OTHER_SHOP = "other-shop.myshopify.com";

async function seed(shop: string) {
  await sessionStorage.storeSession(setUpValidSession({ shop }));
  await rememberCurrency(shop, "USD");
  await createOffer(shop, {
    id: "ship",
    kind: "free-shipping",
    title: "Ship",
    status: "active",
    threshold: "50.00",
  });
  await addNotice(shop, { tone: "info", message: "hello" });
  await prisma.publication.create({
    data: { shop, version: 1, bytes: 10, offerCount: 1, trigger: "merchant", config: "{}" },
  });
}

const counts = async (shop: string) => ({
  offers: (await listOffers(shop)).length,
  settings: await prisma.shopSettings.count({ where: { shop } }),
  publications: await prisma.publication.count({ where: { shop } }),
  notices: await prisma.offerNotice.count({ where: { shop } }),
});

beforeEach(async () => {
  await clearOfferTables();
  await seed(TEST_SHOP);
  await seed(OTHER_SHOP);
});

describe("shop/redact", () => {
  it("forgets the shop's offers, settings, publications and notices, and only that shop's", async () => {
    const request = webhookRequest("/webhooks/compliance", {
      topic: "shop/redact",
      shop: TEST_SHOP,
      payload: { shop_id: 1, shop_domain: TEST_SHOP },
    });
    expect((await responseOf(() => compliance({ request, params: {}, context: {} }))).status).toBe(
      200,
    );
    expect(await counts(TEST_SHOP)).toEqual({
      offers: 0,
      settings: 0,
      publications: 0,
      notices: 0,
    });
    expect(await counts(OTHER_SHOP)).toEqual({
      offers: 1,
      settings: 1,
      publications: 1,
      notices: 1,
    });
  });
});
