/**
 * The demo storefront's AJAX Cart API model on a real SQLite database: the demo offers are
 * published through the schema-backed Admin API stand-in, and every answer is priced by the
 * discount function's own exports on what publishing wrote.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_OFFERS, DEMO_SETTINGS } from "../../app/demo/demo-offers";
import prisma from "../../app/db.server";
import { createOffer } from "../../app/models/offers.server";
import { publishOffers } from "../../app/models/publish.server";
import { unauthenticated } from "../../app/shopify.server";
import {
  handleCartRequest,
  type CartEndpoint,
  type StorefrontVisitor,
} from "../../app/storefront/cart-api.server";
import type { CartItemJson, CartJson } from "../../app/storefront/cart-json.server";
import { CartError, resetCarts } from "../../app/storefront/cart-store.server";
import { nestFormFields, readCartBody } from "../../app/storefront/cart-request.server";
import type { SimulatedCustomerKind } from "../../app/storefront/customers";
import { installAdminStandIn } from "../support/admin-api";
import { installSession, TEST_SHOP } from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";

const PHONE = 2301;
const CASE_BLACK = 2302;
const DARK_BAR = 2201;
const CAMERA = 2101;

/** Where the Cart API is asked: its image URLs are absolute on it. */
const ORIGIN = "http://127.0.0.1:4321";
let visitorCount = 0;

async function visitor(customer: SimulatedCustomerKind = "guest"): Promise<StorefrontVisitor> {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  visitorCount += 1;
  return { shop: TEST_SHOP, admin, token: `visitor-${visitorCount}`, customer, origin: ORIGIN };
}

async function call(
  v: StorefrontVisitor,
  endpoint: CartEndpoint,
  body: Record<string, unknown> = {},
) {
  return handleCartRequest(v, endpoint, body);
}

async function cartOf(v: StorefrontVisitor): Promise<CartJson> {
  const result = await call(v, "get");
  expect(result.status).toBe(200);
  return result.body as CartJson;
}

async function publishDemoOffers() {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  const result = await publishOffers(TEST_SHOP, admin);
  expect(result.ok).toBe(true);
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

describe("pricing by the discount function", () => {
  it("charges the half-price case the phone page offers, once published", async () => {
    await publishDemoOffers();
    const v = await visitor();
    await call(v, "add", { id: PHONE, quantity: 1 });
    const added = await call(v, "add", {
      items: [{ id: CASE_BLACK, quantity: 1, properties: { _ladder_offer: "half-price-case" } }],
    });
    expect(added.status).toBe(200);
    const [caseLine] = (added.body as { items: CartItemJson[] }).items;
    expect(caseLine?.properties).toEqual({ _ladder_offer: "half-price-case" });
    expect(caseLine?.final_line_price).toBe(1500);
    expect(caseLine?.line_level_discount_allocations[0]?.amount).toBe(1500);
    expect(caseLine?.line_level_discount_allocations[0]?.discount_application.title).toBe(
      "Ladder offers",
    );

    const cart = await cartOf(v);
    expect(cart.item_count).toBe(2);
    expect(cart.original_total_price).toBe(82900);
    expect(cart.total_discount).toBe(1500);
    expect(cart.total_price).toBe(81400);
    expect(cart.currency).toBe("USD");
    const phone = cart.items.find((item) => item.variant_id === PHONE);
    expect(phone?.line_level_discount_allocations).toEqual([]);
    expect(phone?.final_line_price).toBe(79900);
  });

  it("gives image URLs absolute on the request's origin, as Shopify's CDN URLs are", async () => {
    const v = await visitor();
    await call(v, "add", { id: CASE_BLACK, quantity: 1 });
    const [line] = (await cartOf(v)).items;
    expect(line?.image).toBe(`${ORIGIN}/storefront/images/phone-case.svg`);
    expect(line?.featured_image.url).toBe(line?.image);
  });

  it("discounts nothing before the first publish", async () => {
    const v = await visitor();
    await call(v, "add", { items: [{ id: PHONE }, { id: CASE_BLACK }] });
    const cart = await cartOf(v);
    expect(cart.total_discount).toBe(0);
    expect(cart.total_price).toBe(82900);
  });

  it("applies the chocolate tier the cart reaches, across calls", async () => {
    await publishDemoOffers();
    const v = await visitor();
    await call(v, "add", { id: DARK_BAR, quantity: 2 });
    expect((await cartOf(v)).total_discount).toBe(0);
    await call(v, "add", { id: DARK_BAR, quantity: 1 });
    // 3 bars reach the 5% tier: 5% of $18.00.
    const three = await cartOf(v);
    expect(three.items).toHaveLength(1);
    expect(three.total_discount).toBe(90);
    const key = three.items[0]?.key;
    await call(v, "change", { id: key, quantity: 6 });
    // 6 bars reach 10%: 10% of $36.00.
    expect((await cartOf(v)).total_discount).toBe(360);
  });

  it("gives earned discounts to a customer who sees no offers (rule 11)", async () => {
    await publishDemoOffers();
    const v = await visitor("complaint");
    await call(v, "add", { items: [{ id: PHONE }, { id: CASE_BLACK }] });
    expect((await cartOf(v)).total_discount).toBe(1500);
  });
});

describe("Shopify's request and response shapes", () => {
  it("reads form-encoded bodies with bracketed names", async () => {
    const request = new Request("http://localhost/storefront/cart/add.js", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "id=2302&quantity=2&properties%5B_ladder_offer%5D=half-price-case&properties%5BEngraving%5D=Ana",
    });
    const body = await readCartBody(request);
    expect(body).toEqual({
      id: "2302",
      quantity: "2",
      properties: { _ladder_offer: "half-price-case", Engraving: "Ana" },
    });
    const v = await visitor();
    const added = await call(v, "add", body as Record<string, unknown>);
    expect(added.status).toBe(200);
    expect((added.body as CartItemJson).quantity).toBe(2);
    expect((added.body as CartItemJson).key).toMatch(/^2302:[0-9a-f]{8}$/);
  });

  it("nests list and object fields as Shopify does", () => {
    expect(
      nestFormFields([
        ["updates[]", "1"],
        ["updates[]", "0"],
        ["attributes[_ladder_group]", "treatment"],
        ["items[0][id]", "2301"],
        ["items[0][quantity]", "1"],
      ]),
    ).toEqual({
      updates: ["1", "0"],
      attributes: { _ladder_group: "treatment" },
      items: { "0": { id: "2301", quantity: "1" } },
    });
  });

  it("keeps lines with different properties apart and merges equal ones", async () => {
    const v = await visitor();
    await call(v, "add", { id: CASE_BLACK, quantity: 1 });
    await call(v, "add", {
      id: CASE_BLACK,
      quantity: 1,
      properties: { _ladder_offer: "half-price-case" },
    });
    await call(v, "add", { id: CASE_BLACK, quantity: 1 });
    const cart = await cartOf(v);
    expect(cart.items.map((item) => [item.quantity, item.properties])).toEqual([
      [2, {}],
      [1, { _ladder_offer: "half-price-case" }],
    ]);
  });

  it("writes and removes cart attributes, sets quantities by position, and clears", async () => {
    const v = await visitor();
    await call(v, "add", { items: [{ id: PHONE }, { id: DARK_BAR, quantity: 2 }] });
    await call(v, "update", {
      attributes: { _ladder_group: "treatment", _ladder_shown: "half-price-case" },
      updates: [0, 4],
    });
    let cart = await cartOf(v);
    expect(cart.attributes).toEqual({
      _ladder_group: "treatment",
      _ladder_shown: "half-price-case",
    });
    expect(cart.items.map((item) => [item.variant_id, item.quantity])).toEqual([[DARK_BAR, 4]]);

    await call(v, "update", { attributes: { _ladder_shown: "" }, updates: { [String(PHONE)]: 1 } });
    cart = await cartOf(v);
    expect(cart.attributes).toEqual({ _ladder_group: "treatment" });
    expect(cart.item_count).toBe(5);

    const cleared = await call(v, "clear");
    expect((cleared.body as CartJson).items).toEqual([]);
    expect((cleared.body as CartJson).attributes).toEqual({ _ladder_group: "treatment" });
  });

  it("keeps each visitor's cart apart", async () => {
    const a = await visitor();
    const b = await visitor();
    await call(a, "add", { id: PHONE });
    expect((await cartOf(a)).item_count).toBe(1);
    expect((await cartOf(b)).item_count).toBe(0);
  });
});

describe("bad input", () => {
  it("answers 422 for an unknown variant and adds nothing", async () => {
    const v = await visitor();
    const result = await call(v, "add", { items: [{ id: PHONE }, { id: 999999 }] });
    expect(result).toEqual({
      status: 422,
      body: { status: 422, message: "Cart Error", description: "Cannot find variant" },
    });
    expect((await cartOf(v)).item_count).toBe(0);
  });

  it("answers 422 when stock runs out, keeping what the cart had", async () => {
    const v = await visitor();
    await call(v, "add", { id: CAMERA, quantity: 10 });
    const result = await call(v, "add", { id: CAMERA, quantity: 3 });
    expect(result.status).toBe(422);
    expect((result.body as { description: string }).description).toBe(
      "You can only add 2 Camera to the cart.",
    );
    const key = (await cartOf(v)).items[0]?.key;
    expect((await call(v, "change", { id: key, quantity: 13 })).status).toBe(422);
    expect((await cartOf(v)).item_count).toBe(10);
  });

  it("reads the cart on a GET that says its (absent) body is JSON, as Shopify does", async () => {
    const request = new Request("http://localhost/storefront/cart.js", {
      headers: { "Content-Type": "application/json" },
    });
    expect(await readCartBody(request)).toEqual({});
  });

  it("answers 400 for a malformed JSON body", async () => {
    const request = new Request("http://localhost/storefront/cart/add.js", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"id": 2301,',
    });
    const body = await readCartBody(request).catch((error: unknown) => error);
    expect(body).toBeInstanceOf(CartError);
    const result = await handleCartRequest(await visitor(), "add", body as CartError);
    expect(result).toEqual({
      status: 400,
      body: {
        status: 400,
        message: "Bad Request",
        description: "The request body is not valid JSON",
      },
    });
  });

  it("names the field of a value it cannot read", async () => {
    const v = await visitor();
    const quantity = await call(v, "add", { id: PHONE, quantity: "two" });
    expect(quantity.status).toBe(400);
    expect((quantity.body as { description: string }).description).toBe(
      "quantity: must be a whole number",
    );
    const items = await call(v, "add", { items: "phone" });
    expect((items.body as { description: string }).description).toBe("items: must be a list");
    const change = await call(v, "change", { quantity: 1 });
    expect((change.body as { description: string }).description).toBe(
      "no valid id or line parameter",
    );
    const negative = await call(v, "update", { updates: { [String(PHONE)]: -1 } });
    expect(negative.status).toBe(400);
    const attributes = await call(v, "update", { attributes: { _ladder_group: { x: 1 } } });
    expect((attributes.body as { description: string }).description).toBe(
      "attributes._ladder_group: must be a text",
    );
    expect((await cartOf(v)).item_count).toBe(0);
  });
});
