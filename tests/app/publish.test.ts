import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { createAdminStandIn } from "../../app/demo/admin-api.server";
import { DEMO_DEFAULT_APP_URL } from "../../app/demo/mode.server";
import { absoluteImageUrl, productImagePath } from "../../app/demo/product-image";
import { compile, load, type Offer } from "../../app/engine";
import { configForShop, createOffer, setOffersStatus } from "../../app/models/offers.server";
import { METAFIELD_LIMIT_BYTES } from "../../app/models/publish.server";
import { rememberCurrency, saveCombinesWith } from "../../app/models/shop-settings.server";
import { discountsStandIn } from "../../app/demo/stand-in/discounts.server";
import { merchantDiscounts } from "../../app/demo/stand-in/merchant-discounts.server";
import type { StandInExtension } from "../../app/demo/stand-in/index.server";
import { readStorefrontConfig } from "../../app/shopify/metafields.server";
import { INDEX_MODULUS } from "../../app/offers/storefront-index";
import { unauthenticated } from "../../app/shopify.server";
import { OFFER_DISCOUNT_QUERY, type OfferDiscountData } from "../../app/graphql/discounts";
import { loader as offersLoader } from "../../app/routes/app.offers._index";
import { action as publish } from "../../app/routes/app.publish";
import { loadAdminSchema } from "../../app/shopify/admin-schema.server";
import { API_VERSION } from "../../app/shopify/api-version";
import {
  installAdminStandIn,
  TEST_ACCESS_TOKEN,
  type RecordingStandIn,
} from "../support/admin-api";
import {
  adminRequest,
  installSession,
  outcome,
  routeArgs,
  TEST_SHOP,
} from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";
import { mergedParts } from "../function/build-input";

const waxing: Offer = {
  id: "waxing",
  kind: "cross-sell",
  title: "Waxing",
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
/** The one variant of the product waxing's trigger names (the demo catalog's standard wash). */
const STANDARD_WASH = "gid://shopify/ProductVariant/2001";
const WAXING_VARIANT = "gid://shopify/ProductVariant/2003";
const shipping: Offer = {
  id: "free-shipping",
  kind: "free-shipping",
  title: "Free shipping",
  status: "draft",
  threshold: "50.00",
};

interface PublishAnswer {
  ok: boolean;
  reason?: string;
  message?: string;
  problems?: { path: string; message: string }[];
  bytes?: number;
  publication?: { version: number; bytes: number; offerCount: number };
}

async function runPublish() {
  const request = await adminRequest("/app/publish", { json: {} });
  return outcome<PublishAnswer>(() => publish(routeArgs(request)));
}

/** The ids of the offers a published config holds, as checkout loads them. */
function offerIds(published: unknown): string[] {
  const runtime = load(published);
  return runtime ? Array.from({ length: runtime.size }, (_, i) => runtime.offerAt(i).id) : [];
}

function configMetafields(api: RecordingStandIn) {
  return api.metafields().filter((m) => m.key === "ladder_config");
}

/** The storefront's copy: the app-data metafield `ladder`/`config` on the app installation. */
function storefrontMetafields(api: RecordingStandIn) {
  return api.metafields().filter((m) => m.namespace === "ladder" && m.key === "config");
}

/** A store whose Admin API refuses app-data metafields (as it would a missing access). */
const refuseAppData: StandInExtension = (context) => ({
  root: {
    metafieldsSet: ({ metafields }: { metafields: Record<string, unknown>[] }) =>
      metafields.some((m) => String(m.ownerId).includes("/AppInstallation/"))
        ? {
            metafields: null,
            userErrors: [
              {
                field: ["metafields", "0", "ownerId"],
                message: "Owner is not allowed.",
                code: "INVALID",
              },
            ],
          }
        : context.writeMetafields(metafields, "metafields"),
  },
});

let adminApi: RecordingStandIn;

beforeEach(async () => {
  await clearOfferTables();
  adminApi = installAdminStandIn();
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
});

async function ladderDiscount(api: RecordingStandIn, id: string) {
  const result = await api.execute(OFFER_DISCOUNT_QUERY, { id });
  return (result.data as OfferDiscountData | undefined)?.discountNode ?? null;
}

describe("publish", () => {
  it("writes the compiled active offers to the app's shop metafield and records version 1", async () => {
    await createOffer(TEST_SHOP, waxing);
    await createOffer(TEST_SHOP, shipping);

    const result = await runPublish();
    expect(result.status).toBe(200);
    expect(result.data.publication).toMatchObject({ version: 1, offerCount: 1 });

    const [metafield] = configMetafields(adminApi);
    expect(metafield).toMatchObject({
      ownerId: "gid://shopify/Shop/1",
      namespace: "app--1000001",
      type: "json",
    });
    // Triggers go out as the variants they cover (standard wash is variant 2001), the same list
    // the discount function reads.
    const resolve = {
      product: (id: string) => (id.endsWith("/1001") ? [STANDARD_WASH] : undefined),
    };
    // With the offered item's image as the catalog has it: the demo's SVG tile for waxing, at an
    // absolute URL as Shopify's CDN gives (the stand-in's default origin).
    const waxingImage = "http://localhost:3000/storefront/images/waxing.svg";
    expect(absoluteImageUrl(productImagePath("waxing"), DEMO_DEFAULT_APP_URL)).toBe(waxingImage);
    const images = new Map([[WAXING_VARIANT, waxingImage]]);
    const expected = compile(await configForShop(TEST_SHOP), {
      activeOnly: true,
      resolve,
      images,
    });
    expect(expected.im).toEqual([[2003, waxingImage]]);
    expect(JSON.parse(metafield?.value ?? "null")).toEqual(expected);
    const published = load(JSON.parse(metafield?.value ?? "null"));
    expect(published?.byVariant(STANDARD_WASH)).toEqual([0]);
    expect(published?.byProduct("gid://shopify/Product/1001")).toBeUndefined();
    expect(published?.images?.get(WAXING_VARIANT)).toBe(waxingImage);
    expect(result.data.publication?.bytes).toBe(
      new TextEncoder().encode(JSON.stringify(expected)).length,
    );
    // What checkout will load: only the active offer.
    expect(offerIds(JSON.parse(metafield?.value ?? "null"))).toEqual(["waxing"]);
    // The mutation went through the schema-validated stand-in with the documented document.
    expect(adminApi.sent.some((s) => s.query.includes("mutation LadderMetafieldsSet"))).toBe(true);
  });

  it("writes the same config to the app installation's ladder/config, which Liquid reads", async () => {
    await createOffer(TEST_SHOP, waxing);
    expect((await runPublish()).data.publication?.version).toBe(1);
    const [storefront] = storefrontMetafields(adminApi);
    expect(storefront).toMatchObject({
      ownerId: "gid://shopify/AppInstallation/1",
      namespace: "ladder",
      key: "config",
      type: "json",
    });
    // The checkout form, plus the products whose pages the product block reserves room on.
    const checkout = JSON.parse(configMetafields(adminApi)[0]?.value ?? "{}") as object;
    expect(JSON.parse(storefront?.value ?? "null")).toEqual({
      ...checkout,
      pp: { m: INDEX_MODULUS, p: "1001" },
    });
    expect(checkout).not.toHaveProperty("pp");
    expect(offerIds(JSON.parse(storefront?.value ?? "null"))).toEqual(["waxing"]);
    // The installation's id came from the schema-validated query, not a guess.
    expect(
      adminApi.sent.some((s) => s.query.includes("query LadderAppInstallationMetafield")),
    ).toBe(true);
    const read = await readStorefrontConfig((await unauthenticated.admin(TEST_SHOP)).admin);
    expect(read?.value).toBe(storefront?.value);
  });

  it("when Shopify refuses the storefront's copy, refuses and puts checkout back", async () => {
    await createOffer(TEST_SHOP, waxing);
    expect((await runPublish()).data.publication?.version).toBe(1);
    const before = configMetafields(adminApi)[0]?.value;
    const refusing = installAdminStandIn(TEST_SHOP, {
      extensions: [discountsStandIn(), merchantDiscounts, refuseAppData],
    });
    await createOffer(TEST_SHOP, { ...shipping, status: "active" });
    const result = await runPublish();
    expect(result.status).toBe(502);
    expect(result.data).toMatchObject({ ok: false, reason: "shopify" });
    expect(result.data.message).toMatch(/storefront's copy of the offers: .*Owner is not allowed/);
    expect(configMetafields(refusing)[0]?.value).toBe(before);
    expect(await prisma.publication.count()).toBe(1);
  });

  it("numbers publications per shop and shows the version, time and pending changes", async () => {
    await createOffer(TEST_SHOP, waxing);
    await runPublish();
    await setOffersStatus(TEST_SHOP, ["waxing"], "draft");

    const request = await adminRequest("/app/offers");
    const before = await outcome<Awaited<ReturnType<typeof offersLoader>>>(() =>
      offersLoader(routeArgs(request)),
    );
    expect(before.data.publish.current).toMatchObject({
      version: 1,
      offerCount: 1,
      trigger: "merchant",
    });
    expect(before.data.publish.pending).toBe(true);
    expect(before.data.publish.plan).toMatchObject({ offerCount: 0, problems: [] });

    expect((await runPublish()).data.publication?.version).toBe(2);
    const after = await outcome<Awaited<ReturnType<typeof offersLoader>>>(async () =>
      offersLoader(routeArgs(await adminRequest("/app/offers"))),
    );
    expect(after.data.publish.pending).toBe(false);
    expect(after.data.publish.current?.version).toBe(2);
    expect(JSON.parse(configMetafields(adminApi)[0]?.value ?? "null").o).toEqual([]);
  });

  it("refuses a config that is not valid for the shop's currency and writes nothing", async () => {
    await createOffer(TEST_SHOP, waxing);
    // The shop now sells in yen: "15.00" is not an amount in JPY.
    const yen = createAdminStandIn({
      schema: loadAdminSchema(API_VERSION),
      apiVersion: API_VERSION,
      shop: { myshopifyDomain: TEST_SHOP, currencyCode: "JPY" },
      accessToken: TEST_ACCESS_TOKEN,
    });
    setAbstractFetchFunc(yen.fetch);

    const result = await runPublish();
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({ ok: false, reason: "invalid" });
    expect(result.data.problems).toContainEqual({
      path: "offers[0].item.price",
      label: "“Waxing” · Offered product",
      message: 'must be a positive whole amount (this currency has no minor unit), like "2400"',
    });
    expect(yen.metafields()).toEqual([]);
    expect(await prisma.publication.count()).toBe(0);
  });

  it("refuses a config over the metafield limit, saying its size against the budget", async () => {
    const long = (i: number, what: string) => `${what} ${i} `.padEnd(480, "·");
    for (let i = 0; i < 80; i++) {
      await createOffer(TEST_SHOP, {
        ...waxing,
        id: `w${i}`,
        message: long(i, "Add"),
        why: long(i, "Because"),
      });
    }
    const result = await runPublish();
    expect(result.status).toBe(422);
    expect(result.data.reason).toBe("too-large");
    expect(result.data.bytes).toBeGreaterThan(METAFIELD_LIMIT_BYTES);
    expect(result.data.message).toMatch(
      /over Shopify's 64\.0 KB limit \(Ladder's budget is 24\.0 KB\)/,
    );
    expect(configMetafields(adminApi)).toEqual([]);
    expect(await prisma.publication.count()).toBe(0);
  });

  it("keeps Ladder's automatic discount in step, combining as the merchant chose", async () => {
    await createOffer(TEST_SHOP, waxing);
    const stacking = { productDiscounts: true, orderDiscounts: false, shippingDiscounts: true };
    await saveCombinesWith(TEST_SHOP, stacking);

    const result = await runPublish();
    expect(result.status).toBe(200);
    const stored = await prisma.publication.findFirst({ where: { shop: TEST_SHOP } });
    expect(stored?.discountId).toMatch(/^gid:\/\/shopify\/DiscountAutomaticNode\/\d+$/);
    const node = await ladderDiscount(adminApi, stored?.discountId ?? "");
    expect(node?.discount).toMatchObject({
      __typename: "DiscountAutomaticApp",
      combinesWith: stacking,
    });
    // The function reads the same active offers checkout shows, its triggers resolved by the
    // same lookup of the catalog (one search, not one per form).
    const config = await configForShop(TEST_SHOP);
    const parts = [node?.config, node?.config2, node?.config3, node?.config4];
    const compiled = compile(config, {
      activeOnly: true,
      form: "function",
      resolve: {
        product: (id) => (id === waxing.trigger.productIds?.[0] ? [STANDARD_WASH] : []),
      },
    });
    const published = mergedParts(parts.map((part) => part?.value ?? "null"));
    expect(published.ix).toEqual(compiled.ix);
    expect(published.offers.map((record) => record.split("|")[1])).toEqual(
      compiled.o.map((packed) => packed.split("|")[1]),
    );
    const searches = adminApi.sent.filter((s) => s.query.includes("LadderVariantIds"));
    expect(searches.map((s) => (s.variables as { query: string }).query)).toEqual([
      "product_ids:1001",
    ]);
    const ordered = adminApi.sent.map((s) => /(?:mutation|query) (Ladder\w+)/.exec(s.query)?.[1]);
    expect(ordered.indexOf("LadderMetafieldsSet")).toBeLessThan(
      ordered.indexOf("LadderOfferDiscountCreate"),
    );
  });

  it("when the discount can't follow, refuses and puts checkout back to the last publication", async () => {
    await createOffer(TEST_SHOP, waxing);
    expect((await runPublish()).data.publication?.version).toBe(1);
    const before = configMetafields(adminApi)[0]?.value;

    // The app's discount function is not deployed in this store (any more).
    const noFunction = installAdminStandIn(TEST_SHOP, {
      extensions: [discountsStandIn({ functions: [] }), merchantDiscounts],
    });
    await createOffer(TEST_SHOP, { ...shipping, status: "active" });
    const result = await runPublish();
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({ ok: false, reason: "discount" });
    expect(result.data.message).toMatch(/discount function is not available in this store yet/);
    expect(configMetafields(noFunction)[0]?.value).toBe(before);
    // The storefront goes back with checkout (without its product-page index: every product
    // page then reserves room for offers until the next publish).
    expect(storefrontMetafields(noFunction)[0]?.value).toBe(before);
    expect(await prisma.publication.count()).toBe(1);
  });

  it("with nothing published before, a failed discount leaves checkout with no offers", async () => {
    const noFunction = installAdminStandIn(TEST_SHOP, {
      extensions: [discountsStandIn({ functions: [] }), merchantDiscounts],
    });
    await createOffer(TEST_SHOP, waxing);
    expect((await runPublish()).data.reason).toBe("discount");
    expect(offerIds(JSON.parse(configMetafields(noFunction)[0]?.value ?? "null"))).toEqual([]);
    expect(await prisma.publication.count()).toBe(0);
  });

  it("writes collection and tag triggers as the variants they hold, which checkout can match", async () => {
    await createOffer(TEST_SHOP, {
      id: "bars",
      kind: "volume",
      title: "Bars: buy more",
      status: "active",
      trigger: { tags: ["Bar"], collectionIds: ["gid://shopify/Collection/3005"] },
      tiers: [{ minQuantity: 3, discountPercent: 5 }],
    });
    const result = await runPublish();
    expect(result.data).toMatchObject({ ok: true, snapshots: 1 });
    const runtime = load(JSON.parse(configMetafields(adminApi)[0]?.value ?? "null"));
    // Dark and milk chocolate carry the tag; the phone collection holds the phone and its cases.
    for (const variant of [2201, 2202, 2301, 2302, 2303]) {
      expect(
        runtime?.byVariant(`gid://shopify/ProductVariant/${variant}`),
        String(variant),
      ).toBeDefined();
    }
    expect(runtime?.byVariant("gid://shopify/ProductVariant/2203")).toBeUndefined();
    // The storefront's index lists their products: the product block reserves room on their
    // pages (dark and milk chocolate; the phones collection's phone, case and screen protector),
    // on no other.
    const storefront = JSON.parse(storefrontMetafields(adminApi)[0]?.value ?? "null") as {
      pp?: { p: string };
    };
    expect(storefront.pp?.p.split(",").sort()).toEqual(["1201", "1202", "1301", "1302", "1303"]);
    // Unpublished changes compare the offers, not the snapshot.
    const request = await adminRequest("/app/offers");
    const status = await outcome<Awaited<ReturnType<typeof offersLoader>>>(() =>
      offersLoader(routeArgs(request)),
    );
    expect(status.data.publish.pending).toBe(false);
  });

  it("publishes an empty config when nothing is active (checkout then shows nothing)", async () => {
    await createOffer(TEST_SHOP, shipping);
    const result = await runPublish();
    expect(result.data.publication).toMatchObject({ version: 1, offerCount: 0 });
    expect(JSON.parse(configMetafields(adminApi)[0]?.value ?? "null")).toMatchObject({
      v: 1,
      cur: "USD",
      o: [],
    });
  });
});

describe("publish confirmation", () => {
  it("says what changes at checkout since the last publication: added, changed, removed", async () => {
    await createOffer(TEST_SHOP, waxing);
    await createOffer(TEST_SHOP, { ...waxing, id: "waxing-2", title: "Second waxing" });
    await runPublish();
    await setOffersStatus(TEST_SHOP, ["waxing-2"], "draft");
    await createOffer(TEST_SHOP, { ...shipping, status: "active" });
    await prisma.offer.updateMany({
      where: { shop: TEST_SHOP, key: "waxing" },
      data: { body: JSON.stringify({ ...waxing, discountPercent: 25 }) },
    });

    const request = await adminRequest("/app/offers");
    const page = await outcome<Awaited<ReturnType<typeof offersLoader>>>(() =>
      offersLoader(routeArgs(request)),
    );
    const { changes } = page.data.publish;
    expect(changes.added).toEqual([{ id: "free-shipping", title: "Free shipping" }]);
    expect(changes.changed).toEqual([{ id: "waxing", title: "Waxing" }]);
    expect(changes.removed).toEqual([{ id: "waxing-2", title: "Second waxing" }]);
    expect(changes.settingsChanged).toBe(false);
    expect(changes.bytesBefore).toBeGreaterThan(0);
    expect(page.data.publish.pending).toBe(true);
  });
});
