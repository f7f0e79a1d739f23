/**
 * The thin adapter between the function's input and the engine's lean pricing (`leanPrice`, the
 * engine's rules for a runtime that pays per instruction, proven equal to `evaluate` by property
 * tests): input → the lean cart → per-line amounts and free delivery.
 *
 * Instructions are the function's scarcest resource (Shopify stops it at 11 M and then applies
 * nothing), so the config arrives as one text read in place (`readLean`), a line no offer names
 * costs a hash and a short scan, and only offers the cart reaches are decoded. The engine stands
 * aside when the cart asks it to price more lines than the function can afford, as the checkout
 * extension does. Imports name the engine's files, so the bundle carries only this path.
 */
import { pricedLineCapacity } from "../../../app/engine/capacity";
import { parseCustomerState } from "../../../app/engine/customer-state";
import { parseInstant } from "../../../app/engine/instant";
import { leanPrice, type LeanCart, type LeanPricing } from "../../../app/engine/lean-price";
import { readLean, type LeanConfig } from "../../../app/engine/lean-read";
import { parseMoneyRounded } from "../../../app/engine/money";
import { offerOfAttribute } from "../../../app/engine/normalize";
import { inferNow, joinConfig } from "./contract";
import type { FunctionInput } from "./types";

/** The priced flag of a variant's record ("1"). */
const PRICED = 49;

/** The discount's config in the cart's currency, or null when it has no usable one. */
export function loadConfig(input: FunctionInput): LeanConfig | null {
  const parts = input.discount;
  const text = joinConfig([
    parts.config?.jsonValue,
    parts.config2?.jsonValue,
    parts.config3?.jsonValue,
    parts.config4?.jsonValue,
  ]);
  if (text === null) return null;
  const cost = input.cart.cost.subtotalAmount;
  return readLean(text, cost.currencyCode, input.presentmentCurrencyRate);
}

export interface PricedCart extends LeanPricing {
  /** The line ids of `lineAmounts` (lines target), in cart order. */
  lineIds: string[];
}

function amount(value: string, digits: number): number {
  const minor = parseMoneyRounded(value, digits);
  if (minor === null) throw new Error("unreadable amount");
  return minor;
}

/**
 * What the cart earns: the lines an offer names (one lookup each; the others only count towards
 * the subtotal and the line count), the customer's facts from the `ladder_state` document the
 * checkout extension reads too, and the clock.
 */
export function priceCart(input: FunctionInput, config: LeanConfig, delivery: boolean): PricedCart {
  const digits = config.digits;
  const cartLines = input.cart.lines;
  const lineIds: string[] = [];
  const cart: LeanCart = {
    keys: [],
    found: [],
    quantities: [],
    unitPrices: [],
    ladderOffers: [],
    subtotal: amount(input.cart.cost.subtotalAmount.amount, digits),
    lineCount: cartLines.length,
    customer: null,
    now: 0,
  };
  // Each line an offer could discount counts against the capacity (the record's flag says so
  // without decoding an offer); one over it and the function stands aside, pricing no line, as
  // the checkout extension does. A line of a variant no offer names, or one reaching only
  // offers that discount nothing, only counts towards the subtotal (Shopify's covers every
  // line) and the line count. A cart too long to price any line looks nothing up.
  const capacity = pricedLineCapacity(cartLines.length);
  const lookups = capacity > 0 ? cartLines.length : 0;
  for (let i = 0; i < lookups; i += 1) {
    const line = cartLines[i];
    if (line === undefined) continue;
    const merchandise = line.merchandise;
    // A custom product has no variant id.
    if (!("id" in merchandise)) continue;
    const found = config.find(merchandise.id, cart.keys);
    if (found < 0) continue;
    if (config.text.charCodeAt(found) !== PRICED) {
      cart.keys.pop();
      continue;
    }
    if (cart.found.length === capacity) {
      cart.keys = [];
      cart.found = [];
      cart.quantities = [];
      cart.unitPrices = [];
      cart.ladderOffers = [];
      lineIds.length = 0;
      break;
    }
    cart.found.push(found);
    cart.quantities.push(line.quantity);
    cart.unitPrices.push(amount(line.cost.amountPerQuantity.amount, digits));
    // Most lines carry no attribute: a call saved per line.
    const attribute = line.ladderOffer?.value;
    cart.ladderOffers.push(attribute ? offerOfAttribute(attribute) : null);
    // The delivery target does not ask for line ids; only the lines target outputs them.
    lineIds.push("id" in line ? line.id : "");
  }

  const customer = input.cart.buyerIdentity?.customer ?? null;
  if (customer) {
    // As in the checkout extension: a customer without a readable state has no history yet.
    const state = parseCustomerState(customer.ladderState?.jsonValue);
    const spent = parseMoneyRounded(state?.amountSpent ?? "0", config.shopDigits) ?? 0;
    const tags: string[] = [];
    for (const tag of state?.tags ?? []) tags.push(tag.toLowerCase());
    cart.customer = {
      ordersCount: state?.ordersCount ?? 0,
      amountSpent: config.convert(spent),
      tags,
    };
  }
  const clock = input.shop.localTime;
  cart.now = inferNow(config.boundaries, [clock.t0, clock.t1, clock.t2], parseInstant(clock.date));
  return { ...leanPrice(config, cart, delivery), lineIds };
}
