import type { I18n } from "@shopify/ui-extensions/checkout";
import {
  evaluate,
  offerById,
  type CheckoutInput,
  type Evaluation,
  type MoneyFormatter,
  type RuntimeConfig,
  type RuntimeOffer,
} from "../../../app/engine";
import { optional, type LadderApi } from "./api";
import {
  assignedGroup,
  OFFER_ATTRIBUTE,
  toCheckoutInput,
  type CheckoutFacts,
} from "./checkout-input";
import { readConfig } from "./metafields";

/** One evaluation of the published config against this checkout, with what produced it. */
export interface LadderView {
  config: RuntimeConfig;
  input: CheckoutInput;
  evaluation: Evaluation;
  offer(offerId: string): RuntimeOffer | undefined;
}

/** Reads the host's signals; inside a component this also subscribes it to their changes. */
export function readFacts(api: LadderApi): CheckoutFacts {
  const buyer = optional(api, "buyerIdentity")?.customer.value;
  const shipping = optional(api, "shippingAddress")?.value;
  return {
    lines: api.lines.value,
    appMetafields: api.appMetafields.value,
    customer: buyer
      ? { id: buyer.id, firstName: "firstName" in buyer ? buyer.firstName : undefined }
      : undefined,
    countryCode: shipping?.countryCode ?? api.localization.country.value?.isoCode,
    checkoutToken: api.checkoutToken.value,
    now: new Date(),
    attributes: api.attributes.value,
  };
}

/** An amount in minor units, in the buyer's locale (the engine's own format is locale-free). */
export function formatMinor(i18n: I18n, minor: number, currency: string, digits: number): string {
  return i18n.formatCurrency(minor / 10 ** digits, {
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Amounts in the headlines the engine renders from the merchant's templates. */
export function moneyFormatter(api: LadderApi): MoneyFormatter {
  return (minor, currency, digits) => formatMinor(api.i18n, minor, currency, digits);
}

export interface LadderOptions {
  /**
   * On the thank-you page: an offer accepted in the order just placed starts the cooldown now
   * (rule 7), though the customer's state will only record it once the order is processed.
   */
  afterOrder?: boolean;
}

/**
 * Evaluates the published config for this checkout, or returns null when there is nothing to
 * show: no config, an unreadable or newer one, a cart in another currency, or any failure at
 * all. Checkout must never break because of Ladder.
 */
export function runLadder(
  api: LadderApi,
  facts: CheckoutFacts,
  options: LadderOptions = {},
): LadderView | null {
  try {
    const config = readConfig(facts.appMetafields);
    if (!config) return null;
    const input = toCheckoutInput(config, facts);
    if (!input) return null;
    if (options.afterOrder && input.lines.some((line) => line.attributes?.[OFFER_ATTRIBUTE])) {
      input.customer = {
        ...(input.customer ?? { tags: [], ordersCount: 0, amountSpent: "0" }),
        lastAcceptedAt: input.now,
      };
    }
    // The discount function can price only so many lines; promise only what it will charge.
    const evaluation = evaluate(config, input, {
      formatMoney: moneyFormatter(api),
      checkoutLimits: true,
      group: assignedGroup(facts.attributes),
    });
    return { config, input, evaluation, offer: (offerId) => offerById(config, offerId) };
  } catch {
    return null;
  }
}
