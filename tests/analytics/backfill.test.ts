import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { localDay } from "../../app/analytics/order-facts";
import prisma from "../../app/db.server";
import { demoCustomers, demoOrderHistory } from "../../app/demo/orders";
import { ordersStandIn } from "../../app/demo/stand-in/orders.server";
import { BULK_RUN_QUERY_MUTATION } from "../../app/graphql/bulk";
import {
  latestBackfill,
  startBackfill,
  type BackfillJobView,
} from "../../app/models/backfill.server";
import { offlineGraphqlClient, sessionStorage } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import {
  bruteForceCohorts,
  bruteForceRollups,
  clearAnalytics,
  rollupMismatches,
  storedCohorts,
  storedRollups,
} from "../support/brute-force";

const now = new Date();
const history = demoOrderHistory({ end: now, days: 90, ordersPerDay: 6, seed: 7 });
// The export asks for orders created on or after the shop's calendar day 60 days ago.
const sinceDay = localDay(new Date(now.getTime() - 60 * 86_400_000), "America/New_York");
const inWindow = history.filter((o) => o.createdAt >= new Date(`${sinceDay}T00:00:00Z`));
let adminApi: RecordingStandIn;

beforeEach(async () => {
  await clearAnalytics();
  adminApi = installAdminStandIn(TEST_SHOP, {
    extensions: [ordersStandIn(() => ({ customers: demoCustomers(), orders: history }))],
  });
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
});

async function runBackfill(progress: BackfillJobView[] = []) {
  const { done, started } = await startBackfill(TEST_SHOP, {
    clientFor: offlineGraphqlClient,
    pollMs: 0,
    sleep: async () => {
      progress.push(await latestBackfill(TEST_SHOP));
    },
  });
  await done;
  return started;
}

describe("order history backfill (bulk operation through the stand-in)", () => {
  it("imports the last 60 days, shows progress, and keeps rollups equal to brute force", async () => {
    const progress: BackfillJobView[] = [];
    expect(await runBackfill(progress)).toBe(true);

    const job = await latestBackfill(TEST_SHOP);
    expect(job).toMatchObject({
      status: "completed",
      ordersImported: inWindow.length,
      error: null,
      running: false,
    });
    expect(inWindow.length).toBeGreaterThan(200);
    // Progress was visible while Shopify exported: running, with a growing object count.
    expect(progress.map((p) => p?.status)).toContain("running");
    const counts = progress.map((p) => p?.objectCount ?? 0);
    expect(counts.some((c) => c > 0)).toBe(true);
    expect(Number(job?.objectCount)).toBeGreaterThanOrEqual(Math.max(...counts));

    expect(await prisma.analyticsOrder.count({ where: { shop: TEST_SHOP } })).toBe(inWindow.length);
    expect(
      rollupMismatches(await storedRollups(TEST_SHOP), await bruteForceRollups(TEST_SHOP)),
    ).toEqual([]);
    expect(await storedCohorts(TEST_SHOP)).toEqual(await bruteForceCohorts(TEST_SHOP));
    // The shop's facts came from the Admin API, and the bulk query went out once.
    expect(await prisma.analyticsShop.findUnique({ where: { shop: TEST_SHOP } })).toMatchObject({
      currency: "USD",
      timeZone: "America/New_York",
    });
    expect(adminApi.sent.filter((s) => s.query === BULK_RUN_QUERY_MUTATION)).toHaveLength(1);
    // Pairs were mined afterwards: the phone and its case go together.
    const pair = await prisma.productPair.findUnique({
      where: { shop_productA_productB: { shop: TEST_SHOP, productA: "1301", productB: "1302" } },
    });
    expect(pair?.lift).toBeGreaterThan(1);
  });

  it("is idempotent: a second run imports nothing new and changes no figure", async () => {
    await runBackfill();
    const before = await storedRollups(TEST_SHOP);
    expect(await runBackfill()).toBe(true);
    expect(await latestBackfill(TEST_SHOP)).toMatchObject({
      status: "completed",
      ordersImported: 0,
    });
    expect(await prisma.analyticsOrder.count()).toBe(inWindow.length);
    expect(rollupMismatches(await storedRollups(TEST_SHOP), before)).toEqual([]);
  });

  it("does not start a second export while one runs, and install skips a shop already done", async () => {
    const first = await startBackfill(TEST_SHOP, {
      clientFor: offlineGraphqlClient,
      pollMs: 0,
      sleep: () => new Promise((r) => setTimeout(r, 5)),
    });
    const second = await startBackfill(TEST_SHOP, { clientFor: offlineGraphqlClient });
    expect(second).toMatchObject({ jobId: first.jobId, started: false });
    await first.done;
    const onInstall = await startBackfill(TEST_SHOP, {
      clientFor: offlineGraphqlClient,
      onlyIfNever: true,
    });
    expect(onInstall.started).toBe(false);
    expect(await prisma.backfillJob.count()).toBe(1);
  });

  it("fails with a message the merchant can act on when the app has no offline token", async () => {
    await sessionStorage.deleteSession(`offline_${TEST_SHOP}`);
    await runBackfill();
    expect(await latestBackfill(TEST_SHOP)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/not installed/),
    });
    expect(await prisma.analyticsOrder.count()).toBe(0);
  });
});
