/**
 * Stock changes republish by themselves, without a republish per sale. Inventory webhooks for a
 * shop that arrive within DEBOUNCE_MS of each other make one check (pushed back while deliveries
 * keep coming, at most MAX_WAIT_MS after the first); the check reads the offered items'
 * availability from Shopify and republishes only when the set of sold-out items changed.
 *
 * The window lives in this process: with several instances each may make its own check, which
 * stays cheap (one query) and republishes only on a real change.
 */
import prisma from "../db.server";
import { offeredVariantIds, offersLeftOut, soldOutKey } from "../offers/stock";
import type { AdminApi } from "../shopify/admin.server";
import { findSoldOutVariants } from "../shopify/availability.server";
import { runInBackground } from "./background.server";
import { shopConfig } from "./offers.server";
import { republishAfterProductChange } from "./publish.server";

export const DEBOUNCE_MS = 30_000;
export const MAX_WAIT_MS = 120_000;

interface PendingCheck {
  timer: ReturnType<typeof setTimeout>;
  firstAt: number;
  admin: AdminApi;
}

const pending = new Map<string, PendingCheck>();

function startTimer(shop: string): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => runCheck(shop), DEBOUNCE_MS);
  // A pending check never keeps the process (or a test run) alive.
  timer.unref();
  return timer;
}

function runCheck(shop: string): void {
  const entry = pending.get(shop);
  if (!entry) return;
  clearTimeout(entry.timer);
  pending.delete(shop);
  runInBackground(`stock check for ${shop}`, async () => {
    await checkStock(shop, entry.admin);
  });
}

/** Called for each inventory delivery: one check per shop per window. */
export function scheduleStockCheck(shop: string, admin: AdminApi, now = Date.now()): void {
  const entry = pending.get(shop);
  if (!entry) {
    pending.set(shop, { timer: startTimer(shop), firstAt: now, admin });
    return;
  }
  entry.admin = admin;
  if (now + DEBOUNCE_MS - entry.firstAt <= MAX_WAIT_MS) {
    clearTimeout(entry.timer);
    entry.timer = startTimer(shop);
  }
}

/** Shops with a check waiting for its window to end. */
export function pendingStockChecks(): string[] {
  return [...pending.keys()];
}

/** Runs every waiting check now (shutdown, tests); `backgroundSettled` waits for them. */
export function flushStockChecks(): void {
  for (const shop of [...pending.keys()]) runCheck(shop);
}

export type StockCheck = "not-published" | "unchanged" | "republished" | "republish-failed";

/** Republishes when the sold-out items of the shop's active offers differ from the last publication's. */
export async function checkStock(shop: string, admin: AdminApi): Promise<StockCheck> {
  const last = await prisma.publication.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { soldOutVariants: true },
  });
  if (!last) return "not-published";
  const { config } = await shopConfig(shop);
  const active = config.offers.filter((offer) => offer.status === "active");
  const variantIds = active.flatMap(offeredVariantIds);
  const soldOut = variantIds.length > 0 ? await findSoldOutVariants(admin, variantIds) : [];
  if (soldOutKey(offersLeftOut(active, soldOut)) === last.soldOutVariants) return "unchanged";
  const result = await republishAfterProductChange(shop, admin, "stock-change");
  return result.ok ? "republished" : "republish-failed";
}
