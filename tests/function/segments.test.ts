import { describe, expect, it } from "vitest";
import { compile, evaluate, load, type CheckoutInput } from "../../app/engine";
import { toCheckoutInput } from "../../extensions/checkout-offers/src/checkout-input";
import { cartLinesDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import { checkout, config, line, offers } from "../engine/builders";
import { cartLine, customerEntry, gid } from "../extension/support";
import { catalogResolver, functionInput } from "./build-input";

/** Two quantity breaks on the same mug: 10 % for new customers, 20 % for frequent ones. */
const shop = config([
  offers.volume("new-10", "mug", [[2, 10]], { segments: ["new"] }),
  offers.volume("frequent-20", "mug", [[2, 20]], { segments: ["frequent"] }),
]);
const CUSTOMER = gid("Customer", 42);
const mugs = line("mug", "10.00", 2, { id: gid("CartLine", 1), variantId: "v-mug" });
const resolve = catalogResolver([mugs]);

/** What the checkout extension promises, reading the state document as checkout hands it over. */
function promised(state: string | null): string[] {
  const runtime = load(JSON.parse(JSON.stringify(compile(shop, { activeOnly: true, resolve }))));
  if (!runtime) throw new Error("config did not load");
  const input = toCheckoutInput(runtime, {
    lines: [
      cartLine({
        id: mugs.id,
        variant: "v-mug",
        product: "p-mug",
        title: "Mug",
        unitPrice: 10,
        quantity: 2,
      }),
    ],
    appMetafields: state === null ? [] : [customerEntry(CUSTOMER, state)],
    customer: { id: CUSTOMER },
    countryCode: "US",
    checkoutToken: "token",
    now: new Date("2026-11-22T12:00:00Z"),
  });
  if (!input) throw new Error("no checkout input");
  return evaluate(runtime, input, { checkoutLimits: true }).discounts.map((d) => d.offerId);
}

/** What the discount function applies when the same document is on the customer. */
function applied(state: string | null): string {
  const base: CheckoutInput = checkout([mugs], {
    customer: { id: CUSTOMER, tags: [], ordersCount: 0, amountSpent: "0", lastAcceptedAt: null },
  });
  const input = functionInput(shop, base, { resolve });
  const customer = input.cart.buyerIdentity?.customer;
  if (!customer) throw new Error("no customer in the input");
  customer.ladderState = state === null ? null : { jsonValue: JSON.parse(state) as unknown };
  const [operation] = cartLinesDiscountsGenerateRun(input).operations;
  const candidate =
    operation && "productDiscountsAdd" in operation
      ? operation.productDiscountsAdd.candidates[0]
      : undefined;
  return candidate && "fixedAmount" in candidate.value
    ? String(candidate.value.fixedAmount.amount)
    : "none";
}

describe("segments: the extension and the function read the same customer document", () => {
  it.each([
    ["no document yet (a customer Ladder has not recorded)", null, ["new-10"], "2.00"],
    [
      "a frequent customer's document",
      JSON.stringify({
        v: 1,
        tags: [],
        ordersCount: 5,
        amountSpent: "400.00",
        lastAcceptedAt: null,
      }),
      ["frequent-20"],
      "4.00",
    ],
    [
      "a document of another version (treated as no history)",
      JSON.stringify({ v: 2 }),
      ["new-10"],
      "2.00",
    ],
  ])("%s", (_, state, offersPromised, amountApplied) => {
    expect(promised(state)).toEqual(offersPromised);
    expect(applied(state)).toBe(amountApplied);
  });
});
