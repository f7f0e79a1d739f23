import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { DEMO_OFFERS } from "../../app/demo/demo-offers";
import { backgroundSettled } from "../../app/models/background.server";
import { openNotices } from "../../app/models/notices.server";
import { createOffer } from "../../app/models/offers.server";
import { publishOffers } from "../../app/models/publish.server";
import { rememberCurrency } from "../../app/models/shop-settings.server";
import {
  flushStockChecks,
  pendingStockChecks,
  scheduleStockCheck,
  DEBOUNCE_MS,
  MAX_WAIT_MS,
} from "../../app/models/stock-sync.server";
import { action as inventoryUpdate } from "../../app/routes/webhooks.inventory_levels.update";
import { unauthenticated } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import { installSession, routeArgs, TEST_SHOP } from "../support/admin-routes";
import { clearOfferTables } from "../support/offers-db";
import { publishedOffers, upgrade, V, waxing as washWaxing } from "../support/wash-offers";
import { responseOf, webhookRequest } from "../support/webhooks";

/** With a discount, so the discount function's config would name its item if it were published. */
const waxing = { ...washWaxing, discountPercent: 20 };

/** Stock the stand-in reports, by variant; empty = the catalog's (everything in stock). */
const inventory = new Map<string, number>();
let adminApi: RecordingStandIn;

const publishedOfferIds = () => publishedOffers(adminApi).map((offer) => offer.id);

const publications = async () =>
  (
    await prisma.publication.findMany({ where: { shop: TEST_SHOP }, orderBy: { version: "asc" } })
  ).map((p) => ({ version: p.version, trigger: p.trigger, soldOut: p.soldOutVariants }));

async function deliverInventoryLevel(payload: unknown = levelPayload()) {
  const request = webhookRequest("/webhooks/inventory_levels/update", {
    topic: "inventory_levels/update",
    shop: TEST_SHOP,
    payload,
  });
  return responseOf(() => inventoryUpdate(routeArgs(request)));
}

function levelPayload(available = 0) {
  return {
    inventory_item_id: 271878346596884,
    location_id: 24826418,
    available,
    updated_at: "2026-12-01T10:00:00-05:00",
    admin_graphql_api_id: "gid://shopify/InventoryLevel/24826418?inventory_item_id=271878346596884",
  };
}

beforeEach(async () => {
  inventory.clear();
  await clearOfferTables();
  adminApi = installAdminStandIn(TEST_SHOP, { inventory });
  await installSession();
  await rememberCurrency(TEST_SHOP, "USD");
  await createOffer(TEST_SHOP, upgrade);
  await createOffer(TEST_SHOP, waxing);
});

afterEach(async () => {
  flushStockChecks();
  await backgroundSettled();
});

describe("publishing with stock", () => {
  it("leaves an offer of a sold-out item out of checkout and the discount, and says which", async () => {
    inventory.set(V(2003), 0);
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    const result = await publishOffers(TEST_SHOP, admin);
    expect(result.ok && result.leftOut).toEqual([
      {
        offerId: "waxing",
        offerTitle: "Waxing with a wash",
        items: [{ variantId: V(2003), title: "Waxing" }],
      },
    ]);
    expect(publishedOfferIds()).toEqual(["premium-wash"]);
    // The discount function's config is written from the same offers: waxing is not in it.
    const functionParts = adminApi
      .metafields()
      .filter((m) => m.key !== "ladder_config")
      .map((m) => m.value)
      .join("");
    expect(functionParts).toContain("2002");
    expect(functionParts).not.toContain("2003");
    expect(await publications()).toEqual([{ version: 1, trigger: "merchant", soldOut: V(2003) }]);
    const [notice] = await openNotices(TEST_SHOP);
    expect(notice).toMatchObject({ offerKey: "waxing", tone: "warning" });
    expect(notice?.message).toBe(
      "“Waxing with a wash” is no longer shown to buyers: Waxing is sold out. It comes back by itself when it is in stock again.",
    );
  });

  it("leaves out the demo catalog's sold-out screen protector", async () => {
    const demoOffer = DEMO_OFFERS.find((offer) => offer.id === "screen-protector");
    expect(demoOffer).toBeDefined();
    if (demoOffer) await createOffer(TEST_SHOP, demoOffer);
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    const result = await publishOffers(TEST_SHOP, admin);
    expect(result.ok && result.leftOut.map((o) => [o.offerId, o.items[0]?.title])).toEqual([
      ["screen-protector", "Screen protector"],
    ]);
    expect(publishedOfferIds()).toEqual(["premium-wash", "waxing"]);
  });

  it("publishes everything, with no notice, when every item is in stock", async () => {
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    const result = await publishOffers(TEST_SHOP, admin);
    expect(result.ok && result.leftOut).toEqual([]);
    expect(publishedOfferIds()).toEqual(["premium-wash", "waxing"]);
    expect(await openNotices(TEST_SHOP)).toEqual([]);
  });
});

describe("inventory_levels/update webhook", () => {
  beforeEach(async () => {
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    expect((await publishOffers(TEST_SHOP, admin)).ok).toBe(true);
  });

  it("makes one check for a burst of deliveries, and republishes when an item sells out", async () => {
    inventory.set(V(2003), 0);
    for (let i = 0; i < 25; i++) {
      expect((await deliverInventoryLevel()).status).toBe(200);
    }
    // Acknowledged at once; nothing republished inside the window.
    expect(pendingStockChecks()).toEqual([TEST_SHOP]);
    expect(await publications()).toHaveLength(1);

    flushStockChecks();
    await backgroundSettled();
    expect(pendingStockChecks()).toEqual([]);
    expect(await publications()).toEqual([
      { version: 1, trigger: "merchant", soldOut: "" },
      { version: 2, trigger: "stock-change", soldOut: V(2003) },
    ]);
    expect(publishedOfferIds()).toEqual(["premium-wash"]);
    expect((await openNotices(TEST_SHOP)).map((n) => n.message)).toEqual([
      "“Waxing with a wash” is no longer shown to buyers: Waxing is sold out. It comes back by itself when it is in stock again.",
    ]);
  });

  it("does not republish when sales leave every offered item available", async () => {
    inventory.set(V(2003), 3);
    for (let i = 0; i < 10; i++) await deliverInventoryLevel(levelPayload(3));
    flushStockChecks();
    await backgroundSettled();
    expect(await publications()).toHaveLength(1);
    expect(await openNotices(TEST_SHOP)).toEqual([]);
  });

  it("brings the offer back when the item is restocked, and says so", async () => {
    inventory.set(V(2003), 0);
    await deliverInventoryLevel();
    flushStockChecks();
    await backgroundSettled();
    inventory.set(V(2003), 12);
    await deliverInventoryLevel(levelPayload(12));
    flushStockChecks();
    await backgroundSettled();
    expect((await publications()).map((p) => [p.version, p.trigger, p.soldOut])).toEqual([
      [1, "merchant", ""],
      [2, "stock-change", V(2003)],
      [3, "stock-change", ""],
    ]);
    expect(publishedOfferIds()).toEqual(["premium-wash", "waxing"]);
    expect((await openNotices(TEST_SHOP))[0]?.message).toBe(
      "“Waxing with a wash” is shown to buyers again: its items are back in stock.",
    );
  });

  it("refuses a payload that is not an inventory level, and schedules nothing", async () => {
    const response = await deliverInventoryLevel({ inventory_item_id: "x" });
    expect(response.status).toBe(400);
    expect(pendingStockChecks()).toEqual([]);
  });

  it("rejects a forged delivery", async () => {
    const request = webhookRequest("/webhooks/inventory_levels/update", {
      topic: "inventory_levels/update",
      shop: TEST_SHOP,
      payload: levelPayload(),
      secret: "not-the-secret",
    });
    const response = await responseOf(() => inventoryUpdate(routeArgs(request)));
    expect(response.status).toBe(401);
    expect(pendingStockChecks()).toEqual([]);
  });
});

describe("the debounce window", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is pushed back by each delivery, but never past the longest wait", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    scheduleStockCheck(TEST_SHOP, admin);
    // A delivery every 20 s keeps pushing the check back...
    for (let elapsed = 20_000; elapsed < MAX_WAIT_MS - DEBOUNCE_MS; elapsed += 20_000) {
      vi.advanceTimersByTime(20_000);
      expect(pendingStockChecks()).toEqual([TEST_SHOP]);
      scheduleStockCheck(TEST_SHOP, admin);
    }
    // ...but no further than MAX_WAIT_MS after the first one: a steady trickle of sales still
    // gets checked.
    vi.advanceTimersByTime(20_000);
    scheduleStockCheck(TEST_SHOP, admin);
    vi.advanceTimersByTime(MAX_WAIT_MS - 5 * 20_000);
    expect(pendingStockChecks()).toEqual([]);
    vi.useRealTimers();
    await backgroundSettled();
  });

  it("fires DEBOUNCE_MS after the last delivery of a short burst", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    scheduleStockCheck(TEST_SHOP, admin);
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(pendingStockChecks()).toEqual([TEST_SHOP]);
    vi.advanceTimersByTime(1);
    expect(pendingStockChecks()).toEqual([]);
    vi.useRealTimers();
    await backgroundSettled();
  });
});
