/**
 * The preview simulator: a cart, a customer and a country, evaluated by the engine on the same
 * compiled config publishing writes (with drafts kept, so they are reported as drafts).
 */
import * as z from "zod";
import { validateConfig, type Problem } from "../config";
import {
  assignGroup,
  compile,
  DEFAULT_SETTINGS,
  evaluate,
  formatMoney,
  load,
  minorDigits,
  parseMoney,
  type CheckoutCustomer,
  type CheckoutInput,
  type CheckoutLine,
  type Evaluation,
  type Group,
  type Offer,
  type OfferKind,
  type OfferStatus,
} from "../engine";
import type { AdminApi } from "../shopify/admin.server";
import { lookupCatalog } from "../shopify/catalog.server";
import { readOfferedVariants } from "../shopify/availability.server";
import {
  itemList,
  offeredVariantIds,
  offersLeftOut,
  shownItems,
  shownVariantIds,
} from "../offers/stock";
import { shopConfig } from "./offers.server";
import { recordPreviewOpened, shopCurrency } from "./shop-settings.server";

export const PROFILES = [
  "guest",
  "new",
  "returning",
  "frequent",
  "premium",
  "complaint",
  "budget",
  "accepted",
] as const;
export type Profile = (typeof PROFILES)[number];

const DAY_MS = 86_400_000;
const MAX_LINES = 200;

export const previewRequestSchema = z.object({
  lines: z
    .array(
      z.object({
        variantId: z.string().startsWith("gid://shopify/ProductVariant/"),
        quantity: z.number().int().min(1).max(999),
      }),
    )
    .max(MAX_LINES),
  profile: z.enum(PROFILES),
  firstName: z.string().trim().max(100).optional(),
  acceptedDaysAgo: z.number().int().min(0).max(3650).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: 'must be a 2-letter country code, like "US"' })
    .nullable()
    .optional(),
  group: z.enum(["treatment", "holdout"]),
  /** ISO 8601; the moment to evaluate at (schedules). Defaults to now. */
  at: z.string().optional(),
  includeDrafts: z.boolean(),
});
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

export interface PreviewLine {
  id: string;
  variantId: string;
  title: string;
  quantity: number;
  unitPrice: string;
  total: string;
  discount: string;
}

export interface PreviewOfferInfo {
  title: string;
  kind: OfferKind;
  status: OfferStatus;
  /** An offered item is sold out: the offer is left out, as publishing leaves it out of checkout. */
  soldOut: boolean;
  /** What buyers read for a gift: the gift's product title (checkout's copy), not the offer's. */
  giftTitle?: string;
}

export interface PreviewResult {
  ok: true;
  currency: string;
  evaluation: Evaluation;
  /** Every offer of the evaluated config by id, to name them. */
  offers: Record<string, PreviewOfferInfo>;
  lines: PreviewLine[];
  subtotal: string;
  discountTotal: string;
  total: string;
  freeShipping: boolean;
  /** Notes about the simulation itself (e.g. a holdout that can't happen at 0%). */
  notes: string[];
  /** Incomplete drafts, which can't be evaluated. */
  incomplete: { key: string; title: string }[];
  publishedOfferCount: number;
  /** The image of each shown offer's item, by variant id, as checkout's cards show it. */
  images: Record<string, PreviewImage>;
}

export interface PreviewImage {
  url: string;
  /** The item's title, as the buyer reads it. */
  alt: string;
}

export type PreviewOutcome = PreviewResult | { ok: false; problems: Problem[] };

function customerFor(
  request: PreviewRequest,
  settings: {
    frequentMinOrders: number;
    premiumTags: string[];
    premiumMinSpent: string;
    suppressTags: string[];
    budgetTags: string[];
  },
  now: number,
  notes: string[],
): CheckoutCustomer | null {
  const firstName = request.firstName?.trim() || null;
  const base = {
    id: "preview-customer",
    firstName,
    tags: [] as string[],
    ordersCount: 0,
    amountSpent: "0",
    lastAcceptedAt: null,
  };
  switch (request.profile) {
    case "guest":
      return null;
    case "new":
      return base;
    case "returning":
      return { ...base, ordersCount: 1 };
    case "frequent":
      return { ...base, ordersCount: settings.frequentMinOrders };
    case "premium": {
      const tag = settings.premiumTags[0];
      if (tag) return { ...base, ordersCount: 1, tags: [tag] };
      return { ...base, ordersCount: 1, amountSpent: settings.premiumMinSpent };
    }
    case "complaint": {
      const tag = settings.suppressTags[0];
      if (!tag)
        notes.push("No complaint tags are set (Settings), so this customer is like any other.");
      return { ...base, ordersCount: 1, tags: tag ? [tag] : [] };
    }
    case "budget": {
      const tag = settings.budgetTags[0];
      if (!tag)
        notes.push("No budget tags are set (Settings), so this customer is like any other.");
      return { ...base, ordersCount: 1, tags: tag ? [tag] : [] };
    }
    case "accepted": {
      const days = request.acceptedDaysAgo ?? 0;
      return {
        ...base,
        ordersCount: 1,
        lastAcceptedAt: new Date(now - days * DAY_MS).toISOString(),
      };
    }
  }
}

/** A visitor key the engine puts in the wanted group, so the preview shows that group. */
function visitorKeyFor(group: Group, holdoutPercent: number): string | null {
  for (let i = 0; i < 10_000; i++) {
    const key = `preview-${i}`;
    if (assignGroup(key, holdoutPercent) === group) return key;
  }
  return null;
}

const moneyFormat = (minor: number, currency: string, digits: number) =>
  new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);

export async function runPreview(
  shop: string,
  admin: AdminApi,
  input: unknown,
  now = Date.now(),
): Promise<PreviewOutcome> {
  const parsed = previewRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "preview",
        message: issue.message,
      })),
    };
  }
  const request = parsed.data;
  const at = request.at ? Date.parse(request.at) : now;
  if (Number.isNaN(at)) {
    return { ok: false, problems: [{ path: "at", message: "must be a date and time" }] };
  }

  const currency = await shopCurrency(shop, admin);
  const digits = minorDigits(currency);
  const { config, incomplete } = await shopConfig(shop);
  const checked = validateConfig(config);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  // As publishing does: offers of sold-out items are not shown to buyers, so not here either.
  // The cart's variants are read too, for the images of offers on a line (tiers, upgrades).
  const offered = checked.value.offers.flatMap(offeredVariantIds);
  const read = await readOfferedVariants(admin, [
    ...checked.value.offers.flatMap(shownVariantIds),
    ...request.lines.map((l) => l.variantId),
  ]);
  const offeredSet = new Set(offered);
  const soldOut = read.soldOut.filter((v) => offeredSet.has(v.variantId));
  const leftOut = offersLeftOut(checked.value.offers, soldOut);
  const leftOutIds = new Set(leftOut.map((o) => o.offerId));
  const runtime = load(
    compile(
      { ...checked.value, offers: checked.value.offers.filter((o) => !leftOutIds.has(o.id)) },
      { activeOnly: !request.includeDrafts },
    ),
  );
  if (!runtime) {
    return {
      ok: false,
      problems: [{ path: "config", message: "could not be loaded by the engine" }],
    };
  }

  const lookup = await lookupCatalog(
    admin,
    request.lines.map((l) => l.variantId),
    digits,
  );
  const notes: string[] = leftOut.map(
    (o) =>
      `“${o.offerTitle}” is not shown: ${itemList(o.items)} ${o.items.length === 1 ? "is" : "are"} sold out in Shopify.`,
  );
  const lines: CheckoutLine[] = [];
  request.lines.forEach((line, index) => {
    const facts = lookup.variants.get(line.variantId);
    if (!facts) {
      notes.push(`A product in the cart is no longer in your catalog and was left out.`);
      return;
    }
    lines.push({
      id: `line-${index + 1}`,
      variantId: facts.variantId,
      productId: facts.productId,
      title: facts.title,
      quantity: line.quantity,
      unitPrice: facts.price,
      collectionIds: facts.collectionIds,
      tags: facts.productTags,
    });
  });

  const settings = checked.value.settings ?? {};
  const segments = settings.segments ?? {};
  const customer = customerFor(
    request,
    {
      frequentMinOrders: segments.frequentMinOrders ?? DEFAULT_SETTINGS.frequentMinOrders,
      premiumTags: segments.premiumTags ?? [...DEFAULT_SETTINGS.premiumTags],
      premiumMinSpent:
        segments.premiumMinSpent ?? DEFAULT_SETTINGS.premiumMinSpentMajor.toFixed(digits),
      suppressTags: settings.suppressTags ?? [...DEFAULT_SETTINGS.suppressTags],
      budgetTags: settings.budgetTags ?? [...DEFAULT_SETTINGS.budgetTags],
    },
    at,
    notes,
  );
  const holdoutPercent = runtime.settings.holdoutPercent;
  let visitorKey = visitorKeyFor(request.group, holdoutPercent);
  if (visitorKey === null) {
    notes.push(
      request.group === "holdout"
        ? "The holdout group is 0% (Settings), so no buyer is held out: showing the treatment group."
        : "Every buyer is in the holdout group at this setting.",
    );
    visitorKey = "preview-0";
  }

  const checkout: CheckoutInput = {
    lines,
    customer,
    countryCode: request.country ? request.country.toUpperCase() : null,
    visitorKey,
    now: new Date(at).toISOString(),
  };
  // As the checkout extension evaluates: with the limits of what the discount function can price.
  const evaluation = evaluate(runtime, checkout, {
    formatMoney: moneyFormat,
    checkoutLimits: true,
  });

  // The order summary: line totals, Ladder's line discounts, free shipping.
  const discountByLine = new Map<string, number>();
  let freeShipping = false;
  for (const discount of evaluation.discounts) {
    if (discount.target === "shipping") {
      freeShipping = true;
      continue;
    }
    for (const line of discount.lines) {
      const minor = parseMoney(line.amount, digits) ?? 0;
      discountByLine.set(line.lineId, (discountByLine.get(line.lineId) ?? 0) + minor);
    }
  }
  let subtotal = 0;
  let discountTotal = 0;
  const previewLines = lines.map((line) => {
    const unit = parseMoney(line.unitPrice, digits) ?? 0;
    const total = unit * line.quantity;
    const discount = discountByLine.get(line.id) ?? 0;
    subtotal += total;
    discountTotal += discount;
    return {
      id: line.id,
      variantId: line.variantId,
      title: line.title ?? line.variantId,
      quantity: line.quantity,
      unitPrice: formatMoney(unit, digits),
      total: formatMoney(total, digits),
      discount: formatMoney(discount, digits),
    };
  });

  const offers: Record<string, PreviewOfferInfo> = {};
  for (const offer of checked.value.offers) {
    offers[offer.id] = {
      title: offer.title,
      kind: offer.kind,
      status: offer.status,
      soldOut: leftOutIds.has(offer.id),
      ...(offer.kind === "gift" ? { giftTitle: offer.item.title } : {}),
    };
  }

  return {
    ok: true,
    currency,
    evaluation,
    offers,
    lines: previewLines,
    subtotal: formatMoney(subtotal, digits),
    discountTotal: formatMoney(discountTotal, digits),
    total: formatMoney(subtotal - discountTotal, digits),
    freeShipping,
    notes: [...new Set(notes)],
    incomplete,
    publishedOfferCount: checked.value.offers.filter((o) => o.status === "active").length,
    images: shownImages(evaluation, read.images, itemTitles(checked.value.offers, lines)),
  };
}

/** Buyer-facing titles of every variant an offer can act on: offered items and cart lines. */
function itemTitles(offers: readonly Offer[], lines: readonly CheckoutLine[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const line of lines) if (line.title) titles.set(line.variantId, line.title);
  for (const offer of offers) {
    for (const item of shownItems(offer)) titles.set(item.variantId, item.title);
  }
  return titles;
}

function shownImages(
  evaluation: Evaluation,
  urls: ReadonlyMap<string, string>,
  titles: ReadonlyMap<string, string>,
): Record<string, PreviewImage> {
  const images: Record<string, PreviewImage> = {};
  for (const shown of evaluation.offers) {
    const id = shown.action.variantId;
    const url = urls.get(id);
    if (url) images[id] = { url, alt: titles.get(id) ?? "" };
  }
  return images;
}

export interface PreviewPage {
  currency: string;
  offerCount: number;
  activeCount: number;
  holdoutPercent: number;
  cooldownDays: number;
}

export async function previewPage(shop: string, admin: AdminApi): Promise<PreviewPage> {
  const currency = await shopCurrency(shop, admin);
  // Opening the page is the get-started step "Preview what buyers see".
  await recordPreviewOpened(shop);
  const { config } = await shopConfig(shop);
  return {
    currency,
    offerCount: config.offers.length,
    activeCount: config.offers.filter((o) => o.status === "active").length,
    holdoutPercent: config.settings?.holdoutPercent ?? DEFAULT_SETTINGS.holdoutPercent,
    cooldownDays: config.settings?.cooldownDays ?? DEFAULT_SETTINGS.cooldownDays,
  };
}
