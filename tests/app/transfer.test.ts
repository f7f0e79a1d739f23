import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../app/config";
import { DEMO_OFFERS, DEMO_SETTINGS } from "../../app/demo/demo-offers";
import { load, type FreeShippingOffer, type Offer, type OfferConfig } from "../../app/engine";
import { configForShop, createOffer, listOffers } from "../../app/models/offers.server";
import { getShopSetup, rememberCurrency } from "../../app/models/shop-settings.server";
import type { ImportActionData } from "../../app/routes/app.import";
import { action as importAction } from "../../app/routes/app.import";
import { loader as exportLoader } from "../../app/routes/app.export";
import { action as publish } from "../../app/routes/app.publish";
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
const example = JSON.parse(
  readFileSync("tests/fixtures/config.example.json", "utf8"),
) as OfferConfig;
/** The demo shop's ladder: every offered item is in the stand-in's (the demo) catalog. */
const demoConfig: OfferConfig = {
  version: 1,
  currency: "USD",
  settings: DEMO_SETTINGS,
  offers: DEMO_OFFERS,
};

const offer = (id: string, threshold = "50.00"): FreeShippingOffer => ({
  id,
  kind: "free-shipping",
  title: `Free shipping (${id})`,
  status: "active",
  threshold,
});

async function exportFile() {
  const request = await adminRequest("/app/export");
  return outcome<OfferConfig>(() => exportLoader(routeArgs(request)));
}

async function importFile(text: string, intent: "preview" | "apply") {
  const request = await adminRequest("/app/import", { json: { intent, text } });
  return outcome<ImportActionData>(() => importAction(routeArgs(request)));
}

async function snapshot(shop = TEST_SHOP) {
  return { config: await configForShop(shop), offers: await listOffers(shop) };
}

beforeEach(async () => {
  await clearOfferTables();
  installAdminStandIn();
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
  await rememberCurrency(OTHER_SHOP, "USD");
});

describe("export", () => {
  it("downloads the shop's offers and settings as a valid config v1 file", async () => {
    await createOffer(TEST_SHOP, offer("ship"));
    await createOffer(TEST_SHOP, {
      ...offer("draft-gift"),
      kind: "gift",
      status: "draft",
      item: { variantId: "", productId: "", title: "", price: "" },
    } as Offer);
    await createOffer(OTHER_SHOP, offer("theirs"));

    const result = await exportFile();
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="ladder-test-shop-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(validateConfig(result.data).ok).toBe(true);
    expect(result.data.offers.map((o) => o.id)).toEqual(["ship"]);
    // The incomplete draft is left out (it would make the file invalid), and the count says so.
    expect(result.headers.get("X-Ladder-Left-Out")).toBe("1");
  });
});

describe("import", () => {
  beforeEach(async () => {
    await createOffer(TEST_SHOP, offer("keep"));
    await createOffer(TEST_SHOP, offer("change"));
    await createOffer(TEST_SHOP, offer("remove"));
    await createOffer(OTHER_SHOP, offer("remove"));
  });

  const file = (): OfferConfig => ({
    version: 1,
    currency: "USD",
    settings: { maxOffers: 3, holdoutPercent: 5 },
    offers: [
      offer("added", "20.00"),
      offer("keep"),
      { ...offer("change"), title: "Changed title", threshold: "60.00" },
    ],
  });

  it("previews added, changed and removed offers by id, and changes nothing", async () => {
    const before = await snapshot();
    const result = await importFile(JSON.stringify(file()), "preview");
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      ok: true,
      applied: false,
      offerCount: 3,
      diff: {
        added: [{ id: "added", title: "Free shipping (added)", kind: "free-shipping" }],
        changed: [
          {
            id: "change",
            title: "Changed title",
            kind: "free-shipping",
            fields: ["threshold", "title"],
            changes: [
              { field: "threshold", label: "Threshold", before: "$50.00", after: "$60.00" },
              {
                field: "title",
                label: "Title",
                before: "Free shipping (change)",
                after: "Changed title",
              },
            ],
          },
        ],
        removed: [{ id: "remove", title: "Free shipping (remove)", kind: "free-shipping" }],
        keptDrafts: [],
        unchanged: 1,
        settingsChanged: true,
        settings: [
          { field: "holdoutPercent", label: "Holdout group", before: "default", after: "5%" },
          { field: "maxOffers", label: "Offers shown at once", before: "default", after: "3" },
        ],
        corrected: [],
        // Two active free-shipping offers for every country: buyers get the lower threshold.
        overlaps: [
          expect.objectContaining({ kind: "free-shipping", winner: "added" }),
          expect.objectContaining({ kind: "free-shipping" }),
          expect.objectContaining({ kind: "free-shipping" }),
        ],
        reordered: false,
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("applies the file in one go: the shop's offers and settings become the file's", async () => {
    const result = await importFile(JSON.stringify(file()), "apply");
    expect(result.data).toMatchObject({ ok: true, applied: true, offerCount: 3 });
    const config = await configForShop(TEST_SHOP);
    expect(config).toEqual(file());
    expect((await getShopSetup(TEST_SHOP)).settings).toEqual({ maxOffers: 3, holdoutPercent: 5 });
    // Another shop's offer with the same id is untouched.
    expect((await configForShop(OTHER_SHOP)).offers.map((o) => o.id)).toEqual(["remove"]);
  });

  it("an invalid file lists every problem with its path and changes nothing", async () => {
    const before = await snapshot();
    const invalid = {
      ...file(),
      settings: { holdoutPercent: 80, colour: "red" },
      offers: [
        { ...offer("a"), threshold: "-1" },
        offer("a"),
        {
          id: "v",
          kind: "volume",
          title: "Tiers",
          status: "active",
          trigger: { tags: ["x"] },
          tiers: [{ minQuantity: 1, discountPercent: 5 }],
        },
      ],
    };
    for (const intent of ["preview", "apply"] as const) {
      const result = await importFile(JSON.stringify(invalid), intent);
      expect(result.status).toBe(422);
      expect(result.data.ok).toBe(false);
      const paths = result.data.ok ? [] : result.data.problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "settings.holdoutPercent",
          "settings.colour",
          "offers[0].threshold",
          "offers[1].id",
          "offers[2].tiers[0].minQuantity",
        ]),
      );
      // The merchant reads the offer's name and the field's label, not the path.
      const labels = result.data.ok ? [] : result.data.problems.map((p) => p.label);
      expect(labels).toEqual(
        expect.arrayContaining([
          "Holdout group",
          "“Free shipping (a)” · Threshold",
          "“Tiers” · Tier 1 quantity",
        ]),
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a lone surrogate in an id or title with a clear problem, not a database error", async () => {
    const before = await snapshot();
    const text = JSON.stringify({
      ...file(),
      offers: [
        { ...offer("lone\ud800"), title: "Fine" },
        { ...offer("b"), title: "Free \udc00 shipping" },
      ],
    });
    expect(text).toContain("\\ud800"); // JSON carries it escaped, as a client would send it
    for (const intent of ["preview", "apply"] as const) {
      const result = await importFile(text, intent);
      expect(result.status).toBe(422);
      expect(result.data.ok ? [] : result.data.problems).toEqual([
        {
          label: "“Fine” · Offer ID",
          path: "offers[0].id",
          message: "must be valid Unicode text: character 5 is half of a surrogate pair (\\ud800)",
        },
        {
          // The offer's own title is the broken text, so only the field part is certain.
          label: expect.stringMatching(/ · Title$/) as unknown,
          path: "offers[1].title",
          message: "must be valid Unicode text: character 6 is half of a surrogate pair (\\udc00)",
        },
      ]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file that is not JSON, or in another currency", async () => {
    const notJson = await importFile("{ offers: [", "apply");
    expect(notJson.data).toMatchObject({ ok: false, problems: [{ path: "file" }] });
    const euros = await importFile(JSON.stringify({ ...file(), currency: "EUR" }), "apply");
    expect(euros.data).toMatchObject({
      ok: false,
      problems: [
        { path: "currency", message: "is EUR, but this shop sells in USD; prices would be wrong" },
      ],
    });
    expect((await listOffers(TEST_SHOP)).map((o) => o.key)).toEqual(["keep", "change", "remove"]);
  });

  it("imports a complete ladder whose products are in the shop's catalog", async () => {
    const result = await importFile(JSON.stringify(demoConfig), "apply");
    expect(result.data).toMatchObject({ ok: true, offerCount: demoConfig.offers.length });
    expect(await configForShop(TEST_SHOP)).toEqual(demoConfig);
  });

  it("refuses the CLI's example config in a shop that lacks its products", async () => {
    const before = await snapshot();
    const result = await importFile(JSON.stringify(example), "apply");
    expect(result.status).toBe(422);
    const labels = result.data.ok ? [] : result.data.problems.map((p) => p.label);
    expect(labels).toContain("“Phone + case” · Bundle item 1");
    expect(await snapshot()).toEqual(before);
  });
});

describe("export → import round trip", () => {
  it("re-importing an export changes nothing, incomplete drafts included", async () => {
    await importFile(JSON.stringify(demoConfig), "apply");
    // A draft still missing its gift: no valid file can hold it, so the export leaves it out.
    await createOffer(TEST_SHOP, {
      id: "unfinished",
      kind: "gift",
      title: "Unfinished gift",
      status: "draft",
      threshold: "75.00",
      item: { variantId: "", productId: "", title: "", price: "" },
    });
    const before = await snapshot();
    expect(before.offers.find((o) => o.key === "unfinished")).toMatchObject({ complete: false });
    const exported = await exportFile();

    const preview = await importFile(JSON.stringify(exported.data), "preview");
    expect(preview.data).toMatchObject({
      ok: true,
      diff: {
        added: [],
        changed: [],
        removed: [],
        keptDrafts: [{ id: "unfinished", title: "Unfinished gift", kind: "gift" }],
        settingsChanged: false,
        reordered: false,
      },
    });
    await importFile(JSON.stringify(exported.data), "apply");
    const after = await snapshot();
    expect(after.config).toEqual(before.config);
    expect(after.offers.map(({ updatedAt: _, ...o }) => o)).toEqual(
      before.offers.map(({ updatedAt: _, ...o }) => o),
    );
  });
});

describe("import re-reads catalog facts from Shopify", () => {
  const CASE = "gid://shopify/ProductVariant/2302";
  const tampered = (): OfferConfig => {
    const config = structuredClone(demoConfig);
    for (const o of config.offers) {
      if (o.kind === "cross-sell" && o.item.variantId === CASE) {
        o.item = { ...o.item, title: "Totally different title", price: "1.00" };
      }
    }
    return config;
  };

  it("stores and publishes Shopify's title and price, never the file's", async () => {
    const api = installAdminStandIn();
    const preview = await importFile(JSON.stringify(tampered()), "preview");
    expect(preview.data.ok).toBe(true);
    const corrected = preview.data.ok ? preview.data.diff.corrected : [];
    expect(corrected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          label: "Offered product price",
          file: "$1.00",
          shopify: "$30.00",
        }),
        expect.objectContaining({
          label: "Offered product title",
          file: "Totally different title",
          shopify: "Phone case – Black",
        }),
      ]),
    );

    await importFile(JSON.stringify(tampered()), "apply");
    // What is stored is Shopify's facts, not the tampered file's.
    expect(await configForShop(TEST_SHOP)).toEqual(demoConfig);

    const published = await outcome<{ ok: boolean }>(async () =>
      publish(routeArgs(await adminRequest("/app/publish", { json: {} }))),
    );
    expect(published.data.ok).toBe(true);
    const metafield = api.metafields().find((m) => m.key === "ladder_config");
    const runtime = load(JSON.parse(metafield?.value ?? "null"));
    expect(runtime).not.toBeNull();
    const prices: string[] = [];
    for (let i = 0; i < (runtime?.size ?? 0); i++) {
      const o = runtime?.offerAt(i);
      if (o && "item" in o) prices.push(`${o.item.variantId}=${o.item.price}`);
    }
    // Checkout prices the case at Shopify's $30.00 (3000 minor units), never the file's $1.00.
    expect(prices).toContain(`${CASE}=3000`);
    expect(prices.some((p) => p.endsWith("=100"))).toBe(false);
    expect(metafield?.value).not.toContain("Totally different title");
  });

  it("refuses a file offering a variant Shopify doesn't have, naming the offer and field", async () => {
    const before = await snapshot();
    const config = tampered();
    config.offers.push({
      id: "ghost",
      kind: "cross-sell",
      title: "Ghost add-on",
      status: "active",
      trigger: { productIds: ["gid://shopify/Product/1001"] },
      item: {
        variantId: "gid://shopify/ProductVariant/999999",
        productId: "gid://shopify/Product/999999",
        title: "Does not exist",
        price: "0.50",
      },
    });
    for (const intent of ["preview", "apply"] as const) {
      const result = await importFile(JSON.stringify(config), intent);
      expect(result.status).toBe(422);
      expect(result.data).toMatchObject({
        ok: false,
        problems: [
          {
            path: `offers[${config.offers.length - 1}].item.variantId`,
            label: "“Ghost add-on” · Offered product",
            message: "this product is no longer in your Shopify catalog; choose another",
          },
        ],
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

const WAX_ITEM = {
  variantId: "gid://shopify/ProductVariant/2003",
  productId: "gid://shopify/Product/1003",
  title: "Waxing",
  price: "15.00",
};

describe("A/B copies travel through export and import", () => {
  const abOffer = (bWeight: number, bPrice = "15.00"): Offer => ({
    id: "tire-ab",
    kind: "cross-sell",
    title: "Tire shine or wax",
    status: "active",
    trigger: { productIds: ["gid://shopify/Product/1001"] },
    item: {
      variantId: "gid://shopify/ProductVariant/2004",
      productId: "gid://shopify/Product/1004",
      title: "Tire shine",
      price: "8.00",
    },
    discountPercent: 20,
    message: "Add {item.title}",
    variants: [
      { id: "A", weight: 1 },
      {
        id: "B",
        weight: bWeight,
        message: "Add {item.title} instead",
        why: "Protects the paint.",
        item: {
          variantId: WAX_ITEM.variantId,
          productId: "gid://shopify/Product/1003",
          title: "Waxing",
          price: bPrice,
        },
      },
    ],
  });
  const file = (offers: Offer[]): string => JSON.stringify({ ...demoConfig, offers });

  it("exports each copy's weight, copy and own product, and re-imports them unchanged", async () => {
    await importFile(file([abOffer(3)]), "apply");
    const exported = await exportFile();
    expect(exported.data.offers[0]).toEqual(abOffer(3));
    const preview = await importFile(JSON.stringify(exported.data), "preview");
    expect(preview.data).toMatchObject({ ok: true, diff: { changed: [], unchanged: 1 } });
  });

  it("previews a changed weight old → new, and takes a copy's product facts from Shopify", async () => {
    await importFile(file([abOffer(1)]), "apply");
    const preview = await importFile(file([abOffer(3, "0.10")]), "preview");
    expect(preview.data.ok).toBe(true);
    if (!preview.data.ok) return;
    expect(preview.data.diff.changed).toHaveLength(1);
    expect(preview.data.diff.corrected).toEqual([
      expect.objectContaining({ id: "tire-ab", file: "$0.10", shopify: "$15.00" }),
    ]);
    await importFile(file([abOffer(3, "0.10")]), "apply");
    const stored = (await configForShop(TEST_SHOP)).offers[0];
    expect(stored).toEqual(abOffer(3));
  });

  it("refuses a copy whose own product Shopify doesn't have, naming the copy", async () => {
    const before = await snapshot();
    const ghost = abOffer(1);
    const b = ghost.kind === "cross-sell" ? ghost.variants?.[1] : undefined;
    if (b) b.item = { ...WAX_ITEM, variantId: "gid://shopify/ProductVariant/999999" };
    const result = await importFile(file([ghost]), "preview");
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ path: "offers[0].variants[1].item.variantId" })],
    });
    expect(await snapshot()).toEqual(before);
  });
});
