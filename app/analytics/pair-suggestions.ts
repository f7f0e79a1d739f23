/**
 * Frequently bought together, as the merchant reads it: one row per pair of products (mining keeps
 * both directions, A→B and B→A, which would list each pair twice), with one directional
 * suggestion at most. The suggestion adds the dearer product to a cart holding the cheaper one
 * (the cheaper product is the anchor), so Ladder never suggests offering a premium buyer the
 * standard version; a step over the price guardrail (DESIGN rule 3) says that checkout would hold
 * it back. Pairs that an offer already covers are marked. Pure.
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
  /** The anchor: the cheaper product (on equal prices, the one whose buyers more often add B). */
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

/**
 * One row per unordered pair, strongest first (the order of `pairs`), oriented from the cheaper
 * product to the dearer one.
 */
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
    const priceOf = (id: string) => products.get(id)?.unitPrice ?? null;
    const [pa, pb] = [priceOf(pair.productA), priceOf(pair.productB)];
    // The cheaper product anchors; equal (or unknown) prices keep the stronger direction.
    const flip =
      reverse !== undefined &&
      (pa !== null && pb !== null && pa !== pb ? pa > pb : reverse.confidence > pair.confidence);
    const p = flip && reverse ? reverse : pair;
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
