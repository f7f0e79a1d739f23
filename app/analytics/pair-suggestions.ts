/**
 * Frequently bought together, as the merchant reads it: one row per pair of products (mining keeps
 * both directions, A→B and B→A, which would list each pair twice), with one directional
 * suggestion at most: offer B to carts holding A (A is the anchor; `anchorFirst` says which one
 * it is). A step over the price guardrail (DESIGN rule 3) says that checkout would hold it back.
 * Pairs that an offer already covers are marked. Pure.
 */
import type { ProductPairStat } from "./pairs";

export interface PairProduct {
  title: string;
  variantId: string;
  variantTitle: string | null;
  /** Unit price seen in the latest order, minor units. */
  unitPrice: number;
}

export interface PairRow extends ProductPairStat {
  /** The anchor, the product the cart holds (see `anchorFirst`). */
  titleA: string;
  /** The product a cross-sell would add. */
  titleB: string;
  unitPriceA: number | null;
  variantB: string | null;
  unitPriceB: number | null;
  variantTitleB: string | null;
  /** Whether to offer a cross-sell draft (B to buyers of A): no offer pairs them yet. */
  suggest: boolean;
  /** What the merchant should know about that draft (unknown price, over the guardrail). */
  note: string | null;
  /** An offer that already pairs the two products, either way round. */
  offer: { key: string; title: string } | null;
}

/** "1301|1302": the same key whichever product comes first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Pairs of products each offer links (trigger → offered item, or the items of a bundle), keyed
 * by `pairKey` on numeric product ids. Offers store GIDs; mined pairs use the id's tail.
 */
export function offeredPairs(
  offers: readonly { key: string; title: string; body: Record<string, unknown> }[],
): Map<string, { key: string; title: string }> {
  const tail = (gid: unknown) => (typeof gid === "string" ? (gid.split("/").pop() ?? "") : "");
  const ids = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(tail).filter((id) => id !== "") : [];
  const productOf = (item: unknown) =>
    typeof item === "object" && item !== null && "productId" in item ? tail(item.productId) : "";
  const found = new Map<string, { key: string; title: string }>();
  for (const offer of offers) {
    const body = offer.body;
    const trigger =
      typeof body.trigger === "object" && body.trigger !== null
        ? ids((body.trigger as Record<string, unknown>).productIds)
        : [];
    const linked: [string, string][] = [];
    for (const offered of [productOf(body.item), productOf(body.to)]) {
      if (offered) for (const t of trigger) linked.push([t, offered]);
    }
    const items = Array.isArray(body.items) ? body.items.map(productOf).filter(Boolean) : [];
    items.forEach((a, i) => items.slice(i + 1).forEach((b) => linked.push([a, b])));
    for (const [a, b] of linked) {
      if (a !== b && !found.has(pairKey(a, b))) {
        found.set(pairKey(a, b), { key: offer.key, title: offer.title });
      }
    }
  }
  return found;
}

/** "Standard wash" → "wash": the noun a product title ends with. */
function lastWord(title: string): string {
  return (
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .at(-1) ?? ""
  );
}

/**
 * Whether `pair` (A → B) is the direction to suggest rather than its reverse:
 *
 * - Tiers of one product (titles ending in the same noun: "Standard wash", "Premium wash"): the
 *   cheaper one anchors, so a premium buyer is never offered the standard version (a downgrade).
 * - Otherwise the product bought more often anchors and the other is its add-on. Nearly every
 *   buyer of an add-on already has the staple (tire shine is bought with a wash), so offering the
 *   staple to them reaches almost no one; most buyers of the staple lack the add-on. Anchoring the
 *   cheaper product instead offered a wash to tire shine buyers and a phone to case buyers.
 * - Equal counts, or tiers at one price: the stronger direction (higher confidence).
 */
export function anchorFirst(
  pair: ProductPairStat,
  reverse: ProductPairStat,
  products: ReadonlyMap<string, PairProduct>,
): boolean {
  const a = products.get(pair.productA);
  const b = products.get(pair.productB);
  if (a && b && lastWord(a.title) !== "" && lastWord(a.title) === lastWord(b.title)) {
    if (a.unitPrice !== b.unitPrice) return a.unitPrice < b.unitPrice;
  } else if (pair.ordersWithA !== pair.ordersWithB) {
    return pair.ordersWithA > pair.ordersWithB;
  }
  return pair.confidence >= reverse.confidence;
}

/** One row per unordered pair, strongest first (the order of `pairs`), oriented by `anchorFirst`. */
export function pairRows(
  pairs: readonly ProductPairStat[],
  products: ReadonlyMap<string, PairProduct>,
  offers: ReadonlyMap<string, { key: string; title: string }>,
  maxPriceRatio: number,
): PairRow[] {
  const byDirection = new Map(pairs.map((p) => [`${p.productA}>${p.productB}`, p]));
  const seen = new Set<string>();
  const rows: PairRow[] = [];
  for (const pair of pairs) {
    const key = pairKey(pair.productA, pair.productB);
    if (seen.has(key)) continue;
    seen.add(key);
    const reverse = byDirection.get(`${pair.productB}>${pair.productA}`);
    const p = reverse && !anchorFirst(pair, reverse, products) ? reverse : pair;
    const a = products.get(p.productA);
    const b = products.get(p.productB);
    const offer = offers.get(key) ?? null;
    let note: string | null = null;
    if (!b) note = "Not seen in a recent order, so Ladder can't draft it.";
    else if (a && a.unitPrice > 0 && b.unitPrice > maxPriceRatio * a.unitPrice) {
      note = `${b.title} costs more than ${maxPriceRatio}× ${a.title}: the price guardrail (Settings) would hold it back at checkout.`;
    }
    rows.push({
      ...p,
      titleA: a?.title ?? `Product ${p.productA}`,
      titleB: b?.title ?? `Product ${p.productB}`,
      unitPriceA: a?.unitPrice ?? null,
      variantB: b?.variantId ?? null,
      unitPriceB: b?.unitPrice ?? null,
      variantTitleB: b?.variantTitle ?? null,
      suggest: offer === null && b !== undefined,
      note,
      offer,
    });
  }
  return rows;
}
