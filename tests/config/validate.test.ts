import { describe, expect, it } from "vitest";
import { formatProblem, validateCheckout, validateConfig } from "../../app/config";

const lines = (input: unknown) => {
  const result = validateConfig(input);
  return result.ok ? [] : result.problems.map(formatProblem);
};

const valid = {
  version: 1,
  currency: "USD",
  settings: {
    maxOffers: 2,
    maxPriceRatio: 1.5,
    cooldownDays: 14,
    holdoutPercent: 10,
    suppressTags: ["open-complaint"],
    budgetTags: ["budget-sensitive"],
    segments: { frequentMinOrders: 3, premiumTags: ["vip"], premiumMinSpent: "1000.00" },
  },
  offers: [
    {
      id: "premium",
      kind: "upgrade",
      title: "Premium wash",
      status: "active",
      trigger: { productIds: ["p1"] },
      to: { variantId: "v2", productId: "p2", title: "Premium", price: "35.00" },
      discountPercent: 10,
      priority: 1,
      message: "Upgrade to {item.title} for {price}",
      why: "Includes wax.",
    },
    {
      id: "wax",
      kind: "cross-sell",
      title: "Wax",
      status: "draft",
      trigger: { tags: ["wash"] },
      item: { variantId: "v3", productId: "p3", title: "Waxing", price: "15.00" },
      segments: ["returning"],
      startsAt: "2026-11-27",
      endsAt: "2026-12-01T00:00:00Z",
    },
    {
      id: "choco",
      kind: "bundle",
      title: "Box",
      status: "active",
      items: [
        { variantId: "v4", productId: "p4", title: "Dark", price: "6.00", quantity: 2 },
        { variantId: "v5", productId: "p5", title: "Pralines", price: "12.00" },
      ],
      discountPercent: 12.5,
    },
    {
      id: "vol",
      kind: "volume",
      title: "More",
      status: "active",
      trigger: { collectionIds: ["c1"] },
      tiers: [
        { minQuantity: 3, discountPercent: 5 },
        { minQuantity: 6, discountPercent: 10 },
      ],
    },
    {
      id: "ship",
      kind: "free-shipping",
      title: "Ship",
      status: "active",
      threshold: "50.00",
      countries: ["US", "CA"],
    },
    {
      id: "gift",
      kind: "gift",
      title: "Gift",
      status: "active",
      threshold: "40.00",
      item: { variantId: "v6", productId: "p6", title: "Sauce", price: "9.00" },
    },
  ],
};

describe("config v1 validation", () => {
  it("accepts a complete config with every kind", () => {
    expect(lines(valid)).toEqual([]);
  });

  it("names the path and the rule of every problem at once", () => {
    expect(
      lines({
        version: 2,
        currency: "usd",
        colour: "red",
        settings: {
          holdoutPercent: 60,
          maxOffers: 0,
          maxPriceRatio: 0,
          cooldownDays: -1,
          theme: "dark",
        },
        offers: [
          {
            id: "a",
            kind: "volume",
            title: "V",
            status: "active",
            trigger: {},
            tiers: [
              { minQuantity: 3, discountPercent: 120 },
              { minQuantity: 2, discountPercent: 5 },
            ],
          },
          { id: "a", kind: "teleport", title: "X", status: "active" },
          {
            id: "b",
            kind: "bundle",
            title: "B",
            status: "live",
            items: [{ variantId: "v", productId: "p", title: "t", price: "1.001" }],
            discountPercent: 10,
            message: "Hi {name}",
          },
          {
            kind: "gift",
            title: "G",
            status: "active",
            threshold: 30,
            item: { variantId: "v", productId: "p", title: "t", price: "8.00" },
            startsAt: "2026-13-01",
          },
          {
            id: "c",
            kind: "upgrade",
            title: "",
            status: "active",
            trigger: { productIds: ["p"] },
            to: { variantId: "v", productId: "p", title: "t", price: "0" },
            discountPercent: 0,
            startsAt: "2026-12-01",
            endsAt: "2026-11-01",
          },
          {
            id: "d",
            kind: "bundle",
            title: "B",
            status: "active",
            items: [
              { variantId: "v", productId: "p", title: "t", price: "1.00" },
              { variantId: "v", productId: "p", title: "t", price: "1.00" },
            ],
            discountPercent: 10,
          },
          {
            id: "e",
            kind: "free-shipping",
            title: "F",
            status: "active",
            threshold: "10.00",
            countries: ["USA"],
            segments: [],
          },
        ],
      }),
    ).toMatchInlineSnapshot(`
      [
        "version: version 2 is newer than this Ladder understands (1)",
        "currency: must be a 3-letter ISO 4217 code in capitals, like "USD"",
        "settings.maxOffers: must be a whole number from 1 to 10",
        "settings.maxPriceRatio: must be greater than 0",
        "settings.cooldownDays: must be a whole number from 0 to 3650",
        "settings.holdoutPercent: must be a whole number from 0 to 50",
        "settings.theme: unknown field",
        "colour: unknown field",
        "offers[0].trigger: must list at least one of productIds, variantIds, collectionIds, tags",
        "offers[0].tiers[0].discountPercent: must be between 0 and 100",
        "offers[0].tiers[1].minQuantity: must be greater than the previous tier's (3)",
        "offers[0].tiers[1].discountPercent: must not be lower than the previous tier's (120)",
        "offers[1].kind: must be one of upgrade, cross-sell, bundle, volume, free-shipping, gift",
        "offers[1].id: duplicate id "a" (also offers[0].id)",
        "offers[2].status: must be "active" or "draft"",
        "offers[2].message: unknown placeholder {name}; use {customer.firstName}, {item.title}, {price}, {savings}, {remaining}, {threshold}",
        "offers[2].items[0].price: must be a positive amount with at most 2 decimals, like "24.00"",
        "offers[2].items: a bundle needs at least 2 items",
        "offers[3].id: is required",
        "offers[3].startsAt: must be an ISO 8601 date, like "2026-11-27" or "2026-11-27T09:00:00Z"",
        "offers[3].threshold: must be a positive amount with at most 2 decimals, like "24.00", as a string",
        "offers[4].title: must not be empty",
        "offers[4].to.price: must be greater than 0",
        "offers[4].discountPercent: must be between 0 and 100",
        "offers[4].endsAt: must be after startsAt",
        "offers[5].items[1].variantId: variant "v" is already items[0]; set its quantity instead",
        "offers[6].segments: must list at least one segment, or be left out",
        "offers[6].countries[0]: must be a 2-letter country code, like "US"",
      ]
    `);
  });

  it("rejects what is not a config at all", () => {
    expect(lines(null)).toMatchInlineSnapshot(`
      [
        "config: must be a JSON object",
      ]
    `);
    expect(lines([])).toMatchInlineSnapshot(`
      [
        "config: must be a JSON object",
      ]
    `);
    expect(lines({})).toMatchInlineSnapshot(`
      [
        "version: is required (1)",
        "currency: is required",
        "offers: is required",
      ]
    `);
  });

  it("follows the currency's minor digits", () => {
    const jpy = {
      version: 1,
      currency: "JPY",
      offers: [
        { id: "s", kind: "free-shipping", title: "S", status: "active", threshold: "5000.00" },
      ],
    };
    expect(lines(jpy)).toMatchInlineSnapshot(`
      [
        "offers[0].threshold: must be a positive whole amount (this currency has no minor unit), like "2400"",
      ]
    `);
    expect(lines({ ...jpy, offers: [{ ...jpy.offers[0], threshold: "5000" }] })).toEqual([]);
    const kwd = {
      version: 1,
      currency: "KWD",
      offers: [
        { id: "s", kind: "free-shipping", title: "S", status: "active", threshold: "10.125" },
      ],
    };
    expect(lines(kwd)).toEqual([]);
  });

  it("refuses text with a lone surrogate, which no database can store, naming the field", () => {
    const [first] = valid.offers;
    const broken = {
      ...valid,
      settings: { ...valid.settings, suppressTags: ["ok", "bad\udfff"] },
      offers: [
        { ...first, id: "premium\ud800", title: "Wash \ud83d\ude97 \ud800" },
        ...valid.offers.slice(1),
      ],
    };
    expect(lines(broken)).toEqual([
      "settings.suppressTags[1]: must be valid Unicode text: character 4 is half of a surrogate pair (\\udfff)",
      "offers[0].id: must be valid Unicode text: character 8 is half of a surrogate pair (\\ud800)",
      "offers[0].title: must be valid Unicode text: character 9 is half of a surrogate pair (\\ud800)",
    ]);
    // A complete pair (an emoji) is fine.
    expect(lines({ ...valid, offers: [{ ...first, title: "Wash \ud83d\ude97" }] })).toEqual([]);
  });

  it("limits a config to 200 offers", () => {
    const offer = (i: number) => ({
      id: `s${i}`,
      kind: "free-shipping",
      title: "S",
      status: "active",
      threshold: "10.00",
    });
    expect(
      lines({
        version: 1,
        currency: "USD",
        offers: Array.from({ length: 200 }, (_, i) => offer(i)),
      }),
    ).toEqual([]);
    expect(
      lines({
        version: 1,
        currency: "USD",
        offers: Array.from({ length: 201 }, (_, i) => offer(i)),
      }),
    ).toMatchInlineSnapshot(`
      [
        "offers: must have at most 200 offers (has 201)",
      ]
    `);
  });
});

describe("checkout validation", () => {
  const now = "2026-11-22T12:00:00Z";
  it("accepts the DESIGN example and defaults now", () => {
    const result = validateCheckout(
      {
        lines: [
          {
            id: "line-1",
            variantId: "v1",
            productId: "p1",
            title: "Standard wash",
            quantity: 1,
            unitPrice: "20.00",
            collectionIds: [],
            tags: [],
            attributes: {},
          },
        ],
        customer: {
          id: "c1",
          firstName: "Ana",
          tags: [],
          ordersCount: 0,
          amountSpent: "0.00",
          lastAcceptedAt: null,
        },
        countryCode: "US",
        visitorKey: "checkout-token",
        extra: "ignored",
      },
      2,
      now,
    );
    expect(result.ok && result.value.now).toBe(now);
  });

  it("names every problem", () => {
    const result = validateCheckout(
      {
        lines: [
          { id: "l1", variantId: "v1", productId: "p1", quantity: 0, unitPrice: "20.001" },
          { id: "l1", productId: "p1", quantity: 1.5, unitPrice: 20 },
        ],
        customer: { ordersCount: -1, lastAcceptedAt: "yesterday" },
        countryCode: "USA",
        now: "soon",
      },
      2,
      now,
    );
    expect(result.ok ? [] : result.problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "lines[0].quantity: must be a whole number ≥ 1",
        "lines[0].unitPrice: must be an amount ≥ 0 with at most 2 decimals",
        "lines[1].variantId: is required",
        "lines[1].quantity: must be a whole number ≥ 1",
        "lines[1].unitPrice: must be an amount, as a string",
        "lines[1].id: duplicate line id "l1" (also lines[0].id)",
        "customer.ordersCount: must be a whole number ≥ 0",
        "customer.lastAcceptedAt: must be an ISO 8601 date-time, like "2026-11-22T12:00:00Z"",
        "countryCode: must be a 2-letter country code, like "US"",
        "now: must be an ISO 8601 date-time, like "2026-11-22T12:00:00Z"",
      ]
    `);
  });
});
