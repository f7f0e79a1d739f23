import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, formatMoney, load, type OfferConfig } from "../../app/engine";
import type { LadderApi } from "../../extensions/checkout-offers/src/api";
import { formatMinor, runLadder } from "../../extensions/checkout-offers/src/ladder";
import { evaluateStorefront } from "../../extensions/storefront-offers/src/adapter";
import type { AjaxCart } from "../../extensions/storefront-offers/src/types";
import { CATALOG, configArb } from "../engine/arbitraries";
import { cartLine, customerEntry, formatCurrencyIn, gid, shopEntry } from "./support";

/**
 * Rule 13: the storefront and checkout run the same engine on the same published config, so for
 * the same cart and customer they show the same offers, the same progress and the same group.
 */

const legacy = (id: string) => Number(id.slice(id.lastIndexOf("/") + 1));

/** Publishing resolves collection and tag triggers to variants; the catalog stands in for Shopify. */
function publish(config: OfferConfig): string {
  const variantsWhere = (match: (c: (typeof CATALOG)[number]) => boolean) => {
    const found = CATALOG.filter(match).map((c) => c.variantId);
    return found.length > 0 ? found : undefined;
  };
  return JSON.stringify(
    compile(config, {
      activeOnly: true,
      resolve: {
        collection: (id) => variantsWhere((c) => c.collectionId === id),
        tag: (tag) => variantsWhere((c) => c.tag === tag.toLowerCase()),
      },
    }),
  );
}

const cartArb = fc.array(
  fc.record({
    c: fc.constantFrom(...CATALOG),
    quantity: fc.integer({ min: 1, max: 8 }),
    cents: fc.integer({ min: 1, max: 50_000 }),
    accepted: fc.option(fc.constantFrom("offer-0", "offer-1", "offer-2"), { nil: undefined }),
  }),
  { maxLength: 8 },
);

const customerArb = fc.option(
  fc.record({
    tags: fc.subarray(["vip", "open-complaint", "budget-sensitive", "other"]),
    ordersCount: fc.integer({ min: 0, max: 6 }),
    cents: fc.integer({ min: 0, max: 200_000 }),
    lastAcceptedAt: fc.option(fc.constantFrom("2026-11-20T00:00:00Z", "2026-10-01T00:00:00Z"), {
      nil: null,
    }),
  }),
  { nil: null },
);

const groupArb = fc.constantFrom(undefined, "treatment", "holdout");

const api = { i18n: { formatCurrency: formatCurrencyIn("en-US") } } as unknown as LadderApi;
const NOW = new Date("2026-11-22T12:00:00Z");

describe("storefront ↔ checkout parity", () => {
  it("shows the same offers, progress, discounts and group for the same cart and customer", () => {
    fc.assert(
      fc.property(configArb, cartArb, customerArb, groupArb, (config, lines, customer, group) => {
        const json = publish(config);
        const runtime = load(JSON.parse(json));
        if (!runtime) throw new Error("the published config does not load");
        const customerId = gid("Customer", 7);
        const attributes = group ? [{ key: "_ladder_group", value: group }] : [];

        const checkout = runLadder(api, {
          lines: lines.map((line, i) =>
            cartLine({
              id: `line-${i}`,
              variant: line.c.variantId,
              product: line.c.productId,
              title: line.c.title,
              unitPrice: line.cents / 100,
              quantity: line.quantity,
              attributes: line.accepted ? [{ key: "_ladder_offer", value: line.accepted }] : [],
            }),
          ),
          appMetafields: [
            shopEntry(json),
            ...(customer
              ? [
                  customerEntry(
                    customerId,
                    JSON.stringify({
                      v: 1,
                      tags: customer.tags,
                      ordersCount: customer.ordersCount,
                      amountSpent: formatMoney(customer.cents, 2),
                      lastAcceptedAt: customer.lastAcceptedAt,
                    }),
                  ),
                ]
              : []),
          ],
          customer: customer ? { id: customerId, firstName: "Ana" } : undefined,
          countryCode: "US",
          checkoutToken: "cart-token-1",
          now: NOW,
          attributes,
        });

        const cart: AjaxCart = {
          token: "cart-token-1",
          attributes: group ? { _ladder_group: group } : {},
          items: lines.map((line, i) => ({
            key: `line-${i}`,
            variant_id: legacy(line.c.variantId),
            product_id: legacy(line.c.productId),
            title: line.c.title,
            quantity: line.quantity,
            original_price: line.cents,
            properties: line.accepted ? { _ladder_offer: line.accepted } : {},
          })),
        };
        const storefront = evaluateStorefront(
          runtime,
          {
            cart,
            customer: customer
              ? {
                  id: 7,
                  firstName: "Ana",
                  tags: customer.tags,
                  ordersCount: customer.ordersCount,
                  totalSpent: customer.cents,
                  lastAcceptedAt: customer.lastAcceptedAt,
                }
              : null,
            countryCode: "US",
            visitorKey: "cart-token-1",
            now: NOW,
          },
          (minor, currency, digits) => formatMinor(api.i18n, minor, currency, digits),
        );

        expect(checkout).not.toBeNull();
        expect(storefront).not.toBeNull();
        const a = checkout?.evaluation;
        const b = storefront?.evaluation;
        expect(b?.group).toBe(a?.group);
        expect(b?.offers).toEqual(a?.offers);
        expect(b?.progress).toEqual(a?.progress);
        // The storefront leaves discounts to Shopify; its input earns the same ones all the same.
        if (!storefront) return;
        const earned = evaluate(runtime, storefront.input, {
          checkoutLimits: true,
          group: storefront.evaluation.group,
        });
        expect(earned.discounts).toEqual(a?.discounts);
        if (group) expect(b?.group).toBe(group);
      }),
      { numRuns: 300 },
    );
  });
});

describe("storefront ↔ checkout in a cart longer than the discount function can price", () => {
  const config: OfferConfig = {
    version: 1,
    currency: "USD",
    settings: { holdoutPercent: 0 },
    offers: [
      {
        id: "case",
        kind: "cross-sell",
        title: "Half-price case",
        status: "active",
        trigger: { productIds: [gid("Product", 1)] },
        item: {
          variantId: gid("ProductVariant", 999),
          productId: gid("Product", 9),
          title: "Case",
          price: "30.00",
        },
        discountPercent: 50,
      },
    ],
  };
  const json = JSON.stringify(compile(config, { activeOnly: true }));

  /** Both surfaces for a cart of `count` lines of the triggering product (one variant each). */
  function both(count: number) {
    const runtime = load(JSON.parse(json));
    if (!runtime) throw new Error("the config does not load");
    const checkout = runLadder(api, {
      lines: Array.from({ length: count }, (_, i) =>
        cartLine({
          id: `line-${i}`,
          variant: gid("ProductVariant", 100 + i),
          product: gid("Product", 1),
          title: "Phone",
          unitPrice: 100,
          quantity: 1,
        }),
      ),
      appMetafields: [shopEntry(json)],
      customer: undefined,
      countryCode: "US",
      checkoutToken: "cart-token-1",
      now: NOW,
      attributes: [],
    });
    const storefront = evaluateStorefront(runtime, {
      cart: {
        items: Array.from({ length: count }, (_, i) => ({
          key: `line-${i}`,
          variant_id: 100 + i,
          product_id: 1,
          title: "Phone",
          quantity: 1,
          original_price: 10_000,
        })),
      },
      customer: null,
      countryCode: "US",
      visitorKey: "cart-token-1",
      now: NOW,
    });
    return {
      checkout: checkout?.evaluation.offers.map((o) => o.offerId),
      storefront: storefront?.evaluation.offers.map((o) => o.offerId),
    };
  }

  it("offers the discounted add-on in a short cart on both", () => {
    expect(both(1)).toEqual({ checkout: ["case"], storefront: ["case"] });
  });

  it("promises it on neither once the function would stand aside", () => {
    expect(both(120)).toEqual({ checkout: [], storefront: [] });
  });
});
