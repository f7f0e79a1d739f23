import { validateConfig, type Problem } from "../config";
import prisma from "../db.server";
import type { Settings } from "../engine";
import type { AdminApi } from "../shopify/admin.server";
import { getShopSummary } from "../shopify/shop.server";

/** Which other discount classes Ladder's automatic discount combines with. */
export interface CombinesWith {
  productDiscounts: boolean;
  orderDiscounts: boolean;
  shippingDiscounts: boolean;
}

export const DEFAULT_COMBINES_WITH: CombinesWith = {
  productDiscounts: false,
  orderDiscounts: true,
  shippingDiscounts: true,
};

/** Used only until the shop's currency has been read once (any admin page reads it). */
const FALLBACK_CURRENCY = "USD";

export interface ShopSetup {
  currency: string;
  settings: Settings;
  combinesWith: CombinesWith;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function combinesWithFrom(text: string): CombinesWith {
  const raw = parseObject(text);
  const flag = (key: keyof CombinesWith) =>
    typeof raw[key] === "boolean" ? raw[key] : DEFAULT_COMBINES_WITH[key];
  return {
    productDiscounts: flag("productDiscounts"),
    orderDiscounts: flag("orderDiscounts"),
    shippingDiscounts: flag("shippingDiscounts"),
  };
}

export async function getShopSetup(shop: string): Promise<ShopSetup> {
  const row = await prisma.shopSettings.findUnique({ where: { shop } });
  return {
    currency: row?.currency ?? FALLBACK_CURRENCY,
    settings: (row ? parseObject(row.settings) : {}) as Settings,
    combinesWith: combinesWithFrom(row?.combinesWith ?? "{}"),
  };
}

/** Remembers the shop currency as the Admin API reports it. */
export async function rememberCurrency(shop: string, currency: string): Promise<void> {
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, currency },
    update: { currency },
  });
}

/**
 * The shop currency: stored after the first read, so admin pages don't ask Shopify each time.
 * Publishing always reads it afresh.
 */
export async function shopCurrency(shop: string, admin: AdminApi): Promise<string> {
  const row = await prisma.shopSettings.findUnique({
    where: { shop },
    select: { currency: true },
  });
  if (row?.currency) return row.currency;
  const summary = await getShopSummary(admin);
  await rememberCurrency(shop, summary.currencyCode);
  return summary.currencyCode;
}

/** Settings problems use paths relative to `settings` ("segments.premiumMinSpent"). */
export function validateSettings(
  settings: unknown,
  currency: string,
): { ok: true; value: Settings } | { ok: false; problems: Problem[] } {
  const result = validateConfig({ version: 1, currency, settings, offers: [] });
  if (result.ok) return { ok: true, value: result.value.settings ?? {} };
  return {
    ok: false,
    problems: result.problems.map((p) => ({
      path: p.path.replace(/^settings\.?/, "") || "settings",
      message: p.message,
    })),
  };
}

/** Validates and stores the guardrails; nothing is stored when any field is wrong. */
export async function saveSettings(
  shop: string,
  admin: AdminApi,
  input: unknown,
): Promise<{ ok: true; settings: Settings } | { ok: false; problems: Problem[] }> {
  const currency = await shopCurrency(shop, admin);
  const result = validateSettings(input, currency);
  if (!result.ok) return result;
  const settings = JSON.stringify(result.value);
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, currency, settings },
    update: { settings },
  });
  return { ok: true, settings: result.value };
}

export async function saveCombinesWith(shop: string, value: CombinesWith): Promise<void> {
  const combinesWith = JSON.stringify(value);
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, combinesWith },
    update: { combinesWith },
  });
}
