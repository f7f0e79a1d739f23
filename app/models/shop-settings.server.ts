import { validateConfig, type Problem } from "../config";
import type { CombinesWith } from "../offers/stacking";
import prisma from "../db.server";
import type { Settings } from "../engine";
import type { AdminApi } from "../shopify/admin.server";
import { otherDiscounts, type OtherDiscount } from "../shopify/discounts-list.server";
import { getShopSummary } from "../shopify/shop.server";

export type { CombinesWith };

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
  /** When the merchant last opened the preview; null if never. */
  previewedAt: Date | null;
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
    previewedAt: row?.previewedAt ?? null,
  };
}

/** Notes that the merchant opened the preview, so Home's get-started path counts the step done. */
export async function recordPreviewOpened(shop: string, at = new Date()): Promise<void> {
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, previewedAt: at },
    update: { previewedAt: at },
  });
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

export interface SettingsPage {
  currency: string;
  settings: Settings;
  combinesWith: CombinesWith;
  otherDiscounts: OtherDiscount[];
  moreDiscounts: boolean;
  /** Set when Shopify's discount list could not be read (the rest of the page still works). */
  discountsError: string | null;
}

/** Everything the settings page shows: guardrails, segments and discount stacking. */
export async function settingsPage(shop: string, admin: AdminApi): Promise<SettingsPage> {
  const currency = await shopCurrency(shop, admin);
  const setup = await getShopSetup(shop);
  // Ladder's own automatic discount is not one of the "other" discounts.
  const own = await prisma.offerDiscount.findUnique({
    where: { shop },
    select: { discountId: true },
  });
  let listed: { discounts: OtherDiscount[]; more: boolean } = { discounts: [], more: false };
  let discountsError: string | null = null;
  try {
    listed = await otherDiscounts(admin, own ? [own.discountId] : []);
  } catch (error) {
    discountsError = error instanceof Error ? error.message : String(error);
  }
  return {
    currency,
    settings: setup.settings,
    combinesWith: setup.combinesWith,
    otherDiscounts: listed.discounts,
    moreDiscounts: listed.more,
    discountsError,
  };
}

function combinesWithInput(input: unknown): CombinesWith | null {
  if (typeof input !== "object" || input === null) return null;
  const raw = input as Record<string, unknown>;
  const keys = ["productDiscounts", "orderDiscounts", "shippingDiscounts"] as const;
  if (!keys.every((k) => typeof raw[k] === "boolean")) return null;
  return {
    productDiscounts: raw.productDiscounts === true,
    orderDiscounts: raw.orderDiscounts === true,
    shippingDiscounts: raw.shippingDiscounts === true,
  };
}

/** Saves the settings page: guardrails (validated) and discount stacking, together or not at all. */
export async function saveSettingsPage(
  shop: string,
  admin: AdminApi,
  input: { settings: unknown; combinesWith: unknown },
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  const combinesWith = combinesWithInput(input.combinesWith);
  if (!combinesWith) {
    return {
      ok: false,
      problems: [{ path: "combinesWith", message: "must say yes or no for each discount class" }],
    };
  }
  const saved = await saveSettings(shop, admin, input.settings);
  if (!saved.ok) return saved;
  await saveCombinesWith(shop, combinesWith);
  return { ok: true };
}
