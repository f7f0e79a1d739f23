/**
 * Offered items' catalog facts (title, price, product) are Shopify's, never the merchant's typing
 * or an imported file's: re-read by variant id before an offer is stored.
 */
import type { Problem } from "../config";
import { formatMoney, parseMoney } from "../engine";
import type { AdminApi } from "../shopify/admin.server";
import { itemRef, lookupCatalog } from "../shopify/catalog.server";
import { offeredItems, record } from "./offer-body.server";

/**
 * Replaces each offered item's product id, title and price with Shopify's. Returns a problem for
 * each item whose variant Shopify no longer has.
 */
export async function resolveOfferedItems(
  admin: AdminApi,
  body: Record<string, unknown>,
  digits: number,
): Promise<Problem[]> {
  // A threshold typed as "40" is stored as the shop currency writes it ("40.00").
  if (typeof body.threshold === "string") {
    const minor = parseMoney(body.threshold.trim(), digits);
    if (minor !== null) body.threshold = formatMoney(minor, digits);
  }
  const [problems = []] = await resolveCatalogFacts(admin, [body], digits);
  return problems;
}

/** A catalog fact of an offered item that Shopify had to correct. */
export interface CatalogCorrection {
  /** The item's path in the offer (`to`, `item`, `items[1]`). */
  path: string;
  field: "title" | "price" | "productId";
  was: string;
  now: string;
}

/**
 * Re-reads the offered items of several offers from Shopify in one lookup (by variant id) and
 * writes Shopify's title, price and product id into the bodies. Per body: the problems (variants
 * Shopify doesn't have, at `path.variantId`) and the facts that differed from Shopify's.
 */
export async function resolveCatalogFacts(
  admin: AdminApi,
  bodies: Record<string, unknown>[],
  digits: number,
  corrections: CatalogCorrection[][] = [],
): Promise<Problem[][]> {
  const perBody = bodies.map((body) =>
    offeredItems(body).filter(
      ({ item }) => typeof item.variantId === "string" && item.variantId !== "",
    ),
  );
  const ids = perBody.flatMap((items) => items.map(({ item }) => String(item.variantId)));
  const lookup = ids.length > 0 ? await lookupCatalog(admin, ids, digits) : null;
  return bodies.map((body, b) => {
    const problems: Problem[] = [];
    const found: CatalogCorrection[] = [];
    for (const { path, item } of perBody[b] ?? []) {
      const facts = lookup?.variants.get(String(item.variantId));
      if (!facts) {
        problems.push({
          path: `${path}.variantId`,
          message: "this product is no longer in your Shopify catalog; choose another",
        });
        continue;
      }
      const ref = itemRef(facts);
      for (const field of ["title", "price", "productId"] as const) {
        const was = typeof item[field] === "string" ? String(item[field]) : "";
        if (was !== ref[field]) found.push({ path, field, was, now: ref[field] });
      }
      Object.assign(item, ref);
      writeItem(body, path, item);
    }
    corrections[b] = found;
    return problems;
  });
}

function writeItem(body: Record<string, unknown>, path: string, item: Record<string, unknown>) {
  const bundle = /^items\[(\d+)\]$/.exec(path);
  const copy = /^variants\[(\d+)\]\.item$/.exec(path);
  if (bundle && Array.isArray(body.items)) {
    body.items = body.items.map((existing, i) => (i === Number(bundle[1]) ? item : existing));
  } else if (copy && Array.isArray(body.variants)) {
    body.variants = body.variants.map((existing, i) =>
      i === Number(copy[1]) ? { ...record(existing), item } : existing,
    );
  } else {
    body[path] = item;
  }
}
