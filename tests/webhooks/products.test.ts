import { afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { findProduct, type DemoProduct, type DemoVariant } from "../../app/demo/catalog";
import type { Offer } from "../../app/engine";
import { backgroundSettled } from "../../app/models/background.server";
import { openNotices } from "../../app/models/notices.server";
import { createOffer, getOffer } from "../../app/models/offers.server";
import { publishOffers } from "../../app/models/publish.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import { action as productDelete } from "../../app/routes/webhooks.products.delete";
import { action as productUpdate } from "../../app/routes/webhooks.products.update";
import { unauthenticated } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import { installSession, routeArgs, TEST_SHOP } from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";
import { P, publishedOffers, upgrade, V, waxing } from "../support/wash-offers";
import { rawWebhookRequest, responseOf, webhookRequest } from "../support/webhooks";

const OTHER_SHOP = "other-shop.myshopify.com";

function productPayload(
  id: number,
  updatedAt: string,
  variants: { id: number; title: string; price: string }[],
  title = "Premium wash",
) {
  return {
    id,
    admin_graphql_api_id: P(id),
    title,
    updated_at: updatedAt,
    variants: variants.map((v) => ({
      id: v.id,
      product_id: id,
      admin_graphql_api_id: V(v.id),
      title: v.title,
      price: v.price,
    })),
  };
}

async function deliverUpdate(
  payload: unknown,
  { shop = TEST_SHOP, secret }: { shop?: string; secret?: string } = {},
) {
  const request = webhookRequest("/webhooks/products/update", {
    topic: "products/update",
    shop,
    payload,
    secret,
  });
  const response = await responseOf(() => productUpdate(routeArgs(request)));
  await backgroundSettled();
  return response;
}

async function deliverDelete(id: number, { secret }: { secret?: string } = {}) {
  const request = webhookRequest("/webhooks/products/delete", {
    topic: "products/delete",
    shop: TEST_SHOP,
    payload: { id },
    secret,
  });
  const response = await responseOf(() => productDelete(routeArgs(request)));
  await backgroundSettled();
  return response;
}

const versions = async () =>
  (
    await prisma.publication.findMany({ where: { shop: TEST_SHOP }, orderBy: { version: "asc" } })
  ).map((p) => [p.version, p.trigger]);

let adminApi: RecordingStandIn;

beforeEach(async () => {
  await clearOfferTables();
  adminApi = installAdminStandIn();
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
  await rememberCurrency(OTHER_SHOP, "USD");
  await createOffer(TEST_SHOP, upgrade);
  await createOffer(TEST_SHOP, waxing);
  await createOffer(OTHER_SHOP, upgrade);
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  const first = await publishOffers(TEST_SHOP, admin);
  expect(first.ok).toBe(true);
});

describe("products/update webhook", () => {
  it("takes the new price into the offers and republishes", async () => {
    const response = await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [
        { id: 2002, title: "Default Title", price: "39.00" },
      ]),
    );
    expect(response.status).toBe(200);
    expect((await getOffer(TEST_SHOP, "premium-wash"))?.body.to).toEqual({
      variantId: V(2002),
      productId: P(1002),
      title: "Premium wash",
      price: "39.00",
    });
    expect(await versions()).toEqual([
      [1, "merchant"],
      [2, "product-update"],
    ]);
    const upgradeOffer = publishedOffers(adminApi).find((o) => o.id === "premium-wash");
    expect(upgradeOffer?.kind === "upgrade" ? upgradeOffer.to.price : null).toBe(3900);
    // Another shop's offer on the same product is not touched by this shop's webhook.
    expect((await getOffer(OTHER_SHOP, "premium-wash"))?.body.to).toMatchObject({ price: "35.00" });
  });

  it("ignores an older delivery that arrives late", async () => {
    await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [
        { id: 2002, title: "Default Title", price: "39.00" },
      ]),
    );
    await deliverUpdate(
      productPayload(1002, "2026-11-22T09:00:00Z", [
        { id: 2002, title: "Default Title", price: "30.00" },
      ]),
    );
    expect((await getOffer(TEST_SHOP, "premium-wash"))?.body.to).toMatchObject({ price: "39.00" });
    expect(await versions()).toHaveLength(2);
  });

  it("does not republish when nothing an offer uses changed", async () => {
    await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [
        { id: 2002, title: "Default Title", price: "35.00" },
      ]),
    );
    await deliverUpdate(
      productPayload(
        1004,
        "2026-11-22T10:00:00Z",
        [{ id: 2004, title: "Default Title", price: "9.00" }],
        "Tire shine",
      ),
    );
    expect(await versions()).toEqual([[1, "merchant"]]);
  });

  it("sets an offer to draft and says why when a new price breaks a rule", async () => {
    await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [
        { id: 2002, title: "Default Title", price: "0.00" },
      ]),
    );
    expect(await getOffer(TEST_SHOP, "premium-wash")).toMatchObject({
      status: "draft",
      complete: false,
    });
    const [notice] = await openNotices(TEST_SHOP);
    expect(notice?.message).toMatch(
      /“Premium wash upgrade” was set to draft after Premium wash changed in Shopify: to\.price: must be greater than 0/,
    );
    expect(publishedOffers(adminApi).map((o) => o.id)).toEqual(["waxing"]);
  });

  it("sets an offer to draft and tells the merchant when its variant is gone", async () => {
    await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [{ id: 2999, title: "XL", price: "50.00" }]),
    );
    const stored = await getOffer(TEST_SHOP, "premium-wash");
    expect(stored).toMatchObject({ status: "draft", complete: false });
    const [notice] = await openNotices(TEST_SHOP);
    expect(notice).toMatchObject({ offerKey: "premium-wash", tone: "warning" });
    expect(notice?.message).toMatch(/“Premium wash upgrade” was set to draft/);
    expect(publishedOffers(adminApi).map((o) => o.id)).toEqual(["waxing"]);
  });

  it("answers 401 to a forged delivery and changes nothing", async () => {
    const response = await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [
        { id: 2002, title: "Default Title", price: "1.00" },
      ]),
      { secret: "forged" },
    );
    expect(response.status).toBe(401);
    expect((await getOffer(TEST_SHOP, "premium-wash"))?.body.to).toMatchObject({ price: "35.00" });
  });

  it("updates prices but publishes nothing for a shop that never published", async () => {
    await prisma.publication.deleteMany();
    const before = adminApi.sent.length;
    await deliverUpdate(
      productPayload(1002, "2026-11-22T10:00:00Z", [
        { id: 2002, title: "Default Title", price: "39.00" },
      ]),
    );
    expect((await getOffer(TEST_SHOP, "premium-wash"))?.body.to).toMatchObject({ price: "39.00" });
    expect(await versions()).toEqual([]);
    expect(adminApi.sent.slice(before)).toEqual([]);
  });

  it("answers 400 to a payload it does not understand", async () => {
    expect((await deliverUpdate({ id: 1 })).status).toBe(400);
  });
});

describe("products/update: triggers that now name more variants", () => {
  const standardWash = () => findProduct(P(1001));
  const tireShine = () => findProduct(P(1004));
  let restore: () => void = () => undefined;

  /** Changes the stand-in's catalog as the merchant would in Shopify, until the test ends. */
  function editCatalog(product: DemoProduct | undefined, change: Partial<DemoProduct>) {
    if (!product) throw new Error("no such demo product");
    const before = { variants: product.variants, tags: product.tags };
    Object.assign(product, change);
    const previous = restore;
    restore = () => {
      Object.assign(product, before);
      previous();
    };
  }

  const resolvedVariants = async () =>
    (
      await prisma.publication.findFirst({
        where: { shop: TEST_SHOP },
        orderBy: { version: "desc" },
        select: { resolvedVariants: true },
      })
    )?.resolvedVariants.split(",") ?? [];

  afterEach(() => {
    restore();
    restore = () => undefined;
  });

  it("republishes when a trigger product gains a variant, so checkout and the discount know it", async () => {
    const product = standardWash();
    const large = { ...(product?.variants[0] as DemoVariant), id: V(2901), title: "Large car" };
    editCatalog(product, { variants: [...(product?.variants ?? []), large] });
    expect(await resolvedVariants()).not.toContain(V(2901));

    await deliverUpdate(
      productPayload(
        1001,
        "2026-11-22T10:00:00Z",
        [
          { id: 2001, title: "Default Title", price: "20.00" },
          { id: 2901, title: "Large car", price: "20.00" },
        ],
        "Standard wash",
      ),
    );
    expect(await versions()).toEqual([
      [1, "merchant"],
      [2, "product-update"],
    ]);
    expect(await resolvedVariants()).toEqual(expect.arrayContaining([V(2001), V(2901)]));
  });

  it("republishes when a product is newly tagged with a trigger tag, and not for other tags", async () => {
    await createOffer(TEST_SHOP, {
      id: "shine-detailing",
      kind: "cross-sell",
      title: "Shine with detailing",
      status: "active",
      trigger: { tags: ["Detailing"] },
      item: { variantId: V(2003), productId: P(1003), title: "Waxing", price: "15.00" },
    });
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    expect((await publishOffers(TEST_SHOP, admin)).ok).toBe(true);
    const tire = (tags: string, at: string) =>
      deliverUpdate({
        ...productPayload(
          1004,
          at,
          [{ id: 2004, title: "Default Title", price: "8.00" }],
          "Tire shine",
        ),
        tags,
      });

    await tire("add-on, service, shiny", "2026-11-22T10:00:00Z");
    expect(await versions()).toHaveLength(2);

    editCatalog(tireShine(), { tags: ["add-on", "service", "detailing"] });
    await tire("add-on, service, detailing", "2026-11-22T11:00:00Z");
    expect(await versions()).toEqual([
      [1, "merchant"],
      [2, "merchant"],
      [3, "product-update"],
    ]);
    expect(await resolvedVariants()).toContain(V(2004));

    // Delivered again (or a later edit that changes nothing for the triggers): nothing to do.
    await tire("add-on, service, detailing", "2026-11-22T12:00:00Z");
    expect(await versions()).toHaveLength(3);
  });
});

describe("products/delete webhook", () => {
  it("takes offers that offer the product to draft, records a notice, and republishes", async () => {
    const response = await deliverDelete(1003);
    expect(response.status).toBe(200);
    const stored = await getOffer(TEST_SHOP, "waxing");
    expect(stored).toMatchObject({ status: "draft", complete: false });
    expect(stored?.body.item).toEqual({ variantId: "", productId: "", title: "", price: "" });
    expect((await openNotices(TEST_SHOP)).map((n) => n.message)).toEqual([
      "“Waxing with a wash” was set to draft: the product it offers (Waxing) was deleted in Shopify. Choose another product to activate it again.",
    ]);
    expect(await versions()).toEqual([
      [1, "merchant"],
      [2, "product-delete"],
    ]);
    expect(publishedOffers(adminApi).map((o) => o.id)).toEqual(["premium-wash"]);
  });

  it("removes the product from triggers; an offer whose trigger empties goes to draft", async () => {
    await deliverDelete(1001);
    // The upgrade's only trigger was the deleted product.
    expect(await getOffer(TEST_SHOP, "premium-wash")).toMatchObject({
      status: "draft",
      complete: false,
    });
    // Waxing still triggers on the premium wash and stays live.
    const waxingOffer = await getOffer(TEST_SHOP, "waxing");
    expect(waxingOffer).toMatchObject({ status: "active", complete: true });
    expect(waxingOffer?.body.trigger).toEqual({ productIds: [P(1002)] });
    expect((await openNotices(TEST_SHOP)).map((n) => n.offerKey)).toEqual(["premium-wash"]);
    expect(publishedOffers(adminApi).map((o) => o.id)).toEqual(["waxing"]);
  });

  it("reads ids too large for a JavaScript number exactly", async () => {
    const big = "9007199254740993"; // 2^53 + 1
    await createOffer(TEST_SHOP, {
      ...waxing,
      id: "big",
      status: "draft",
      item: { ...waxing.item, productId: `gid://shopify/Product/${big}` },
    } as Offer);
    const request = rawWebhookRequest("/webhooks/products/delete", {
      topic: "products/delete",
      shop: TEST_SHOP,
      body: `{"id":${big}}`,
    });
    expect((await responseOf(() => productDelete(routeArgs(request)))).status).toBe(200);
    await backgroundSettled();
    expect((await getOffer(TEST_SHOP, "big"))?.complete).toBe(false);
  });

  it("answers 401 to a forged delivery and changes nothing", async () => {
    expect((await deliverDelete(1003, { secret: "forged" })).status).toBe(401);
    expect(await getOffer(TEST_SHOP, "waxing")).toMatchObject({ status: "active", complete: true });
    expect(await openNotices(TEST_SHOP)).toEqual([]);
  });
});
