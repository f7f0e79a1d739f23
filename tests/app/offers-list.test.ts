import { beforeEach, describe, expect, it } from "vitest";
import type { GiftOffer, Offer } from "../../app/engine";
import { addNotice, openNotices } from "../../app/models/notices.server";
import { createOffer, getOffer, listOffers } from "../../app/models/offers.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import { action, loader } from "../../app/routes/app.offers._index";
import { OFFER_TEMPLATES } from "../../app/offers/templates";
import { installAdminStandIn } from "../support/admin-api";
import {
  adminRequest,
  installSession,
  outcome,
  routeArgs,
  TEST_SHOP,
} from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";
import { parseOrderPayload } from "../../app/analytics/payloads";
import { recordOrders } from "../../app/models/orders.server";
import { clearAnalytics } from "../support/brute-force";
import { orderPayload } from "../support/orders";

const OTHER_SHOP = "other-shop.myshopify.com";

const freeShipping = (id: string, status: "active" | "draft" = "active"): Offer => ({
  id,
  kind: "free-shipping",
  title: `Free shipping ${id}`,
  status,
  threshold: "50.00",
});
const gift = (id: string): GiftOffer => ({
  id,
  kind: "gift",
  title: `Gift ${id}`,
  status: "draft",
  threshold: "75.00",
  item: {
    variantId: "gid://shopify/ProductVariant/2203",
    productId: "gid://shopify/Product/1203",
    title: "Pralines",
    price: "12.00",
  },
});

type Overview = Awaited<ReturnType<typeof loader>>;

async function load(query = "") {
  const request = await adminRequest(`/app/offers${query}`);
  return outcome<Overview>(() => loader(routeArgs(request)));
}

async function post(json: unknown) {
  const request = await adminRequest("/app/offers", { json });
  return outcome<Record<string, unknown>>(() => action(routeArgs(request)));
}

beforeEach(async () => {
  await clearOfferTables();
  installAdminStandIn();
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
  await rememberCurrency(OTHER_SHOP, "USD");
});

describe("offers list loader", () => {
  it("lists the shop's offers with kind, status, schedule and priority, in config order", async () => {
    await createOffer(TEST_SHOP, { ...freeShipping("ship"), priority: 3, startsAt: "2026-12-01" });
    await createOffer(TEST_SHOP, gift("gift"));
    await createOffer(OTHER_SHOP, freeShipping("not-mine"));
    const { data } = await load();
    expect(data.offers.map((o) => [o.key, o.kind, o.status, o.priority, o.startsAt])).toEqual([
      ["ship", "free-shipping", "active", 3, "2026-12-01T00:00:00.000Z"],
      ["gift", "gift", "draft", 0, null],
    ]);
    expect(data.total).toBe(2);
    expect(data.currency).toBe("USD");
  });

  it("returns the server's clock, which the list's Ended and Scheduled badges are judged at", async () => {
    const before = Date.now();
    const { data } = await load();
    const after = Date.now();
    expect(data.now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(data.now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(data.now)).toBeLessThanOrEqual(after);
  });

  it("filters by kind and status from the URL", async () => {
    await createOffer(TEST_SHOP, freeShipping("ship"));
    await createOffer(TEST_SHOP, freeShipping("ship-draft", "draft"));
    await createOffer(TEST_SHOP, gift("gift"));
    expect((await load("?kind=gift")).data.offers.map((o) => o.key)).toEqual(["gift"]);
    expect((await load("?status=draft")).data.offers.map((o) => o.key)).toEqual([
      "ship-draft",
      "gift",
    ]);
    expect((await load("?kind=free-shipping&status=active")).data.offers.map((o) => o.key)).toEqual(
      ["ship"],
    );
    // Unknown values are ignored, not errors; the total is unfiltered.
    const unknown = await load("?kind=teleport");
    expect(unknown.data.offers).toHaveLength(3);
    expect((await load("?kind=gift")).data.total).toBe(3);
  });

  it("offers the starter templates and the open notices", async () => {
    await addNotice(TEST_SHOP, {
      tone: "warning",
      message: "Offer x was set to draft",
      offerKey: "x",
    });
    await addNotice(OTHER_SHOP, { tone: "warning", message: "Not for this shop" });
    const { data } = await load();
    expect(data.total).toBe(0);
    expect(data.templates.map((t) => t.id)).toEqual(OFFER_TEMPLATES.map((t) => t.id));
    expect(data.notices.map((n) => n.message)).toEqual(["Offer x was set to draft"]);
  });
});

describe("bulk actions", () => {
  beforeEach(async () => {
    await createOffer(TEST_SHOP, freeShipping("a", "draft"));
    await createOffer(TEST_SHOP, freeShipping("b", "draft"));
    await createOffer(TEST_SHOP, {
      ...gift("incomplete"),
      item: { variantId: "", productId: "", title: "", price: "" },
    });
    await createOffer(OTHER_SHOP, freeShipping("a", "draft"));
  });

  it("activates the complete ones and says why the others were not", async () => {
    const result = await post({ intent: "activate", keys: ["a", "b", "incomplete"] });
    expect(result.data).toEqual({
      intent: "activate",
      changed: ["a", "b"],
      refused: [
        {
          key: "incomplete",
          title: "Gift incomplete",
          kind: "gift",
          problems: [
            { path: "item.variantId", message: "must not be empty" },
            { path: "item.productId", message: "must not be empty" },
            { path: "item.title", message: "must not be empty" },
            {
              path: "item.price",
              message: 'must be a positive amount with at most 2 decimals, like "24.00"',
            },
          ],
        },
      ],
    });
    expect((await listOffers(TEST_SHOP, { statuses: ["active"] })).map((o) => o.key)).toEqual([
      "a",
      "b",
    ]);
    expect((await getOffer(OTHER_SHOP, "a"))?.status).toBe("draft");
  });

  it("sets offers to draft", async () => {
    await post({ intent: "activate", keys: ["a", "b"] });
    const result = await post({ intent: "draft", keys: ["a"] });
    expect(result.data).toMatchObject({ changed: ["a"], refused: [] });
    expect((await getOffer(TEST_SHOP, "a"))?.status).toBe("draft");
    expect((await getOffer(TEST_SHOP, "b"))?.status).toBe("active");
  });

  it("deletes only the shop's own offers", async () => {
    const result = await post({ intent: "delete", keys: ["a", "incomplete"] });
    expect(result.data).toEqual({ intent: "delete", deleted: 2 });
    expect((await listOffers(TEST_SHOP)).map((o) => o.key)).toEqual(["b"]);
    expect(await getOffer(OTHER_SHOP, "a")).not.toBeNull();
  });

  it("answers 400 to an unknown intent", async () => {
    expect((await post({ intent: "explode", keys: ["a"] })).status).toBe(400);
    expect(await listOffers(TEST_SHOP)).toHaveLength(3);
  });
});

describe("starter templates", () => {
  it.each(OFFER_TEMPLATES.map((t) => [t.id, t.offers("USD").length] as const))(
    "%s creates %i draft(s) and opens the first",
    async (template, count) => {
      const result = await post({ intent: "template", template });
      expect(result.status).toBe(302);
      const offers = await listOffers(TEST_SHOP);
      expect(offers).toHaveLength(count);
      expect(offers.every((o) => o.status === "draft")).toBe(true);
      expect(result.headers.get("location")).toContain(`/app/offers/${offers[0]?.key}?template=1`);
    },
  );

  it("a template that needs products stays an incomplete draft that cannot be activated", async () => {
    await post({ intent: "template", template: "car-wash" });
    const offers = await listOffers(TEST_SHOP);
    expect(offers.map((o) => [o.key, o.kind, o.complete])).toEqual([
      ["premium-upgrade", "upgrade", false],
      ["waxing", "cross-sell", false],
    ]);
    const result = await post({ intent: "activate", keys: ["premium-upgrade", "waxing"] });
    expect(result.data).toMatchObject({ changed: [] });
  });

  it("a free-shipping template is complete in the shop's currency", async () => {
    await rememberCurrency(TEST_SHOP, "JPY");
    await post({ intent: "template", template: "free-shipping" });
    const stored = await getOffer(TEST_SHOP, "free-shipping");
    expect(stored).toMatchObject({ complete: true, body: { threshold: "5000" } });
  });

  it("using a template twice gives fresh ids", async () => {
    await post({ intent: "template", template: "phone" });
    await post({ intent: "template", template: "phone" });
    expect((await listOffers(TEST_SHOP)).map((o) => o.key)).toEqual([
      "half-price-case",
      "half-price-case-2",
    ]);
  });

  it("answers 400 to an unknown template and creates nothing", async () => {
    expect((await post({ intent: "template", template: "nope" })).status).toBe(400);
    expect(await listOffers(TEST_SHOP)).toEqual([]);
  });
});

describe("notices", () => {
  it("are dismissed for this shop only", async () => {
    await addNotice(TEST_SHOP, { tone: "warning", message: "Mine" });
    await addNotice(OTHER_SHOP, { tone: "warning", message: "Theirs" });
    const [mine] = (await load()).data.notices;
    const [theirs] = await openNotices(OTHER_SHOP);
    await post({ intent: "dismiss", notice: mine?.id });
    await post({ intent: "dismiss", notice: theirs?.id });
    expect((await load()).data.notices).toEqual([]);
    expect((await openNotices(OTHER_SHOP)).map((n) => n.message)).toEqual(["Theirs"]);
  });
});

describe("performance columns", () => {
  beforeEach(async () => {
    await clearAnalytics();
  });

  it("show what orders measured per offer over the last 30 days, and nothing for the holdout", async () => {
    await createOffer(TEST_SHOP, freeShipping("ship"));
    await createOffer(TEST_SHOP, freeShipping("quiet"));
    const now = new Date();
    const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    const payloads = [
      // Two treatment orders saw "ship"; one accepted it on a 12.00 line.
      orderPayload({
        id: 1,
        group: "treatment",
        shown: "ship",
        createdAt: day(2),
        lines: [
          { id: 11, productId: 1, price: "40.00" },
          { id: 12, productId: 2, price: "12.00", offerId: "ship" },
        ],
      }),
      orderPayload({
        id: 2,
        group: "treatment",
        shown: "ship",
        createdAt: day(3),
        lines: [{ id: 21, productId: 1, price: "40.00" }],
      }),
      // Older than the window, and a holdout order that (wrongly) carries the offer: not counted.
      orderPayload({
        id: 3,
        group: "treatment",
        shown: "ship",
        createdAt: day(45),
        lines: [{ id: 31, productId: 2, price: "12.00", offerId: "ship" }],
      }),
      orderPayload({
        id: 4,
        group: "holdout",
        shown: "ship",
        createdAt: day(1),
        lines: [{ id: 41, productId: 2, price: "12.00", offerId: "ship" }],
      }),
    ];
    const orders = payloads.map((p) => {
      const parsed = parseOrderPayload(p, { currency: "USD", timeZone: "UTC" });
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.value;
    });
    await recordOrders(TEST_SHOP, orders, { source: "webhook" });
    // Another shop's figures for the same offer id never show here.
    await recordOrders(OTHER_SHOP, orders.slice(0, 1), { source: "webhook" });

    const { data } = await load();
    expect(data.performance.days).toBe(30);
    expect(data.performance.byOffer).toEqual({
      ship: { impressions: 2, acceptances: 1, revenue: 1200 },
    });
  });
});

describe("overlapping offers", () => {
  beforeEach(async () => {
    await rememberCurrency(TEST_SHOP, "USD");
  });

  it("lists overlapping active offers with the outcome, resolved by setting one to draft", async () => {
    await createOffer(TEST_SHOP, { ...freeShipping("ship-50"), threshold: "50.00" } as Offer);
    await createOffer(TEST_SHOP, { ...freeShipping("ship-40"), threshold: "40.00" } as Offer);
    const before = await load();
    expect(before.data.publish.overlaps).toMatchObject([
      {
        kind: "free-shipping",
        winner: "ship-40",
        offers: [{ id: "ship-40" }, { id: "ship-50" }],
        shared: "every country",
      },
    ]);
    expect(before.data.publish.overlaps[0]?.outcome).toMatch(/free once, from \$40\.00/);
    // The warning's one-click resolve: the offer that stands aside goes to draft.
    await post({ intent: "draft", keys: ["ship-50"] });
    expect((await load()).data.publish.overlaps).toEqual([]);
  });
});
