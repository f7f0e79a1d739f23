import {
  compile,
  evaluate,
  load,
  type CheckoutInput,
  type CheckoutLine,
  type Evaluation,
  type Offer,
  type OfferConfig,
  type Settings,
} from "../../app/engine";

/** Builders for readable engine tests: only what a case is about is spelled out. */
export const NOW = "2026-11-22T12:00:00Z";

export const item = (name: string, price: string) => ({
  variantId: `v-${name}`,
  productId: `p-${name}`,
  title: name,
  price,
});

export function config(offers: Offer[], settings: Settings = {}, currency = "USD"): OfferConfig {
  return { version: 1, currency, settings: { holdoutPercent: 0, ...settings }, offers };
}

let lineCounter = 0;
export function line(
  name: string,
  unitPrice: string,
  quantity = 1,
  extra: Partial<CheckoutLine> = {},
): CheckoutLine {
  lineCounter += 1;
  return {
    id: `line-${name}-${lineCounter}`,
    variantId: `v-${name}`,
    productId: `p-${name}`,
    title: name,
    quantity,
    unitPrice,
    collectionIds: [],
    tags: [],
    attributes: {},
    ...extra,
  };
}

export function checkout(lines: CheckoutLine[], extra: Partial<CheckoutInput> = {}): CheckoutInput {
  return { lines, customer: null, countryCode: "US", visitorKey: "visitor-1", now: NOW, ...extra };
}

export function customer(
  extra: Partial<NonNullable<CheckoutInput["customer"]>> = {},
): NonNullable<CheckoutInput["customer"]> {
  return {
    id: "c1",
    firstName: "Ana",
    tags: [],
    ordersCount: 0,
    amountSpent: "0.00",
    lastAcceptedAt: null,
    ...extra,
  };
}

/** Runs the same path as checkout: compile → publish form → load → evaluate. */
export function run(cfg: OfferConfig, input: CheckoutInput): Evaluation {
  const runtime = load(JSON.parse(JSON.stringify(compile(cfg))));
  if (!runtime) throw new Error("config did not load");
  return evaluate(runtime, input);
}

export const reasonOf = (ev: Evaluation, offerId: string) =>
  ev.suppressed.find((s) => s.offerId === offerId)?.reason ?? null;

export const shownIds = (ev: Evaluation) => ev.offers.map((o) => o.offerId);

const base = { status: "active" as const };
export const offers = {
  upgrade: (
    id: string,
    trigger: string,
    to: string,
    price: string,
    extra: Partial<Offer> = {},
  ): Offer =>
    ({
      ...base,
      id,
      kind: "upgrade",
      title: id,
      trigger: { productIds: [`p-${trigger}`] },
      to: item(to, price),
      ...extra,
    }) as Offer,
  crossSell: (
    id: string,
    trigger: string,
    add: string,
    price: string,
    extra: Partial<Offer> = {},
  ): Offer =>
    ({
      ...base,
      id,
      kind: "cross-sell",
      title: id,
      trigger: { productIds: [`p-${trigger}`] },
      item: item(add, price),
      ...extra,
    }) as Offer,
  bundle: (
    id: string,
    parts: [string, string, number?][],
    discountPercent: number,
    extra: Partial<Offer> = {},
  ): Offer =>
    ({
      ...base,
      id,
      kind: "bundle",
      title: id,
      items: parts.map(([name, price, quantity]) => ({
        ...item(name, price),
        quantity: quantity ?? 1,
      })),
      discountPercent,
      ...extra,
    }) as Offer,
  volume: (
    id: string,
    trigger: string,
    tiers: [number, number][],
    extra: Partial<Offer> = {},
  ): Offer =>
    ({
      ...base,
      id,
      kind: "volume",
      title: id,
      trigger: { productIds: [`p-${trigger}`] },
      tiers: tiers.map(([minQuantity, discountPercent]) => ({ minQuantity, discountPercent })),
      ...extra,
    }) as Offer,
  freeShipping: (id: string, threshold: string, extra: Partial<Offer> = {}): Offer =>
    ({
      ...base,
      id,
      kind: "free-shipping",
      title: id,
      threshold,
      ...extra,
    }) as Offer,
  gift: (
    id: string,
    threshold: string,
    gift: string,
    price: string,
    extra: Partial<Offer> = {},
  ): Offer =>
    ({
      ...base,
      id,
      kind: "gift",
      title: id,
      threshold,
      item: item(gift, price),
      ...extra,
    }) as Offer,
};
