import fc from "fast-check";
import {
  formatMoney,
  parseMoney,
  type CheckoutInput,
  type Offer,
  type OfferConfig,
} from "../../app/engine";
import { catalogResolver } from "../../app/shopify/function-input";

/** A small catalog so random offers and random carts actually meet. */
export const CATALOG = Array.from({ length: 8 }, (_, i) => ({
  productId: `gid://shopify/Product/${100 + i}`,
  variantId: `gid://shopify/ProductVariant/${200 + i}`,
  collectionId: `gid://shopify/Collection/${300 + (i % 3)}`,
  tag: ["wash", "chocolate", "camera"][i % 3] ?? "wash",
  title: `Product ${i}`,
}));

/** The catalog as publishing looks triggers up in it (products, collections, tags → variants). */
export const CATALOG_RESOLVER = catalogResolver(
  CATALOG.map((c) => ({
    variantId: c.variantId,
    productId: c.productId,
    collectionIds: [c.collectionId],
    tags: [c.tag],
  })),
);

const price = fc.integer({ min: 1, max: 50_000 }).map((minor) => formatMoney(minor, 2));
const cents = (amount: string) => parseMoney(amount, 2) ?? 0;
const catalogItem = fc.constantFrom(...CATALOG);
const percent = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.constantFrom(12.5, 33.33, 0.5, 99.99),
);
/** An upgrade's or add-on's discount: a percent, an amount off each unit, or none. */
const itemDiscount = fc.oneof(
  fc.record({ discountPercent: percent }),
  fc.record({ discountAmount: price }),
  fc.constant({}),
);
const trigger = fc.oneof(
  catalogItem.map((c) => ({ productIds: [c.productId] })),
  catalogItem.map((c) => ({ variantIds: [c.variantId] })),
  catalogItem.map((c) => ({ collectionIds: [c.collectionId] })),
  catalogItem.map((c) => ({ tags: [c.tag.toUpperCase()] })),
);
const offered = fc.record({ c: catalogItem, price }).map(({ c, price: p }) => ({
  variantId: c.variantId,
  productId: c.productId,
  title: c.title,
  price: p,
}));
const common = fc.record({
  status: fc.constantFrom("active", "active", "active", "draft") as fc.Arbitrary<
    "active" | "draft"
  >,
  priority: fc.integer({ min: -2, max: 2 }),
  segments: fc.option(
    fc.subarray(["new", "returning", "frequent", "premium"] as const, { minLength: 1 }),
    {
      nil: undefined,
    },
  ),
  startsAt: fc.option(fc.constantFrom("2026-11-01", "2026-12-01"), { nil: undefined }),
});

const offerBody: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .record({ kind: fc.constant("upgrade"), trigger, to: offered, discount: itemDiscount })
    .map(({ discount, ...offer }) => ({ ...offer, ...discount })),
  fc
    .record({ kind: fc.constant("cross-sell"), trigger, item: offered, discount: itemDiscount })
    .map(({ discount, ...offer }) => ({ ...offer, ...discount })),
  fc
    .uniqueArray(fc.record({ c: catalogItem, price, quantity: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 2,
      maxLength: 3,
      selector: (x) => x.c.variantId,
    })
    .chain((items) => {
      // A percent, or a set price below the set's list total (validation asks for both).
      const listTotal = items.reduce((sum, x) => sum + cents(x.price) * x.quantity, 0);
      const discount = fc.oneof(
        fc.record({ discountPercent: percent }),
        fc
          .integer({ min: 1, max: listTotal - 1 })
          .map((setPrice) => ({ bundlePrice: formatMoney(setPrice, 2) })),
      );
      return fc
        .record({
          kind: fc.constant("bundle"),
          items: fc.constant(
            items.map((x) => ({
              variantId: x.c.variantId,
              productId: x.c.productId,
              title: x.c.title,
              price: x.price,
              quantity: x.quantity,
            })),
          ),
          discount,
        })
        .map(({ discount: d, ...offer }) => ({ ...offer, ...d }));
    }),
  fc.uniqueArray(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 3 }).chain((mins) =>
    fc.record({
      kind: fc.constant("volume"),
      trigger,
      tiers: fc
        .array(fc.integer({ min: 1, max: 100 }), { minLength: mins.length, maxLength: mins.length })
        .map((pcts) => {
          const sortedMins = [...mins].sort((a, b) => a - b);
          const sortedPcts = [...pcts].sort((a, b) => a - b);
          return sortedMins.map((minQuantity, i) => ({
            minQuantity,
            discountPercent: sortedPcts[i] ?? 1,
          }));
        }),
    }),
  ),
  fc.record({
    kind: fc.constant("free-shipping"),
    threshold: price,
    countries: fc.option(fc.constantFrom(["US"], ["CA", "FR"]), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant("gift"), threshold: price, item: offered }),
);

export const configArb: fc.Arbitrary<OfferConfig> = fc
  .record({
    offers: fc.array(fc.tuple(common, offerBody), { maxLength: 12 }),
    maxOffers: fc.integer({ min: 1, max: 4 }),
    maxPriceRatio: fc.constantFrom(0.5, 1, 1.5, 3, 100),
    holdoutPercent: fc.constantFrom(0, 10, 50),
  })
  .map(({ offers, maxOffers, maxPriceRatio, holdoutPercent }) => ({
    version: 1 as const,
    currency: "USD",
    settings: { maxOffers, maxPriceRatio, holdoutPercent },
    offers: offers.map(([c, body], i) => {
      const { segments, startsAt, ...rest } = c;
      return {
        id: `offer-${i}`,
        title: `Offer ${i}`,
        ...rest,
        ...(segments ? { segments: [...segments] } : {}),
        ...(startsAt ? { startsAt } : {}),
        ...body,
      } as unknown as Offer;
    }),
  }));

export const checkoutArb: fc.Arbitrary<CheckoutInput> = fc
  .record({
    lines: fc.array(
      fc.record({
        c: catalogItem,
        quantity: fc.integer({ min: 1, max: 8 }),
        price,
        // The offer that added or upgraded the line (rule 14), at times with the variant seen.
        ladderOffer: fc.option(
          fc
            .tuple(fc.integer({ min: 0, max: 5 }), fc.boolean())
            .map(([k, variant]) => (variant ? `offer-${k}#b` : `offer-${k}`)),
          { nil: undefined, freq: 2 },
        ),
      }),
      { maxLength: 10 },
    ),
    customer: fc.option(
      fc.record({
        tags: fc.subarray(["vip", "open-complaint", "budget-sensitive", "other"]),
        ordersCount: fc.integer({ min: 0, max: 6 }),
        amountSpent: price,
        lastAcceptedAt: fc.option(fc.constantFrom("2026-11-20T00:00:00Z", "2026-10-01T00:00:00Z"), {
          nil: null,
        }),
        firstName: fc.option(fc.constantFrom("Ana", "Bo"), { nil: null }),
      }),
      { nil: null },
    ),
    countryCode: fc.constantFrom("US", "CA", "DE", null),
    visitorKey: fc.string({ minLength: 1, maxLength: 12 }),
  })
  .map(({ lines, customer, countryCode, visitorKey }) => ({
    lines: lines.map((l, i) => ({
      id: `gid://shopify/CartLine/${i}`,
      variantId: l.c.variantId,
      productId: l.c.productId,
      title: l.c.title,
      quantity: l.quantity,
      unitPrice: l.price,
      collectionIds: [l.c.collectionId],
      tags: [l.c.tag],
      attributes: (l.ladderOffer === undefined ? {} : { _ladder_offer: l.ladderOffer }) as Record<
        string,
        string
      >,
    })),
    customer: customer ? { id: "gid://shopify/Customer/1", ...customer } : null,
    countryCode,
    visitorKey,
    now: "2026-11-22T12:00:00Z",
  }));
