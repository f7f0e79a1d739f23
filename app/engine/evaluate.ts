import type { CartView } from "./cart";
import { offerCopy, plainMoney, type CopyFacts, type MoneyFormatter } from "./copy";
import { bundleSets, tierFor, type AppliedDiscount } from "./discounts";
import { canDiscountLines } from "./can-discount";
import { discountsOf, earn, type EarnOptions } from "./earn";
import { assignGroup } from "./holdout";
import type { TriggerMatches } from "./match";
import { formatMoney } from "./money";
import { normalizeCheckout } from "./normalize";
import { percentOf } from "./percent";
import { asShownTo } from "./variants";
import { compareRank } from "./rank";
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
  /** The A/B copy shown, when the offer has copies. */
  variantId?: string;
  /**
   * A reached gift's "add your free gift": not a pitch, so it never counts against and is never
   * cut by `maxOffers` (rule 4).
   */
  claim: boolean;
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
  const run = decide(config, input, options);
  const suppressed = run.verdicts.flatMap((v, index) => {
    const offer = config.offerAt(index);
    if (v.shown === "no") return [{ offerId: offer.id, reason: v.reason }];
    return run.cut.has(index) ? [{ offerId: offer.id, reason: "max-offers" as const }] : [];
  });
  return {
    group: run.group,
    offers: run.offers,
    progress: run.progress,
    discounts: discountsOf(run.applied, config),
    suppressed,
  };
}

/**
 * What the buyer sees, exactly as `evaluate` reports it, without the discounts and suppression
 * reasons: the storefront shows offers and progress only (Shopify charges the discounts), and a
 * script every product page loads should not carry the code that reports the rest.
 */
export function evaluateShown(
  config: RuntimeConfig,
  input: CheckoutInput,
  options: EvaluateOptions = {},
): Pick<Evaluation, "group" | "offers" | "progress"> {
  const { group, offers, progress } = decide(config, input, options);
  return { group, offers, progress };
}

interface Decision extends Pick<Evaluation, "group" | "offers" | "progress"> {
  verdicts: Verdict[];
  /** Offers cut by `maxOffers`, by position. */
  cut: ReadonlySet<number>;
  applied: AppliedDiscount[];
}

function decide(config: RuntimeConfig, input: CheckoutInput, options: EvaluateOptions): Decision {
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
    if (early) {
      verdicts.push({ shown: "no", reason: early });
      continue;
    }
    // The buyer's copy of an A/B-tested offer decides its texts and (cross-sell) add-on.
    const seen = asShownTo(offer, checkout.visitorKey);
    const verdict = judge(seen.offer, index, context);
    if (seen.variant && verdict.shown === "yes" && verdict.candidate) {
      verdict.candidate.variantId = seen.variant.id;
    }
    verdicts.push(verdict);
  }

  const ranked = verdicts
    .flatMap((v) => (v.shown === "yes" && v.candidate ? [v.candidate] : []))
    .sort((a, b) => compareRank(a.offer, b.offer));
  // Rule 4: up to maxOffers pitches, plus every gift claim, in ranking order.
  const cut = new Set<number>();
  let pitches = 0;
  const candidates = ranked.filter((c) => {
    if (c.claim) return true;
    pitches += 1;
    if (pitches <= settings.maxOffers) return true;
    cut.add(c.offer.index);
    return false;
  });

  const firstName = customer?.firstName ?? null;
  const offers: ShownOffer[] = candidates.map((c) => {
    const setPrice =
      c.offer.kind === "bundle" && c.offer.bundlePrice !== null
        ? shownMoney(c.offer.bundlePrice)
        : null;
    const { headline, why } = offerCopy(c.offer, {
      ...c.facts,
      setPrice,
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
      ...(c.variantId === undefined ? {} : { variantId: c.variantId }),
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
  return { group, offers, progress, verdicts, cut, applied: earned.applied };
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
      const savings = itemSavings(offer, offer.to.price, quantity);
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
        claim: false,
      });
    }
    case "cross-sell": {
      const match = ctx.matches.byOffer.get(index);
      if (!match) return no(ctx.matches.selfOnly.has(index) ? "already-in-cart" : "not-relevant");
      if (cart.quantityOf(offer.item.variantId) > 0) return no("already-in-cart");
      if (!withinRatio(offer.item.price, match.best.unitPrice, ratio)) return no("price-ratio");
      const savings = itemSavings(offer, offer.item.price, 1);
      return offerCard({
        offer,
        action: { type: "add-line", variantId: offer.item.variantId, quantity: 1 },
        price: offer.item.price - savings,
        savings,
        facts: facts(offer.item.title, match.best, offer.percentShown, 1),
        claim: false,
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
        savings:
          offer.bundlePrice === null
            ? percentOf(setPrice, offer.percent)
            : Math.max(0, setPrice - offer.bundlePrice),
        facts: facts(missing.title, best, offer.percentShown, quantity),
        claim: false,
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
        claim: false,
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
              claim: true,
            }
          : null;
      return { shown: "yes", candidate, progress };
    }
  }
}

/** What an upgrade or add-on takes off `quantity` units at `price`: its percent or amount off. */
function itemSavings(
  offer: { percent: number; amountOff: Minor },
  price: Minor,
  quantity: number,
): Minor {
  if (offer.amountOff > 0) return Math.min(offer.amountOff, price) * quantity;
  return percentOf(price * quantity, offer.percent);
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
