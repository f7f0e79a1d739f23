import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import {
  discountsStandIn,
  LADDER_DISCOUNT_FUNCTION,
} from "../../app/demo/stand-in/discounts.server";
import prisma from "../../app/db.server";
import { compile, type OfferConfig } from "../../app/engine";
import { OFFER_DISCOUNT_CREATE_MUTATION, OFFER_DISCOUNT_QUERY } from "../../app/graphql/discounts";
import { adminRequest, type AdminApi } from "../../app/shopify/admin.server";
import {
  COMBINES_WITH,
  DISCOUNT_CLASSES,
  DISCOUNT_TITLE,
  DiscountSyncError,
  FUNCTION_HANDLE,
  shopLocalTime,
  syncOfferDiscount,
} from "../../app/shopify/discount.server";
import { sessionStorage, unauthenticated } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import configExample from "../fixtures/config.example.json";

const NOW = new Date("2026-11-22T12:00:00Z");
const example = configExample as OfferConfig;

function config(offers: OfferConfig["offers"], extra: Partial<OfferConfig> = {}): OfferConfig {
  return { version: 1, currency: "USD", offers, ...extra };
}

const upgrade = (id: string, extra: Record<string, unknown> = {}) =>
  ({
    id,
    kind: "upgrade",
    title: "Premium wash",
    status: "active",
    trigger: { productIds: ["gid://shopify/Product/1001"] },
    to: {
      variantId: "gid://shopify/ProductVariant/2002",
      productId: "gid://shopify/Product/1002",
      title: "Premium wash",
      price: "35.00",
    },
    discountPercent: 10,
    ...extra,
  }) as OfferConfig["offers"][number];

async function adminFor(options: Parameters<typeof installAdminStandIn>[1] = {}) {
  // Each test starts from a new store: no discount remembered from another test.
  await prisma.offerDiscount.deleteMany({ where: { shop: TEST_SHOP } });
  const standIn = installAdminStandIn(TEST_SHOP, { now: () => NOW, ...options });
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  return { admin: admin as AdminApi, standIn };
}

async function readDiscount(admin: AdminApi, id: string) {
  const { automaticDiscountNode } = await adminRequest(admin, OFFER_DISCOUNT_QUERY, { id });
  if (!automaticDiscountNode) throw new Error(`no discount ${id}`);
  return automaticDiscountNode;
}

describe("syncOfferDiscount (through the Admin API stand-in)", () => {
  let admin: AdminApi;
  let standIn: RecordingStandIn;

  beforeEach(async () => {
    ({ admin, standIn } = await adminFor());
  });

  it("creates the automatic discount on the function, with its config and input metafields", async () => {
    const { discountId } = await syncOfferDiscount(admin, example, NOW);
    expect(discountId).toMatch(/^gid:\/\/shopify\/DiscountAutomaticNode\/\d+$/);

    const node = await readDiscount(admin, discountId);
    expect(node.automaticDiscount).toMatchObject({
      __typename: "DiscountAutomaticApp",
      title: DISCOUNT_TITLE,
      status: "ACTIVE",
      startsAt: NOW.toISOString(),
      combinesWith: COMBINES_WITH,
      discountClasses: DISCOUNT_CLASSES,
      appDiscountType: { functionId: LADDER_DISCOUNT_FUNCTION.id },
    });
    // The engine's function form of the active offers (the example has no schedules).
    expect(JSON.parse(node.config?.value ?? "null")).toEqual(
      compile(example, { activeOnly: true, form: "function" }),
    );
    expect(JSON.parse(node.config2?.value ?? "null")).toEqual({ o: [], b: [] });
    const input = JSON.parse(node.input?.value ?? "null") as Record<string, unknown>;
    expect(Object.keys(input).sort()).toEqual(
      ["collectionIds", "premiumTags", "tags", "t0", "t1", "t2"].sort(),
    );

    const created = standIn.sent.find((s) => s.query.includes("LadderOfferDiscountCreate"));
    expect(created?.variables).toMatchObject({ discount: { functionHandle: FUNCTION_HANDLE } });
    await expect(
      prisma.offerDiscount.findUnique({ where: { shop: TEST_SHOP } }),
    ).resolves.toMatchObject({ discountId, functionId: LADDER_DISCOUNT_FUNCTION.id });
  });

  it("updates the same discount on the next publish, replacing its metafields", async () => {
    const first = await syncOfferDiscount(admin, config([upgrade("a")]), NOW);
    const second = await syncOfferDiscount(
      admin,
      config([upgrade("a", { discountPercent: 20 }), upgrade("b", { status: "draft" })]),
      NOW,
    );
    expect(second.discountId).toBe(first.discountId);
    expect(standIn.sent.filter((s) => s.query.includes("LadderOfferDiscountCreate"))).toHaveLength(
      1,
    );
    expect(standIn.sent.filter((s) => s.query.includes("LadderOfferDiscountUpdate"))).toHaveLength(
      1,
    );

    const node = await readDiscount(admin, second.discountId);
    // Packed offers, `kind|id|startsAt|endsAt|segments|variant|percent`: drafts stay out.
    const published = JSON.parse(node.config?.value ?? "null") as { o: string[] };
    expect(published.o).toEqual(["u|a||||2002|20"]);
    // Metafields are replaced, not duplicated.
    expect(standIn.metafields().filter((m) => m.ownerId === second.discountId)).toHaveLength(3);
  });

  it("creates the discount again when the merchant deleted it in Shopify", async () => {
    const first = await syncOfferDiscount(admin, config([upgrade("a")]), NOW);
    await standIn.execute(
      `mutation { discountAutomaticDelete(id: "${first.discountId}") { userErrors { message } } }`,
    );
    const second = await syncOfferDiscount(admin, config([upgrade("a")]), NOW);
    expect(second.discountId).not.toBe(first.discountId);
    await expect(readDiscount(admin, second.discountId)).resolves.toMatchObject({
      id: second.discountId,
    });
  });

  it("writes the next schedule boundaries in the shop's time zone, leaving past ones out", async () => {
    const { discountId } = await syncOfferDiscount(
      admin,
      config([
        upgrade("started", { startsAt: "2026-11-01T00:00:00Z", endsAt: "2026-12-01T05:00:00Z" }),
        upgrade("ended", { endsAt: "2026-11-20T00:00:00Z" }),
        upgrade("later", { startsAt: "2026-12-24T17:00:00Z" }),
      ]),
      NOW,
    );
    const node = await readDiscount(admin, discountId);
    const published = JSON.parse(node.config?.value ?? "null") as { o: string[] };
    expect(published.o.map((o) => o.split("|").slice(1, 4))).toEqual([
      ["started", "", String(Date.parse("2026-12-01T05:00:00Z"))],
      ["later", String(Date.parse("2026-12-24T17:00:00Z")), ""],
    ]);
    // The second metafield carries the boundaries the clock slots stand for.
    expect(JSON.parse(node.config2?.value ?? "null")).toEqual({
      o: [],
      b: [Date.parse("2026-12-01T05:00:00Z"), Date.parse("2026-12-24T17:00:00Z")],
    });
    // The demo shop's clock: America/New_York (UTC−5 in winter).
    expect(JSON.parse(node.input?.value ?? "null")).toMatchObject({
      t0: "2026-12-01T00:00:00",
      t1: "2026-12-24T12:00:00",
      t2: "2026-12-01T00:00:00",
    });
  });

  it("surfaces Shopify's userErrors in a message the merchant can act on", async () => {
    // 25 active app discounts already: Shopify refuses another.
    for (let i = 0; i < 25; i += 1) {
      const other = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
        discount: {
          title: `Other ${i}`,
          functionHandle: FUNCTION_HANDLE,
          combinesWith: COMBINES_WITH,
          discountClasses: ["PRODUCT"],
          metafields: [],
        },
      });
      expect(other.discountAutomaticAppCreate?.userErrors).toEqual([]);
    }
    const failure = await syncOfferDiscount(admin, example, NOW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toBe(
      "Shopify rejected the discount: automaticAppDiscount: Shop has reached the maximum of 25 active app discounts.",
    );
    await expect(
      prisma.offerDiscount.findUnique({ where: { shop: TEST_SHOP } }),
    ).resolves.toBeNull();
  });

  it("refuses a config too large for the function's metafields, naming the sizes", async () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      upgrade(`offer-with-a-rather-long-identifier-${i}`, {
        trigger: {
          productIds: Array.from(
            { length: 4 },
            (_, j) => `gid://shopify/Product/${9_000_000_000_000 + i * 10 + j}`,
          ),
        },
      }),
    );
    const failure = await syncOfferDiscount(admin, config(many), NOW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toMatch(
      /^Your active offers are too large for the discount function: they take [\d,]+ bytes and it can read 20,000\./,
    );
  });
});

describe("syncOfferDiscount when the app's function is not deployed", () => {
  it("says what to do instead of creating anything", async () => {
    const { admin, standIn } = await adminFor({
      extensions: [discountsStandIn({ functions: [] })],
    });
    const failure = await syncOfferDiscount(admin, example, NOW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscountSyncError);
    expect((failure as Error).message).toMatch(/discount function is not available in this store/);
    expect(standIn.sent.some((s) => s.query.includes("Create"))).toBe(false);
  });
});

describe("the stand-in's own validation (real-looking userErrors)", () => {
  it("rejects a discount without a function or title, and an unknown function", async () => {
    const { admin } = await adminFor();
    const result = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
      discount: {
        functionHandle: "not-deployed",
        combinesWith: COMBINES_WITH,
        discountClasses: [],
        metafields: [{ namespace: "$app", key: "function_config", type: "json", value: "{oops" }],
      },
    });
    expect(result.discountAutomaticAppCreate?.automaticAppDiscount).toBeNull();
    expect(result.discountAutomaticAppCreate?.userErrors.map((e) => e.message)).toEqual([
      "Function not found.",
      "Title can't be blank",
      "Discount classes can't be blank",
    ]);
  });

  it("rejects invalid JSON in a metafield and saves nothing", async () => {
    const { admin, standIn } = await adminFor();
    const result = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
      discount: {
        title: "x",
        functionHandle: FUNCTION_HANDLE,
        combinesWith: COMBINES_WITH,
        discountClasses: ["PRODUCT"],
        metafields: [{ namespace: "$app", key: "function_config", type: "json", value: "{oops" }],
      },
    });
    expect(result.discountAutomaticAppCreate?.userErrors).toEqual([
      {
        field: ["automaticAppDiscount", "metafields", "0", "value"],
        message: "Value is invalid JSON.",
        code: "INVALID",
      },
    ]);
    expect(standIn.metafields()).toEqual([]);
  });
});

describe("shopLocalTime", () => {
  it("reads an instant on the shop's wall clock, rounding up to the second", () => {
    expect(shopLocalTime("America/New_York")(Date.parse("2026-07-01T12:00:00.400Z"))).toBe(
      "2026-07-01T08:00:01",
    );
    expect(shopLocalTime("Asia/Tokyo")(Date.parse("2026-12-31T15:00:00Z"))).toBe(
      "2027-01-01T00:00:00",
    );
  });
});
