import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../app/config";
import type { Offer } from "../../app/engine";
import {
  configForShop,
  createOffer,
  deleteOffers,
  getOffer,
  listOffers,
  OfferValidationError,
  setOffersStatus,
} from "../../app/models/offers.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import { clearOfferTables } from "../support/offers-db";

const OTHER_SHOP = "other-shop.myshopify.com";

const waxing: Offer = {
  id: "waxing",
  kind: "cross-sell",
  title: "Waxing with any wash",
  status: "active",
  trigger: { productIds: ["gid://shopify/Product/1001"] },
  item: {
    variantId: "gid://shopify/ProductVariant/2003",
    productId: "gid://shopify/Product/1003",
    title: "Waxing",
    price: "15.00",
  },
  discountPercent: 20,
};

beforeEach(async () => {
  await clearOfferTables();
  await rememberCurrency(TEST_SHOP, "USD");
});

describe("createOffer", () => {
  it("stores a valid offer under its id and returns the id", async () => {
    expect(await createOffer(TEST_SHOP, waxing)).toEqual({ id: "waxing" });
    const stored = await getOffer(TEST_SHOP, "waxing");
    expect(stored).toMatchObject({
      key: "waxing",
      kind: "cross-sell",
      status: "active",
      complete: true,
    });
    expect(stored?.body).toEqual(waxing);
  });

  it("picks a fresh, readable id when the id is taken", async () => {
    await createOffer(TEST_SHOP, waxing);
    expect(await createOffer(TEST_SHOP, { ...waxing, status: "draft" })).toEqual({
      id: "waxing-2",
    });
    expect(await createOffer(TEST_SHOP, { ...waxing, id: "Waxing Deal!" })).toEqual({
      id: "waxing-deal",
    });
    expect((await listOffers(TEST_SHOP)).map((o) => o.key)).toEqual([
      "waxing",
      "waxing-2",
      "waxing-deal",
    ]);
  });

  it("refuses an invalid active offer and stores nothing", async () => {
    const invalid = { ...waxing, discountPercent: 150 };
    await expect(createOffer(TEST_SHOP, invalid)).rejects.toThrow(OfferValidationError);
    await expect(createOffer(TEST_SHOP, invalid)).rejects.toThrow(
      /discountPercent: must be between 0 and 100/,
    );
    expect(await listOffers(TEST_SHOP)).toEqual([]);
  });

  it("stores an incomplete draft, which cannot be activated until it is complete", async () => {
    const draft = { ...waxing, status: "draft", item: { ...waxing.item, variantId: "" } } as Offer;
    const { id } = await createOffer(TEST_SHOP, draft);
    const stored = await getOffer(TEST_SHOP, id);
    expect(stored?.complete).toBe(false);
    expect(stored?.problems).toEqual([{ path: "item.variantId", message: "must not be empty" }]);

    const change = await setOffersStatus(TEST_SHOP, [id], "active");
    expect(change.changed).toEqual([]);
    expect(change.refused).toEqual([
      {
        key: id,
        title: waxing.title,
        kind: "cross-sell",
        problems: [{ path: "item.variantId", message: "must not be empty" }],
      },
    ]);
    expect((await getOffer(TEST_SHOP, id))?.status).toBe("draft");
  });

  it("refuses even a draft without a title", async () => {
    await expect(
      createOffer(TEST_SHOP, { ...waxing, status: "draft", title: " " }),
    ).rejects.toThrow(/title: must not be empty/);
  });
});

describe("bulk status and delete", () => {
  it("activates and drafts, keeping the body's status in step", async () => {
    await createOffer(TEST_SHOP, { ...waxing, status: "draft" });
    expect(await setOffersStatus(TEST_SHOP, ["waxing"], "active")).toEqual({
      changed: ["waxing"],
      refused: [],
    });
    const stored = await getOffer(TEST_SHOP, "waxing");
    expect(stored?.status).toBe("active");
    expect(stored?.body.status).toBe("active");
    await setOffersStatus(TEST_SHOP, ["waxing"], "draft");
    expect((await getOffer(TEST_SHOP, "waxing"))?.body.status).toBe("draft");
  });

  it("never touches another shop's offers", async () => {
    await rememberCurrency(OTHER_SHOP, "USD");
    await createOffer(OTHER_SHOP, { ...waxing, status: "draft" });
    await createOffer(TEST_SHOP, { ...waxing, status: "draft" });

    await setOffersStatus(TEST_SHOP, ["waxing"], "active");
    expect((await getOffer(OTHER_SHOP, "waxing"))?.status).toBe("draft");
    expect(await deleteOffers(TEST_SHOP, ["waxing"])).toBe(1);
    expect(await getOffer(OTHER_SHOP, "waxing")).not.toBeNull();
    expect(await getOffer(TEST_SHOP, "waxing")).toBeNull();
  });
});

describe("configForShop", () => {
  it("is a valid config v1 of the complete offers in order, without incomplete drafts", async () => {
    await createOffer(TEST_SHOP, waxing);
    await createOffer(TEST_SHOP, {
      ...waxing,
      id: "draft-one",
      status: "draft",
      item: { ...waxing.item, price: "" },
    });
    await createOffer(TEST_SHOP, { ...waxing, id: "second", status: "draft" });
    const config = await configForShop(TEST_SHOP);
    expect(config.offers.map((o) => o.id)).toEqual(["waxing", "second"]);
    expect(config.currency).toBe("USD");
    expect(validateConfig(config).ok).toBe(true);
  });
});
