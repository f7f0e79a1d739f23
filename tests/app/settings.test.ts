import { beforeEach, describe, expect, it } from "vitest";
import { configForShop } from "../../app/models/offers.server";
import {
  getShopSetup,
  recordPreviewOpened,
  rememberCurrency,
} from "../../app/models/shop-settings.server";
import { stackingWithLadder } from "../../app/offers/stacking";
import { action, loader } from "../../app/routes/app.settings";
import { installAdminStandIn } from "../support/admin-api";
import {
  adminRequest,
  installSession,
  outcome,
  routeArgs,
  TEST_SHOP,
} from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";

const OTHER_SHOP = "other-shop.myshopify.com";
const STACK_ALL = { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true };
const DEFAULT_STACKING = { productDiscounts: false, orderDiscounts: true, shippingDiscounts: true };

async function save(json: unknown) {
  const request = await adminRequest("/app/settings", { json });
  return outcome<{ ok: boolean; problems?: { path: string; message: string }[] }>(() =>
    action(routeArgs(request)),
  );
}

beforeEach(async () => {
  await clearOfferTables();
  installAdminStandIn();
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
});

describe("settings loader", () => {
  it("reads stored settings, the stacking choice and the shop's other discounts", async () => {
    const request = await adminRequest("/app/settings");
    const { data } = await outcome<Awaited<ReturnType<typeof loader>>>(() =>
      loader(routeArgs(request)),
    );
    expect(data.settings).toEqual({});
    expect(data.combinesWith).toEqual(DEFAULT_STACKING);
    expect(data.otherDiscounts.map((d) => [d.title, d.classes])).toEqual([
      ["WELCOME10 (10% off a first order)", ["ORDER"]],
      ["Winter sale: 15% off chocolate", ["PRODUCT"]],
      ["Free shipping over $100", ["SHIPPING"]],
    ]);
    expect(data.discountsError).toBeNull();
  });
});

describe("saving settings", () => {
  const settings = {
    maxOffers: 3,
    maxPriceRatio: 2,
    cooldownDays: 7,
    holdoutPercent: 5,
    suppressTags: ["open-complaint", "refund-requested"],
    budgetTags: [],
    segments: { frequentMinOrders: 4, premiumTags: ["vip"], premiumMinSpent: "500.00" },
  };

  it("stores valid guardrails and the stacking choice; the config carries them", async () => {
    const result = await save({ settings, combinesWith: STACK_ALL });
    expect(result).toMatchObject({ status: 200, data: { ok: true } });
    expect(await getShopSetup(TEST_SHOP)).toMatchObject({ settings, combinesWith: STACK_ALL });
    expect((await configForShop(TEST_SHOP)).settings).toEqual(settings);
    // Another shop keeps its defaults.
    expect((await getShopSetup(OTHER_SHOP)).settings).toEqual({});
  });

  it("answers 422 naming every wrong field, and stores nothing", async () => {
    const result = await save({
      settings: {
        ...settings,
        maxOffers: 0,
        holdoutPercent: 80,
        maxPriceRatio: "a lot",
        segments: { premiumMinSpent: "12.345" },
      },
      combinesWith: STACK_ALL,
    });
    expect(result.status).toBe(422);
    expect(result.data.problems).toEqual([
      { path: "maxOffers", message: "must be a whole number from 1 to 10" },
      { path: "maxPriceRatio", message: "must be a number" },
      { path: "holdoutPercent", message: "must be a whole number from 0 to 50" },
      {
        path: "segments.premiumMinSpent",
        message: 'must be a positive amount with at most 2 decimals, like "24.00"',
      },
    ]);
    expect(await getShopSetup(TEST_SHOP)).toMatchObject({
      settings: {},
      combinesWith: DEFAULT_STACKING,
    });
  });

  it("refuses a stacking choice that is not three yes/no answers", async () => {
    const result = await save({ settings, combinesWith: { productDiscounts: "yes" } });
    expect(result.status).toBe(422);
    expect(result.data.problems).toEqual([
      { path: "combinesWith", message: "must say yes or no for each discount class" },
    ]);
    expect((await getShopSetup(TEST_SHOP)).settings).toEqual({});
  });
});

describe("preview visits", () => {
  it("are recorded per shop, on the settings row, without touching the guardrails", async () => {
    expect((await getShopSetup(TEST_SHOP)).previewedAt).toBeNull();
    // A shop with no row yet gets one.
    const first = new Date("2026-12-01T10:00:00Z");
    await recordPreviewOpened(TEST_SHOP, first);
    expect((await getShopSetup(TEST_SHOP)).previewedAt).toEqual(first);
    expect((await getShopSetup(TEST_SHOP)).settings).toEqual({});

    const settings = { maxOffers: 3 };
    expect((await save({ settings, combinesWith: STACK_ALL })).status).toBe(200);
    const later = new Date("2026-12-02T10:00:00Z");
    await recordPreviewOpened(TEST_SHOP, later);
    expect(await getShopSetup(TEST_SHOP)).toMatchObject({ settings, previewedAt: later });
    expect((await getShopSetup(OTHER_SHOP)).previewedAt).toBeNull();
  });
});

describe("stacking with Ladder's discount", () => {
  const welcome = {
    classes: ["ORDER" as const],
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
  };

  it("needs both sides to allow each other's class", () => {
    expect(stackingWithLadder(STACK_ALL, welcome)).toEqual({
      product: { stacks: false, because: "this discount does not combine with product discounts" },
      shipping: { stacks: true, because: null },
    });
    expect(stackingWithLadder({ ...STACK_ALL, orderDiscounts: false }, welcome).shipping).toEqual({
      stacks: false,
      because: "Ladder is set not to combine with order discounts",
    });
    expect(
      stackingWithLadder(STACK_ALL, { classes: ["PRODUCT"], combinesWith: STACK_ALL }),
    ).toEqual({
      product: { stacks: true, because: null },
      shipping: { stacks: true, because: null },
    });
  });
});
