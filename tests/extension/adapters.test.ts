import { describe, expect, it } from "vitest";
import { load } from "../../app/engine";
import {
  attributeChanges,
  mergeShown,
  SHOWN_LIMIT,
} from "../../extensions/checkout-offers/src/attribution";
import {
  toCheckoutInput,
  type CheckoutFacts,
} from "../../extensions/checkout-offers/src/checkout-input";
import { parseCustomerState, readConfig } from "../../extensions/checkout-offers/src/metafields";
import { cartLine, customerEntry, customerState, gid, published, shopEntry } from "./support";

const config = load(JSON.parse(published()));
if (!config) throw new Error("the example config does not load");

function facts(extra: Partial<CheckoutFacts> = {}): CheckoutFacts {
  return {
    lines: [],
    appMetafields: [],
    customer: undefined,
    countryCode: "US",
    checkoutToken: "token-1",
    now: new Date("2026-11-22T12:00:00Z"),
    ...extra,
  };
}

describe("cart → the engine's checkout input", () => {
  it("maps lines at their list price, with ids, title, quantity and attributes", () => {
    const line = cartLine({
      id: gid("CartLine", 1),
      variant: 5,
      product: 6,
      title: "Mug",
      unitPrice: 12.35,
      quantity: 3,
      discounted: 3.7,
      attributes: [{ key: "_ladder_offer", value: "mugs" }],
    });
    const input = toCheckoutInput(config, facts({ lines: [line] }));
    expect(input?.lines).toEqual([
      {
        id: gid("CartLine", 1),
        variantId: gid("ProductVariant", 5),
        productId: gid("Product", 6),
        title: "Mug",
        quantity: 3,
        unitPrice: "12.35",
        collectionIds: [],
        tags: [],
        attributes: { _ladder_offer: "mugs" },
      },
    ]);
  });

  it("rounds a unit price that does not divide evenly to the currency's minor unit", () => {
    // A 10.00 line-level discount on three units of 9.99: 19.97 paid + 10.00 = 29.97 → 9.99.
    const line = cartLine({
      variant: 5,
      product: 6,
      title: "Mug",
      unitPrice: 9.99,
      quantity: 3,
      discounted: 10,
    });
    expect(toCheckoutInput(config, facts({ lines: [line] }))?.lines[0]?.unitPrice).toBe("9.99");
  });

  it("uses the customer id as the visitor key, the checkout token for a guest", () => {
    expect(toCheckoutInput(config, facts())?.visitorKey).toBe("token-1");
    const customer = { id: gid("Customer", 4), firstName: "Ana" };
    const input = toCheckoutInput(config, facts({ customer }));
    expect(input?.visitorKey).toBe(gid("Customer", 4));
    expect(input?.customer).toEqual({
      id: gid("Customer", 4),
      firstName: "Ana",
      tags: [],
      ordersCount: 0,
      amountSpent: "0",
      lastAcceptedAt: null,
    });
  });

  it("takes the customer's tags, history and last acceptance from their state", () => {
    const id = gid("Customer", 4);
    const input = toCheckoutInput(
      config,
      facts({
        customer: { id },
        appMetafields: [
          customerEntry(
            id,
            customerState({
              tags: ["vip"],
              ordersCount: 5,
              amountSpent: "1200.00",
              lastAcceptedAt: "2026-11-02T10:00:00Z",
            }),
          ),
        ],
      }),
    );
    expect(input?.customer).toMatchObject({
      tags: ["vip"],
      ordersCount: 5,
      amountSpent: "1200.00",
      lastAcceptedAt: "2026-11-02T10:00:00Z",
    });
  });

  it("ignores a state that belongs to another customer than the buyer", () => {
    const input = toCheckoutInput(
      config,
      facts({
        customer: { id: gid("Customer", 4) },
        appMetafields: [customerEntry(gid("Customer", 5), customerState({ tags: ["vip"] }))],
      }),
    );
    expect(input?.customer?.tags).toEqual([]);
  });

  it("gives up on a cart priced in another currency", () => {
    const line = cartLine({ variant: 5, product: 6, title: "Mug", unitPrice: 12, currency: "EUR" });
    expect(toCheckoutInput(config, facts({ lines: [line] }))).toBeNull();
  });

  it("passes the country and the time along", () => {
    const input = toCheckoutInput(config, facts({ countryCode: "CA" }));
    expect(input?.countryCode).toBe("CA");
    expect(input?.now).toBe("2026-11-22T12:00:00.000Z");
  });
});

describe("reading the app metafields", () => {
  it("loads the published shop config, and nothing else", () => {
    expect(readConfig([shopEntry(published())])?.size).toBe(9);
    expect(readConfig([])).toBeNull();
    expect(readConfig([shopEntry("")])).toBeNull();
    expect(readConfig([shopEntry("[]")])).toBeNull();
    expect(readConfig([shopEntry('{"v":2,"cur":"USD","o":[]}')])).toBeNull();
  });

  it("accepts the customer state contract, v1", () => {
    expect(parseCustomerState(JSON.parse(customerState()))).toEqual({
      tags: [],
      ordersCount: 1,
      amountSpent: "120.00",
      lastAcceptedAt: null,
    });
  });

  it.each([
    ["another version", { v: 2 }],
    ["tags not a list", { tags: "vip" }],
    ["a tag not a string", { tags: ["vip", 3] }],
    ["more than 50 tags", { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }],
    ["a negative order count", { ordersCount: -1 }],
    ["a fractional order count", { ordersCount: 1.5 }],
    ["spend as a number", { amountSpent: 120 }],
    ["spend not a decimal", { amountSpent: "12O.00" }],
    ["an unreadable date", { lastAcceptedAt: "yesterday" }],
    ["an impossible date", { lastAcceptedAt: "2026-02-30T00:00:00Z" }],
  ])("rejects a state with %s", (_, change) => {
    expect(parseCustomerState(JSON.parse(customerState(change)))).toBeNull();
  });

  it("rejects what is not a state at all", () => {
    for (const value of [null, 1, "state", [], {}]) expect(parseCustomerState(value)).toBeNull();
  });
});

describe("attribution attributes", () => {
  it("accumulates the offers shown, without duplicates", () => {
    expect(mergeShown(undefined, ["a", "b"])).toBe("a,b");
    expect(mergeShown("b,c", ["a", "b"])).toBe("b,c,a");
    expect(mergeShown("a,b", [])).toBe("a,b");
  });

  it("keeps within 255 characters, leaving out ids that do not fit or contain the separator", () => {
    const long = "x".repeat(200);
    const value = mergeShown(undefined, [`${long}-1`, `${long}-2`, "short", "with,comma"]);
    expect(value).toBe(`${long}-1,short`);
    expect(value.length).toBeLessThanOrEqual(SHOWN_LIMIT);
  });

  it("writes only what differs from the recorded attributes", () => {
    expect(attributeChanges([], "treatment", ["a"])).toEqual([
      { type: "updateAttribute", key: "_ladder_group", value: "treatment" },
      { type: "updateAttribute", key: "_ladder_shown", value: "a" },
    ]);
    expect(
      attributeChanges(
        [
          { key: "_ladder_group", value: "treatment" },
          { key: "_ladder_shown", value: "a" },
        ],
        "treatment",
        ["a"],
      ),
    ).toEqual([]);
    expect(attributeChanges([{ key: "_ladder_group", value: "treatment" }], "holdout", [])).toEqual(
      [{ type: "updateAttribute", key: "_ladder_group", value: "holdout" }],
    );
  });
});
