/**
 * Overlapping active offers: two quantity breaks on the same product, two cross-sells of the same
 * item, two free-shipping offers for the same countries, two upgrades from the same product. The
 * engine never adds them up (DESIGN rule 14: per line the single offer that takes the most
 * applies; rule 2 ranks which one is shown), but the merchant should know which one buyers get.
 * The outcome comes from the engine itself, on a small cart both offers match. Pure: the editor,
 * the import preview, the offers list and publish share it.
 */
import {
  compile,
  evaluate,
  load,
  type CheckoutInput,
  type CheckoutLine,
  type Offer,
  type OfferConfig,
  type Trigger,
} from "../engine";

export interface Overlap {
  kind: "volume" | "cross-sell" | "free-shipping" | "upgrade";
  /** The overlapping offers, the one buyers get first. */
  offers: { id: string; title: string }[];
  /** What they share, in words ("the same product", "US, CA"). */
  shared: string;
  /** What the buyer actually gets. */
  outcome: string;
  /** The offer that applies; the others can be set to draft. */
  winner: string;
}

type Kinded<K extends Offer["kind"]> = Extract<Offer, { kind: K }>;

const TRIGGER_KEYS = ["productIds", "variantIds", "collectionIds", "tags"] as const;

/** The first trigger entry both triggers list (tags case-insensitive), or null. */
function sharedTriggerEntry(
  a: Trigger,
  b: Trigger,
): { key: (typeof TRIGGER_KEYS)[number]; value: string } | null {
  for (const key of TRIGGER_KEYS) {
    const norm = (v: string) => (key === "tags" ? v.toLowerCase() : v);
    const bs = new Set((b[key] ?? []).map(norm));
    const hit = (a[key] ?? []).find((v) => bs.has(norm(v)));
    if (hit !== undefined) return { key, value: hit };
  }
  return null;
}

/** A cart line that matches a trigger through `entry`. */
function lineFor(
  id: string,
  entry: { key: (typeof TRIGGER_KEYS)[number]; value: string },
  quantity: number,
  unitPrice: string,
): CheckoutLine {
  return {
    id,
    variantId: entry.key === "variantIds" ? entry.value : `overlap-${id}`,
    productId: entry.key === "productIds" ? entry.value : `overlap-product-${id}`,
    quantity,
    unitPrice,
    collectionIds: entry.key === "collectionIds" ? [entry.value] : [],
    tags: entry.key === "tags" ? [entry.value] : [],
    attributes: {},
  };
}

function firstEntry(t: Trigger): { key: (typeof TRIGGER_KEYS)[number]; value: string } | null {
  for (const key of TRIGGER_KEYS) {
    const value = t[key]?.[0];
    if (value !== undefined) return { key, value };
  }
  return null;
}

const ENTRY_WORDS: Record<(typeof TRIGGER_KEYS)[number], string> = {
  productIds: "product",
  variantIds: "variant",
  collectionIds: "collection",
  tags: "tag",
};

function run(config: OfferConfig, offers: Offer[], lines: CheckoutLine[]) {
  const runtime = load(
    compile(
      { ...config, settings: { ...config.settings, holdoutPercent: 0, maxOffers: 10 }, offers },
      { activeOnly: true },
    ),
  );
  if (!runtime) return null;
  const input: CheckoutInput = {
    lines,
    customer: null,
    countryCode: "US",
    visitorKey: "overlap-check",
    now: "2026-01-01T00:00:00Z",
  };
  return evaluate(runtime, input, {});
}

/** Which of the offers takes the most off `lineId` in the engine's evaluation. */
function lineWinner(
  config: OfferConfig,
  offers: Offer[],
  lines: CheckoutLine[],
  lineId: string,
): { id: string; amount: string } | null {
  const evaluation = run(config, offers, lines);
  // Rule 14: the single offer that takes the most off the line applies there (ties: ranking).
  let best: { id: string; amount: string } | null = null;
  for (const d of evaluation?.discounts ?? []) {
    if (d.target !== "lines") continue;
    const line = d.lines.find((l) => l.lineId === lineId);
    if (line && Number(line.amount) > Number(best?.amount ?? 0)) {
      best = { id: d.offerId, amount: line.amount };
    }
  }
  return best;
}

function pairs<T>(list: T[]): [T, T][] {
  const out: [T, T][] = [];
  list.forEach((a, i) => list.slice(i + 1).forEach((b) => out.push([a, b])));
  return out;
}

function ordered(a: Offer, b: Offer, winner: string) {
  const [first, second] = winner === b.id ? [b, a] : [a, b];
  return [
    { id: first.id, title: first.title },
    { id: second.id, title: second.title },
  ];
}

function money(amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Ranking (rule 2): higher priority first, then config order. */
function ranksFirst<T extends Offer>(a: T, b: T, order: Map<string, number>): T {
  const pa = a.priority ?? 0;
  const pb = b.priority ?? 0;
  if (pa !== pb) return pa > pb ? a : b;
  return (order.get(a.id) ?? 0) <= (order.get(b.id) ?? 0) ? a : b;
}

/** Every pair of overlapping active offers in the config, with what buyers get. */
export function findOverlaps(config: OfferConfig): Overlap[] {
  const active = config.offers.filter((o) => o.status === "active");
  const order = new Map(config.offers.map((o, i) => [o.id, i]));
  const of = <K extends Offer["kind"]>(kind: K) =>
    active.filter((o): o is Kinded<K> => o.kind === kind);
  const found: Overlap[] = [];

  for (const [a, b] of pairs(of("volume"))) {
    const entry = sharedTriggerEntry(a.trigger, b.trigger);
    if (!entry) continue;
    const top = Math.max(
      ...a.tiers.map((t) => t.minQuantity),
      ...b.tiers.map((t) => t.minQuantity),
    );
    const line = lineFor("line", entry, top, "10.00");
    const win = lineWinner(config, [a, b], [line], "line");
    const winner = win?.id ?? ranksFirst(a, b, order).id;
    const name = winner === a.id ? a.title : b.title;
    found.push({
      kind: "volume",
      offers: ordered(a, b, winner),
      shared: `the same ${ENTRY_WORDS[entry.key]}`,
      outcome: `At ${top} units buyers get “${name}” only: one quantity break per line (the one that takes the most off), never both.`,
      winner,
    });
  }

  for (const [a, b] of pairs(of("cross-sell"))) {
    if (a.item.variantId !== b.item.variantId) continue;
    const ea = firstEntry(a.trigger);
    const eb = firstEntry(b.trigger);
    const lines = [
      ...(ea ? [lineFor("ta", ea, 1, a.item.price)] : []),
      ...(eb ? [lineFor("tb", eb, 1, b.item.price)] : []),
      {
        id: "item",
        variantId: a.item.variantId,
        productId: a.item.productId,
        quantity: 1,
        unitPrice: a.item.price,
        collectionIds: [],
        tags: [],
        attributes: {},
      },
    ];
    const win = lineWinner(config, [a, b], lines, "item");
    const winner = win?.id ?? ranksFirst(a, b, order).id;
    const name = winner === a.id ? a.title : b.title;
    found.push({
      kind: "cross-sell",
      offers: ordered(a, b, winner),
      shared: a.item.title,
      outcome: win
        ? `When both match, buyers get “${name}” (${money(win.amount, config.currency)} off ${a.item.title}); the other's discount never adds to it.`
        : `When both match, buyers are offered “${name}” (ranked first); ${a.item.title} is offered once.`,
      winner,
    });
  }

  for (const [a, b] of pairs(of("free-shipping"))) {
    const ca = a.countries;
    const cb = b.countries;
    const shared = !ca ? cb : !cb ? ca : ca.filter((c) => cb.includes(c));
    if (shared && shared.length === 0) continue;
    const lower = Number(a.threshold) <= Number(b.threshold) ? a : b;
    found.push({
      kind: "free-shipping",
      offers: ordered(a, b, lower.id),
      shared: shared ? shared.join(", ") : "every country",
      outcome: `Shipping is free once, from ${money(lower.threshold, config.currency)} (“${lower.title}”); buyers see two progress bars.`,
      winner: lower.id,
    });
  }

  for (const [a, b] of pairs(of("upgrade"))) {
    const entry = sharedTriggerEntry(a.trigger, b.trigger);
    if (!entry) continue;
    const first = ranksFirst(a, b, order);
    found.push({
      kind: "upgrade",
      offers: ordered(a, b, first.id),
      shared: `the same ${ENTRY_WORDS[entry.key]}`,
      outcome: `Buyers are offered “${first.title}” (${first.to.title}) first; a line is upgraded once, and only the upgrade it carries is discounted.`,
      winner: first.id,
    });
  }
  return found;
}
