/** The demo storefront's pages render the extension's own blocks with the published config. */
import { beforeEach, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { DEMO_OFFERS, DEMO_SETTINGS } from "../../app/demo/demo-offers";
import { createOffer } from "../../app/models/offers.server";
import { publishOffers } from "../../app/models/publish.server";
import { unauthenticated } from "../../app/shopify.server";
import { handleCartRequest, type StorefrontVisitor } from "../../app/storefront/cart-api.server";
import { resetCarts } from "../../app/storefront/cart-store.server";
import { cartPage, homePage, productPage } from "../../app/storefront/pages.server";
import { installAdminStandIn } from "../support/admin-api";
import { installSession, TEST_SHOP } from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";

/** Where the pages are asked for: their image URLs are absolute on it. */
const ORIGIN = "http://127.0.0.1:4321";

async function visitor(customer: StorefrontVisitor["customer"] = "guest") {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  return { shop: TEST_SHOP, admin, token: `page-visitor-${customer}`, customer, origin: ORIGIN };
}

beforeEach(async () => {
  resetCarts();
  await clearOfferTables();
  installAdminStandIn();
  await installSession();
  await prisma.shopSettings.create({
    data: { shop: TEST_SHOP, currency: "USD", settings: JSON.stringify(DEMO_SETTINGS) },
  });
  for (const offer of DEMO_OFFERS) await createOffer(TEST_SHOP, offer);
});

it("asks to publish first, and renders no Ladder block without a config", async () => {
  const html = (await productPage(await visitor(), "phone")) ?? "";
  expect(html).toContain("Nothing is published to this store yet");
  expect(html).not.toContain('data-ladder="product"');
});

it("renders the product block with the published config and the offered items' images", async () => {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  expect((await publishOffers(TEST_SHOP, admin)).ok).toBe(true);
  const html = (await productPage(await visitor(), "phone")) ?? "";
  expect(html).toContain('data-ladder="product"');
  expect(html).toContain("/storefront/assets/ladder.js");
  // Absolute on the request's origin, as Shopify's CDN URLs are: the product's own picture,
  // and the offered case's (the page data's images).
  expect(html).toContain(`src="${ORIGIN}/storefront/images/phone.svg"`);
  expect(html).toContain(`"2302":"${ORIGIN}/storefront/images/phone-case.svg"`);
  expect(html).not.toMatch(/src="\/storefront\/images\//);
  expect(await productPage(await visitor(), "no-such-product")).toBeNull();
  expect(await homePage(await visitor())).toContain("/storefront/products/dark-chocolate");
});

it("renders nothing of Ladder's for a customer with an open complaint", async () => {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  await publishOffers(TEST_SHOP, admin);
  const html = (await productPage(await visitor("complaint"), "phone")) ?? "";
  expect(html).not.toContain('data-ladder="product"');
});

it("shows the function's discount on the cart page", async () => {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  await publishOffers(TEST_SHOP, admin);
  const v = await visitor();
  await handleCartRequest(v, "add", { items: [{ id: 2301 }, { id: 2302 }] });
  const html = await cartPage(v);
  expect(html).toContain("Ladder offers: −$15.00");
  expect(html).toContain("$814.00");
  expect(html).toContain('data-ladder="cart"');
  expect(html).toContain("Free");
});

it("reserves room for offer cards on the phone's page, and none on tire shine's", async () => {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  await publishOffers(TEST_SHOP, admin);
  const phone = (await productPage(await visitor(), "phone")) ?? "";
  expect(phone).toMatch(/--ladder-slots: [1-9]/);
  expect(phone).not.toContain("ladder--unreserved");
  // No offer names tire shine (a gift's item) and the cart is empty...
  const v = await visitor();
  const tireShine = (await productPage(v, "tire-shine")) ?? "";
  expect(tireShine).toContain('data-ladder="product"');
  expect(tireShine).toContain("--ladder-slots: 0;");
  expect(tireShine).toContain("ladder--unreserved");
  // ...until the cart holds a wash, whose add-on the tire shine page may then offer.
  await handleCartRequest(v, "add", { items: [{ id: 2001 }] });
  const withWash = (await productPage(v, "tire-shine")) ?? "";
  expect(withWash).not.toContain("ladder--unreserved");
});
