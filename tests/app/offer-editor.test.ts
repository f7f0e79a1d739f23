import { beforeEach, describe, expect, it } from "vitest";
import type { Offer } from "../../app/engine";
import { createOffer, getOffer, listOffers } from "../../app/models/offers.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import { fieldErrors } from "../../app/offers/form";
import * as editRoute from "../../app/routes/app.offers.$key";
import * as newRoute from "../../app/routes/app.offers.new.$kind";
import { loader as catalogLoader } from "../../app/routes/app.catalog";
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
const P = (n: number) => `gid://shopify/Product/${n}`;
const V = (n: number) => `gid://shopify/ProductVariant/${n}`;
/** What a browser might send for an item: Ladder must not trust its title or price. */
const tampered = (variant: number) => ({
  variantId: V(variant),
  productId: P(1),
  title: "Typed by hand",
  price: "0.01",
});

interface Problems {
  ok: false;
  problems: { path: string; message: string }[];
}

async function create(kind: string, offer: Record<string, unknown>) {
  const request = await adminRequest(`/app/offers/new/${kind}`, { json: { offer } });
  return outcome<Problems>(() => newRoute.action(routeArgs(request, { kind })));
}

beforeEach(async () => {
  await clearOfferTables();
  installAdminStandIn();
  await installSession();
});

const valid: Record<
  string,
  { offer: Record<string, unknown>; expect: Partial<Offer> & Record<string, unknown> }
> = {
  upgrade: {
    offer: {
      title: "Standard → Premium wash",
      status: "active",
      trigger: { productIds: [P(1001)] },
      to: tampered(2002),
      discountPercent: 10,
      message: "Upgrade to {item.title} for {price}",
    },
    expect: {
      to: { variantId: V(2002), productId: P(1002), title: "Premium wash", price: "35.00" },
    },
  },
  "cross-sell": {
    offer: {
      title: "Waxing",
      status: "active",
      trigger: { productIds: [P(1001), P(1002)] },
      item: tampered(2003),
      discountPercent: 20,
    },
    expect: { item: { variantId: V(2003), productId: P(1003), title: "Waxing", price: "15.00" } },
  },
  bundle: {
    offer: {
      title: "Phone + case",
      status: "active",
      items: [
        { ...tampered(2301), quantity: 1 },
        { ...tampered(2303), quantity: 2 },
      ],
      discountPercent: 5,
    },
    expect: {
      items: [
        { variantId: V(2301), productId: P(1301), title: "Phone", price: "799.00", quantity: 1 },
        {
          variantId: V(2303),
          productId: P(1302),
          title: "Phone case – Clear",
          price: "30.00",
          quantity: 2,
        },
      ],
    },
  },
  volume: {
    offer: {
      title: "Chocolate bars",
      status: "active",
      trigger: { tags: ["chocolate"], collectionIds: ["gid://shopify/Collection/3004"] },
      tiers: [
        { minQuantity: 3, discountPercent: 5 },
        { minQuantity: 6, discountPercent: 10 },
      ],
    },
    expect: {
      tiers: [
        { minQuantity: 3, discountPercent: 5 },
        { minQuantity: 6, discountPercent: 10 },
      ],
    },
  },
  "free-shipping": {
    offer: {
      title: "Free shipping over $50",
      status: "active",
      threshold: "50.00",
      countries: ["US"],
    },
    expect: { threshold: "50.00", countries: ["US"] },
  },
  gift: {
    // A threshold typed without cents is stored as the currency writes it.
    offer: {
      title: "Pralines over $75",
      status: "active",
      threshold: "75",
      item: tampered(2203),
    },
    expect: {
      threshold: "75.00",
      item: { variantId: V(2203), productId: P(1203), title: "Pralines", price: "12.00" },
    },
  },
};

describe("creating an offer of each kind", () => {
  it.each(Object.entries(valid))("%s: stored with Shopify's titles and prices", async (kind, c) => {
    const result = await create(kind, c.offer);
    expect(result.status).toBe(302);
    const [stored] = await listOffers(TEST_SHOP);
    expect(stored).toMatchObject({ kind, status: "active", complete: true });
    expect(result.headers.get("location")).toContain(`/app/offers/${stored?.key}?created=1`);
    const offer = await getOffer(TEST_SHOP, stored?.key ?? "");
    expect(offer?.body).toMatchObject({ kind, ...c.expect });
  });

  it("derives a readable id from the title and keeps ids unique", async () => {
    await create("upgrade", valid.upgrade?.offer ?? {});
    await create("upgrade", valid.upgrade?.offer ?? {});
    expect((await listOffers(TEST_SHOP)).map((o) => o.key)).toEqual([
      "standard-premium-wash",
      "standard-premium-wash-2",
    ]);
  });

  it("refuses an id typed by the merchant that is already taken, naming the field", async () => {
    await create("gift", { ...valid.gift?.offer, id: "pralines" });
    const again = await create("gift", { ...valid.gift?.offer, id: "pralines" });
    expect(again.status).toBe(422);
    expect(again.data.problems).toEqual([
      { path: "id", message: '"pralines" is already the id of another offer' },
    ]);
  });
});

describe("validation errors", () => {
  it.each([
    [
      "volume",
      {
        title: "Bad tiers",
        status: "active",
        trigger: { tags: ["chocolate"] },
        tiers: [
          { minQuantity: 6, discountPercent: 10 },
          { minQuantity: 3, discountPercent: 5 },
        ],
      },
      {
        "tiers[1].minQuantity": "must be greater than the previous tier's (6)",
        "tiers[1].discountPercent": "must not be lower than the previous tier's (10)",
      },
    ],
    [
      "upgrade",
      {
        title: "Too much",
        status: "active",
        trigger: {},
        to: tampered(2002),
        discountPercent: 150,
      },
      {
        trigger: "Choose at least one product, variant, collection or tag",
        discountPercent: "must be between 0 and 100",
      },
    ],
    [
      "free-shipping",
      { title: "Typo", status: "active", threshold: "5O", countries: ["USA"] },
      {
        threshold: 'must be a positive amount with at most 2 decimals, like "24.00"',
        countries: 'must be a 2-letter country code, like "US"',
      },
    ],
    [
      "bundle",
      { title: "One item", status: "active", items: [tampered(2301)], discountPercent: "ten" },
      { items: "a bundle needs at least 2 items", discountPercent: "must be a number" },
    ],
    [
      "cross-sell",
      { title: "", status: "draft", trigger: { tags: ["x"] }, item: tampered(2003) },
      { title: "must not be empty" },
    ],
  ])("%s: 422 with problems on their fields, nothing stored", async (kind, offer, fields) => {
    const result = await create(kind, offer);
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data.problems)).toEqual(fields);
    expect(await listOffers(TEST_SHOP)).toEqual([]);
  });

  it("an active offer whose product Shopify no longer has is refused on the picker", async () => {
    const result = await create("cross-sell", {
      ...valid["cross-sell"]?.offer,
      item: { ...tampered(2003), variantId: V(999999) },
    });
    expect(result.status).toBe(422);
    expect(result.data.problems).toContainEqual({
      path: "item.variantId",
      message: "this product is no longer in your Shopify catalog; choose another",
    });
  });

  it("an incomplete draft is saved (nothing typed is lost) and reports what it lacks", async () => {
    const result = await create("cross-sell", {
      title: "Waxing, product to pick",
      status: "draft",
      trigger: { productIds: [P(1001)] },
      item: { variantId: "", productId: "", title: "", price: "" },
      why: "Wax protects the paint.",
    });
    expect(result.status).toBe(302);
    const stored = await getOffer(TEST_SHOP, "waxing-product-to-pick");
    expect(stored).toMatchObject({ complete: false, status: "draft" });
    expect(stored?.body.why).toBe("Wax protects the paint.");
    expect(fieldErrors(stored?.problems ?? [])).toEqual({ item: "Choose a product" });
  });

  it("a draft may be incomplete, never invalid: a 150% discount is refused, nothing stored", async () => {
    const result = await create("cross-sell", {
      title: "Waxing at 150%",
      status: "draft",
      trigger: { productIds: [P(1001)] },
      item: { variantId: "", productId: "", title: "", price: "" },
      discountPercent: 150,
    });
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data.problems)).toMatchObject({
      discountPercent: "must be between 0 and 100",
    });
    expect(await listOffers(TEST_SHOP)).toEqual([]);
  });

  it("speaks the merchant's words: no validator field names in messages", async () => {
    const result = await create("cross-sell", {
      ...valid["cross-sell"]?.offer,
      startsAt: "2026-12-01T00:00:00Z",
      endsAt: "2026-11-01T00:00:00Z",
      item: { ...tampered(2003), variantId: V(999999) },
    });
    expect(result.status).toBe(422);
    const errors = fieldErrors(result.data.problems);
    expect(errors).toMatchObject({
      endsAt: "must be after the start",
      item: "this product is no longer in your Shopify catalog; choose another",
    });
    expect(Object.values(errors).join(" ")).not.toMatch(/startsAt|variantId/);
  });
});

describe("editing an offer", () => {
  beforeEach(async () => {
    await rememberCurrency(TEST_SHOP, "USD");
    await create("upgrade", { ...valid.upgrade?.offer, id: "premium-wash" });
  });

  it("loads the form with the names of what the offer references", async () => {
    const request = await adminRequest("/app/offers/premium-wash");
    const result = await outcome<Awaited<ReturnType<typeof editRoute.loader>>>(() =>
      editRoute.loader(routeArgs(request, { key: "premium-wash" })),
    );
    expect(result.status).toBe(200);
    expect(result.data.form).toMatchObject({
      id: "premium-wash",
      kind: "upgrade",
      discountPercent: "10",
      trigger: { productIds: [P(1001)] },
      item: { title: "Premium wash", price: "35.00" },
    });
    expect(result.data.names).toEqual({ [P(1001)]: "Standard wash", [V(2002)]: "Premium wash" });
  });

  it("shows Shopify's current title and price for the item and each A/B copy's product", async () => {
    // Stored as they were when saved: the catalog has changed since (and a copy's names too).
    await createOffer(TEST_SHOP, {
      id: "tire-addon",
      kind: "cross-sell",
      title: "Tire shine add-on",
      status: "active",
      trigger: { productIds: [P(1001)] },
      item: { variantId: V(2004), productId: P(1004), title: "Old tire name", price: "1.00" },
      discountPercent: 20,
      message: "Add {item.title}",
      variants: [
        { id: "A" },
        {
          id: "B",
          message: "Add {item.title} instead",
          item: { variantId: V(2003), productId: P(1003), title: "Old wax name", price: "2.00" },
        },
      ],
    });
    const request = await adminRequest("/app/offers/tire-addon");
    const result = await outcome<Awaited<ReturnType<typeof editRoute.loader>>>(() =>
      editRoute.loader(routeArgs(request, { key: "tire-addon" })),
    );
    expect(result.status).toBe(200);
    expect(result.data.form.item).toMatchObject({ title: "Tire shine", price: "8.00" });
    expect(result.data.form.variants[1]?.item).toMatchObject({ title: "Waxing", price: "15.00" });
    expect(result.data.names).toMatchObject({ [V(2004)]: "Tire shine", [V(2003)]: "Waxing" });
  });

  it("names the active offers this one overlaps, with what buyers get; none for other kinds", async () => {
    const waxing = (id: string, title: string, status: "active" | "draft", percent: number) =>
      createOffer(TEST_SHOP, {
        id,
        kind: "cross-sell",
        title,
        status,
        trigger: { productIds: [P(1001)] },
        item: { variantId: V(2003), productId: P(1003), title: "Waxing", price: "15.00" },
        discountPercent: percent,
      });
    await waxing("wax-10", "Wax at 10%", "active", 10);
    await waxing("wax-20", "Wax at 20%", "draft", 20);
    const load = async (key: string) => {
      const request = await adminRequest(`/app/offers/${key}`);
      return outcome<Awaited<ReturnType<typeof editRoute.loader>>>(() =>
        editRoute.loader(routeArgs(request, { key })),
      );
    };

    // A draft is judged as if activated: the active one is named, the larger discount wins.
    const draft = await load("wax-20");
    expect(draft.data.overlaps).toHaveLength(1);
    expect(draft.data.overlaps?.[0]).toMatchObject({
      kind: "cross-sell",
      winner: "wax-20",
      others: [{ id: "wax-10", title: "Wax at 10%" }],
    });
    expect(draft.data.overlaps?.[0]?.outcome).toContain("$3.00 off Waxing");
    // The active one overlaps nothing active: the other is a draft.
    expect((await load("wax-10")).data.overlaps).toEqual([]);
    // The upgrade shares the trigger but is another kind: no overlap.
    expect((await load("premium-wash")).data.overlaps).toEqual([]);
  });

  it("saves changes and keeps the id", async () => {
    const request = await adminRequest("/app/offers/premium-wash", {
      json: {
        offer: {
          ...valid.upgrade?.offer,
          id: "renamed",
          title: "Premium, now 15% off",
          discountPercent: 15,
        },
      },
    });
    const result = await outcome(() =>
      editRoute.action(routeArgs(request, { key: "premium-wash" })),
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ ok: true, key: "premium-wash", complete: true, problems: [] });
    const stored = await getOffer(TEST_SHOP, "premium-wash");
    expect(stored?.body).toMatchObject({
      id: "premium-wash",
      title: "Premium, now 15% off",
      discountPercent: 15,
      to: { title: "Premium wash", price: "35.00" },
    });
  });

  it("keeps the stored offer when a save is invalid", async () => {
    const request = await adminRequest("/app/offers/premium-wash", {
      json: { offer: { ...valid.upgrade?.offer, discountPercent: -5 } },
    });
    const result = await outcome<Problems>(() =>
      editRoute.action(routeArgs(request, { key: "premium-wash" })),
    );
    expect(result.status).toBe(422);
    expect(fieldErrors(result.data.problems)).toEqual({
      discountPercent: "must be between 0 and 100",
    });
    expect((await getOffer(TEST_SHOP, "premium-wash"))?.body.discountPercent).toBe(10);
  });

  it("deletes on request and goes back to the list", async () => {
    const request = await adminRequest("/app/offers/premium-wash", { json: { intent: "delete" } });
    const result = await outcome(() =>
      editRoute.action(routeArgs(request, { key: "premium-wash" })),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("location")).toContain("/app/offers?deleted=1");
    expect(await getOffer(TEST_SHOP, "premium-wash")).toBeNull();
  });
});

describe("another shop's offers", () => {
  beforeEach(async () => {
    await rememberCurrency(OTHER_SHOP, "USD");
    await createOffer(OTHER_SHOP, {
      id: "theirs",
      kind: "free-shipping",
      title: "Their offer",
      status: "active",
      threshold: "10.00",
    });
  });

  it("is not found by the loader", async () => {
    const request = await adminRequest("/app/offers/theirs");
    const result = await outcome(() => editRoute.loader(routeArgs(request, { key: "theirs" })));
    expect(result.status).toBe(404);
  });

  it("can't be changed or deleted, and stays as it was", async () => {
    for (const json of [
      { offer: { kind: "free-shipping", title: "Mine now", status: "draft", threshold: "1.00" } },
      { intent: "delete" },
    ]) {
      const request = await adminRequest("/app/offers/theirs", { json });
      const result = await outcome(() => editRoute.action(routeArgs(request, { key: "theirs" })));
      expect(result.status).toBe(404);
    }
    expect((await getOffer(OTHER_SHOP, "theirs"))?.body).toMatchObject({
      title: "Their offer",
      threshold: "10.00",
    });
    expect(await listOffers(TEST_SHOP)).toEqual([]);
  });
});

describe("catalog route (pickers)", () => {
  it("searches products with their variants and Shopify's prices", async () => {
    const request = await adminRequest("/app/catalog?type=product&query=wash");
    const result = await outcome<{ results: { title: string; variants: { price: string }[] }[] }>(
      () => catalogLoader(routeArgs(request)),
    );
    // "wash" matches titles and the car wash's vendor name, as Shopify's search does.
    expect(result.data.results.map((r) => [r.title, r.variants.map((v) => v.price)])).toEqual([
      ["Premium wash", ["35.00"]],
      ["Standard wash", ["20.00"]],
      ["Tire shine", ["8.00"]],
      ["Waxing", ["15.00"]],
    ]);
  });

  it("searches collections", async () => {
    const request = await adminRequest("/app/catalog?type=collection&query=lens");
    const result = await outcome<{ results: { title: string; productsCount: number }[] }>(() =>
      catalogLoader(routeArgs(request)),
    );
    expect(result.data.results).toEqual([
      { id: "gid://shopify/Collection/3003", title: "Lenses", productsCount: 2 },
    ]);
  });

  it("resolves picked ids to items and names, skipping unknown ids", async () => {
    const request = await adminRequest(`/app/catalog?ids=${V(2302)},${V(999)},${P(1101)}`);
    const result = await outcome<{ items: unknown[]; names: Record<string, string> }>(() =>
      catalogLoader(routeArgs(request)),
    );
    expect(result.data.items).toEqual([
      { variantId: V(2302), productId: P(1302), title: "Phone case – Black", price: "30.00" },
    ]);
    expect(result.data.names).toEqual({ [V(2302)]: "Phone case – Black", [P(1101)]: "Camera" });
  });
});
