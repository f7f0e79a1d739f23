/**
 * Keeps offers true to the catalog: when Shopify reports a product's new prices (products/update)
 * or its deletion (products/delete), the offers that reference it are updated, and the caller
 * republishes when live offers changed.
 */
import { formatProblem, type Problem } from "../config";
import prisma from "../db.server";
import { load, minorDigits, type RuntimeConfig } from "../engine";
import { normalizePrice, variantTitle } from "../shopify/catalog.server";
import { addNotice } from "./notices.server";
import { checkOffer, offerRowData, offeredItems } from "./offer-body.server";
import { getShopSetup } from "./shop-settings.server";

export interface ProductChange {
  /** Offers whose stored body changed. */
  changed: string[];
  /** Whether live offers changed, so what checkout has is out of date. */
  republish: boolean;
}

export interface UpdatedProduct {
  id: string;
  title: string;
  updatedAt: Date;
  variants: { id: string; title: string; price: string }[];
  /** The product's tags now, when the payload carries them. */
  tags?: string[];
}

const EMPTY_ITEM = { variantId: "", productId: "", title: "", price: "" };
const NO_CHANGE: ProductChange = { changed: [], republish: false };

function parseBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function setItem(body: Record<string, unknown>, path: string, item: Record<string, unknown>) {
  const bundle = /^items\[(\d+)\]$/.exec(path);
  if (bundle && Array.isArray(body.items)) {
    body.items = body.items.map((existing, i) => (i === Number(bundle[1]) ? item : existing));
  } else body[path] = item;
}

async function hasPublished(shop: string): Promise<boolean> {
  return (await prisma.publication.count({ where: { shop } })) > 0;
}

/** Stores an offer body again after a catalog change; a draft may end up incomplete. */
async function store(
  shop: string,
  key: string,
  body: Record<string, unknown>,
  currency: string,
): Promise<Problem[]> {
  const checked = checkOffer(body, currency);
  const complete = checked.ok;
  await prisma.offer.updateMany({
    where: { shop, key },
    data: offerRowData(checked.ok ? { ...checked.value } : body, complete),
  });
  return checked.ok ? [] : checked.problems;
}

/**
 * Applies a product's current titles and prices to the offers that offer it. A variant that no
 * longer exists takes its offer to draft, and the merchant is told. A delivery older than one
 * already applied is ignored (webhooks can arrive out of order).
 */
export async function applyProductUpdate(
  shop: string,
  product: UpdatedProduct,
): Promise<ProductChange> {
  const last = await prisma.productSync.findUnique({
    where: { shop_productId: { shop, productId: product.id } },
  });
  if (last && last.updatedAt >= product.updatedAt) return NO_CHANGE;
  await prisma.productSync.upsert({
    where: { shop_productId: { shop, productId: product.id } },
    create: { shop, productId: product.id, updatedAt: product.updatedAt },
    update: { updatedAt: product.updatedAt },
  });

  const result: ProductChange = {
    changed: [],
    republish: await triggersMissProduct(shop, product),
  };
  const rows = await prisma.offer.findMany({
    where: { shop, productRefs: { contains: `|${product.id}|` } },
  });
  if (rows.length === 0) return result;
  const { currency } = await getShopSetup(shop);
  const digits = minorDigits(currency);
  const variants = new Map(product.variants.map((v) => [v.id, v]));

  for (const row of rows) {
    const body = parseBody(row.body);
    let changed = false;
    let lost = false;
    for (const { path, item } of offeredItems(body)) {
      if (item.productId !== product.id) continue;
      const variant = variants.get(String(item.variantId));
      if (!variant) {
        setItem(body, path, {
          ...EMPTY_ITEM,
          ...("quantity" in item ? { quantity: item.quantity } : {}),
        });
        lost = true;
        changed = true;
        continue;
      }
      const price = normalizePrice(variant.price, digits);
      const title = variantTitle(product.title, variant.title);
      if (item.price !== price || item.title !== title) {
        setItem(body, path, { ...item, price, title });
        changed = true;
      }
    }
    if (!changed) continue;
    if (lost) body.status = "draft";
    const problems = await store(shop, row.key, body, currency);
    result.changed.push(row.key);
    if (row.status === "active") result.republish = true;
    if (lost) {
      await addNotice(shop, {
        offerKey: row.key,
        tone: "warning",
        message: `“${row.title}” was set to draft: a variant of ${product.title} it offers was deleted in Shopify. Choose another product to activate it again.`,
      });
    } else if (problems[0] && body.status === "active") {
      // The new price or title breaks a rule (a free item, say): publishing would drop the offer
      // without a word, so it goes to draft and the merchant is told why.
      body.status = "draft";
      await store(shop, row.key, body, currency);
      await addNotice(shop, {
        offerKey: row.key,
        tone: "warning",
        message: `“${row.title}” was set to draft after ${product.title} changed in Shopify: ${formatProblem(problems[0])}. Edit the offer to activate it again.`,
      });
    }
  }
  if (result.republish) result.republish = await hasPublished(shop);
  return result;
}

function loadStored(json: string): RuntimeConfig | null {
  try {
    return load(JSON.parse(json));
  } catch {
    return null;
  }
}

/**
 * Whether the published offers miss a variant of this product that their triggers now name: a
 * variant added to a trigger product, or a product newly tagged with a trigger tag. Publishing
 * resolved product and tag triggers to the variants of that moment (checkout and the discount
 * function see a line's variant), so neither would see these until the next publish.
 * Collections are not in the payload; a removed tag only shows an offer too many until then, and
 * the admin says to publish again after such changes.
 */
async function triggersMissProduct(shop: string, product: UpdatedProduct): Promise<boolean> {
  const last = await prisma.publication.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { source: true, resolvedVariants: true },
  });
  if (!last?.source || !last.resolvedVariants) return false;
  const named = loadStored(last.source);
  if (!named) return false;
  const triggered =
    named.byProduct(product.id) !== undefined ||
    (product.tags ?? []).some((tag) => named.byTag(tag.toLowerCase()) !== undefined);
  if (!triggered) return false;
  const resolved = new Set(last.resolvedVariants.split(","));
  return product.variants.some((variant) => !resolved.has(variant.id));
}

/**
 * A product was deleted in Shopify: offers that offer it go to draft with the item to choose
 * again, and it leaves every trigger (an offer whose trigger becomes empty goes to draft too).
 */
export async function applyProductDelete(shop: string, productId: string): Promise<ProductChange> {
  const rows = await prisma.offer.findMany({
    where: { shop, productRefs: { contains: `|${productId}|` } },
  });
  if (rows.length === 0) return NO_CHANGE;
  const { currency } = await getShopSetup(shop);
  const result: ProductChange = { changed: [], republish: false };

  for (const row of rows) {
    const body = parseBody(row.body);
    const lostTitles: string[] = [];
    for (const { path, item } of offeredItems(body)) {
      if (item.productId !== productId) continue;
      lostTitles.push(String(item.title || "a product"));
      setItem(body, path, {
        ...EMPTY_ITEM,
        ...("quantity" in item ? { quantity: item.quantity } : {}),
      });
    }
    let triggerEmptied = false;
    const trigger = body.trigger;
    if (trigger && typeof trigger === "object" && !Array.isArray(trigger)) {
      const t = { ...(trigger as Record<string, unknown>) };
      if (Array.isArray(t.productIds) && t.productIds.includes(productId)) {
        t.productIds = t.productIds.filter((id) => id !== productId);
        if ((t.productIds as unknown[]).length === 0) delete t.productIds;
        triggerEmptied = !Object.values(t).some((list) => Array.isArray(list) && list.length > 0);
        body.trigger = t;
      }
    }
    const drafted = lostTitles.length > 0 || triggerEmptied;
    if (drafted) body.status = "draft";
    await store(shop, row.key, body, currency);
    result.changed.push(row.key);
    if (row.status === "active") result.republish = true;
    if (drafted) {
      const what =
        lostTitles.length > 0
          ? `the product it offers (${lostTitles.join(", ")}) was deleted in Shopify`
          : "the only product in its trigger was deleted in Shopify";
      await addNotice(shop, {
        offerKey: row.key,
        tone: "warning",
        message: `“${row.title}” was set to draft: ${what}. Choose another product to activate it again.`,
      });
    }
  }
  if (result.republish) result.republish = await hasPublished(shop);
  return result;
}
