import type { CartView } from "./cart";
import { offerCopy, plainMoney, type CopyFacts, type MoneyFormatter } from "./copy";
import { bundleSets, tierFor } from "./discounts";
import { canDiscountLines } from "./can-discount";
import { discountsOf, earn, type EarnOptions } from "./earn";
import { assignGroup } from "./holdout";
import type { TriggerMatches } from "./match";
import { formatMoney } from "./money";
import { normalizeCheckout } from "./normalize";
import { percentOf } from "./percent";
import type {
  CheckoutInput,
  Evaluation,
  Group,
  Minor,
  OfferAction,
  OfferKind,
  Progress,
  RuntimeCheckout,
  RuntimeConfig,
  RuntimeLine,
  RuntimeOffer,
  ShownOffer,
  SuppressionReason,
} from "./types";

export interface EvaluateOptions extends EarnOptions {
  /** How amounts read inside headlines; defaults to a locale-free "$12.00". */
  formatMoney?: MoneyFormatter;
  /**
   * The group an earlier surface already assigned (cart attribute `_ladder_group`, DESIGN §3.5):
   * a buyer keeps one group from product page to checkout. Omitted: assigned from `visitorKey`.
   */
  group?: Group;
}

const DAY_MS = 86_400_000;

/** Upsells rank before cross-sells (rule 2); free shipping is never an offer card. */
const UPSELL: ReadonlySet<OfferKind> = /* @__PURE__ */ new Set(["upgrade", "volume"]);
/** Kinds that budget and cooldown hide (rules 6 and 7): every upsell and cross-sell. */
const PUSHY: ReadonlySet<OfferKind> = /* @__PURE__ */ new Set([
  "upgrade",
  "volume",
  "cross-sell",
  "bundle",
  "gift",
]);

/** An offer that would be shown, before max-offers cuts the list. */
interface Candidate {
  offer: RuntimeOffer;
  action: OfferAction;
  price: Minor;
  savings: Minor;
  facts: Omit<CopyFacts, "values">;
  /** Gift cards are also shown as progress, so a cut card is still accounted for. */
  alsoProgress: boolean;
}

type Verdict =
  | { shown: "no"; reason: SuppressionReason }
  | { shown: "yes"; candidate: Candidate | null; progress: Progress | null };

/**
 * The engine's one entry point (DESIGN §3.3): which offers the buyer sees, in which order, the
 * progress towards thresholds, the discounts the cart earns, and why every other offer is hidden.
 */
export function evaluate(
  config: RuntimeConfig,
  input: CheckoutInput,
  options: EvaluateOptions = {},
): Evaluation {
  if (config.form === "function") {
    throw new Error("evaluate needs the checkout form: the function form has no texts or prices");
  }
  const checkout = normalizeCheckout(input, config.digits);
  const { settings, digits, currency } = config;
  const money = (minor: Minor) => formatMoney(minor, digits);
  const shownMoney = (minor: Minor) => (options.formatMoney ?? plainMoney)(minor, currency, digits);

  const group = options.group ?? assignGroup(checkout.visitorKey, settings.holdoutPercent);
  const customer = checkout.customer;
  const customerTags = new Set(customer?.tags ?? []);
  const muted = settings.suppressTags.some((tag) => customerTags.has(tag));
  const budget = settings.budgetTags.some((tag) => customerTags.has(tag));
  const lastAccepted = customer?.lastAcceptedAt ?? null;
  const cooling =
    settings.cooldownDays > 0 &&
    lastAccepted !== null &&
    checkout.now - lastAccepted < settings.cooldownDays * DAY_MS;

  const earned = earn(config, checkout, "all", options);
  const { cart, matches, forceReasons } = earned;

  const context: VerdictContext = {
    config,
    checkout,
    cart,
    matches,
    giftBasis: earned.giftBasis,
    subtotal: earned.subtotal,
    money,
  };
  const verdicts: Verdict[] = [];
  for (let index = 0; index < config.size; index += 1) {
    const offer = config.offerAt(index);
    const early =
      forceReasons[index] ??
      (group === "holdout" ? "holdout" : null) ??
      (muted ? "suppressed-customer" : null) ??
      (budget && PUSHY.has(offer.kind) ? "budget" : null) ??
      (cooling && PUSHY.has(offer.kind) ? "cooldown" : null) ??
      (earned.standAside && canDiscountLines(offer) ? "too-many-lines" : null);
    verdicts.push(early ? { shown: "no", reason: early } : judge(offer, index, context));
  }

  const candidates = verdicts
    .flatMap((v) => (v.shown === "yes" && v.candidate ? [v.candidate] : []))
    .sort(
      (a, b) =>
        Number(UPSELL.has(b.offer.kind)) - Number(UPSELL.has(a.offer.kind)) ||
        b.offer.priority - a.offer.priority ||
        a.offer.index - b.offer.index,
    );
  const cut = new Set<number>();
  candidates.slice(settings.maxOffers).forEach((c) => {
    if (!c.alsoProgress) cut.add(c.offer.index);
  });

  const firstName = customer?.firstName ?? null;
  const offers: ShownOffer[] = candidates.slice(0, settings.maxOffers).map((c) => {
    const { headline, why } = offerCopy(c.offer, {
      ...c.facts,
      values: {
        "customer.firstName": firstName,
        "item.title": c.facts.itemTitle,
        price: shownMoney(c.price),
        savings: c.savings > 0 ? shownMoney(c.savings) : null,
        threshold: c.offer.kind === "gift" ? shownMoney(c.offer.threshold) : null,
        remaining: null,
      },
    });
    const shown: ShownOffer = {
      offerId: c.offer.id,
      kind: c.offer.kind,
      headline,
      why,
      action: c.action,
      price: money(c.price),
    };
    if (c.savings > 0) shown.savings = money(c.savings);
    return shown;
  });

  const progress: Progress[] = verdicts.flatMap((v) =>
    v.shown === "yes" && v.progress ? [v.progress] : [],
  );
  const suppressed = verdicts.flatMap((v, index) => {
    const offer = config.offerAt(index);
    if (v.shown === "no") return [{ offerId: offer.id, reason: v.reason }];
    return cut.has(index) ? [{ offerId: offer.id, reason: "max-offers" as const }] : [];
  });

  return {
    group,
    offers,
    progress,
    discounts: discountsOf(earned.applied, config),
    suppressed,
  };
}

interface VerdictContext {
  config: RuntimeConfig;
  checkout: RuntimeCheckout;
  cart: CartView;
  matches: TriggerMatches;
  giftBasis: ReadonlyMap<number, Minor>;
  /** Cart subtotal after Ladder's line discounts: what free shipping compares. */
  subtotal: Minor;
  money: (minor: Minor) => string;
}

/** Rule 3, in exact terms: price ≤ ratio × unit price (equal allowed), tolerant of float noise. */
function withinRatio(price: Minor, unitPrice: Minor, ratio: number): boolean {
  return price <= ratio * unitPrice * (1 + 1e-12);
}

const no = (reason: SuppressionReason): Verdict => ({ shown: "no", reason });

/** The per-offer rules after the customer-wide ones: relevance, in-cart, price ratio. */
function judge(offer: RuntimeOffer, index: number, ctx: VerdictContext): Verdict {
  const { cart, config } = ctx;
  const ratio = config.settings.maxPriceRatio;
  const offerCard = (candidate: Candidate): Verdict => ({
    shown: "yes",
    candidate,
    progress: null,
  });
  switch (offer.kind) {
    case "upgrade": {
      const match = ctx.matches.byOffer.get(index);
      if (!match) return no(ctx.matches.selfOnly.has(index) ? "already-in-cart" : "not-relevant");
      if (cart.quantityOf(offer.to.variantId) > 0) return no("already-in-cart");
      if (!withinRatio(offer.to.price, match.best.unitPrice, ratio)) return no("price-ratio");
      const quantity = match.best.quantity;
      const list = offer.to.price * quantity;
      const savings = percentOf(list, offer.percent);
      return offerCard({
        offer,
        action: {
          type: "replace-line",
          variantId: offer.to.variantId,
          quantity,
          lineId: match.best.id,
        },
        price: list - savings,
        savings,
        facts: facts(offer.to.title, match.best, offer.percentShown, quantity),
        alsoProgress: false,
      });
    }
    case "cross-sell": {
      const match = ctx.matches.byOffer.get(index);
      if (!match) return no(ctx.matches.selfOnly.has(index) ? "already-in-cart" : "not-relevant");
      if (cart.quantityOf(offer.item.variantId) > 0) return no("already-in-cart");
      if (!withinRatio(offer.item.price, match.best.unitPrice, ratio)) return no("price-ratio");
      const savings = percentOf(offer.item.price, offer.percent);
      return offerCard({
        offer,
        action: { type: "add-line", variantId: offer.item.variantId, quantity: 1 },
        price: offer.item.price - savings,
        savings,
        facts: facts(offer.item.title, match.best, offer.percentShown, 1),
        alsoProgress: false,
      });
    }
    case "bundle": {
      let best: RuntimeLine | null = null;
      for (const item of offer.items) {
        for (const line of cart.linesByVariant.get(item.variantId) ?? []) {
          if (!best || line.unitPrice > best.unitPrice) best = line;
        }
      }
      if (!best) return no("not-relevant");
      if (bundleSets(offer, cart) > 0) return no("already-in-cart");
      const missing = offer.items.find((item) => cart.quantityOf(item.variantId) < item.quantity);
      if (!missing) return no("already-in-cart");
      if (!withinRatio(missing.price, best.unitPrice, ratio)) return no("price-ratio");
      const quantity = missing.quantity - cart.quantityOf(missing.variantId);
      const setPrice = offer.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
      return offerCard({
        offer,
        action: { type: "add-line", variantId: missing.variantId, quantity },
        price: missing.price * quantity,
        savings: percentOf(setPrice, offer.percent),
        facts: facts(missing.title, best, offer.percentShown, quantity),
        alsoProgress: false,
      });
    }
    case "volume": {
      const match = ctx.matches.byOffer.get(index);
      if (!match) return no("not-relevant");
      const quantity = match.lines.reduce((sum, line) => sum + line.quantity, 0);
      const next = offer.tiers.find((tier) => tier.minQuantity > quantity);
      if (!next) return no("already-in-cart");
      const first = match.lines[0] ?? match.best;
      const adding = next.minQuantity - quantity;
      const base = match.lines.reduce((sum, line) => sum + line.total, 0);
      const current = tierFor(offer, quantity);
      const before = current ? percentOf(base, current.percent) : 0;
      const after = percentOf(base + first.unitPrice * adding, next.percent);
      return offerCard({
        offer,
        action: { type: "add-line", variantId: first.variantId, quantity: adding },
        price: first.unitPrice * adding,
        savings: Math.max(0, after - before),
        facts: facts(first.title, first, next.percentShown, adding),
        alsoProgress: false,
      });
    }
    case "free-shipping": {
      if (ctx.checkout.lines.length === 0) return no("not-relevant");
      return {
        shown: "yes",
        candidate: null,
        progress: progressOf(offer, ctx.subtotal, ctx.money),
      };
    }
    case "gift": {
      const basis = ctx.giftBasis.get(index) ?? 0;
      // Like free shipping, a gift has no trigger: any cart can work towards it (a cart of only
      // the gift item has everything still to go, as the item never counts towards its own gift).
      if (ctx.checkout.lines.length === 0) return no("not-relevant");
      const progress = progressOf(offer, basis, ctx.money);
      const candidate: Candidate | null =
        progress.reached && cart.quantityOf(offer.item.variantId) === 0
          ? {
              offer,
              action: { type: "add-line", variantId: offer.item.variantId, quantity: 1 },
              price: 0,
              savings: offer.item.price,
              facts: facts(offer.item.title, null, 100, 1),
              alsoProgress: true,
            }
          : null;
      return { shown: "yes", candidate, progress };
    }
  }
}

function facts(
  itemTitle: string,
  line: RuntimeLine | null,
  percentShown: number,
  quantity: number,
): Omit<CopyFacts, "values"> {
  return { itemTitle, lineTitle: line?.title ?? "", percentShown, quantity };
}

function progressOf(
  offer: Extract<RuntimeOffer, { kind: "free-shipping" | "gift" }>,
  basis: Minor,
  money: (minor: Minor) => string,
): Progress {
  const remaining = Math.max(0, offer.threshold - basis);
  return {
    offerId: offer.id,
    kind: offer.kind,
    threshold: money(offer.threshold),
    remaining: money(remaining),
    reached: remaining === 0,
  };
}
