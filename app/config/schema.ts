import * as z from "zod";
import {
  OFFER_KINDS,
  PLACEHOLDERS,
  SEGMENTS,
  formatMoney,
  parseInstant,
  parseMoney,
  placeholdersIn,
} from "../engine";
import type { OfferConfig, OfferedItem } from "../engine";

/** DESIGN §3.1 limits, shared with the admin forms. */
export const LIMITS = {
  maxOffersInConfig: 200,
  maxShownOffers: { min: 1, max: 10 },
  holdoutPercent: { min: 0, max: 50 },
  minTierQuantity: 2,
  minBundleItems: 2,
  maxTextLength: 500,
  maxPercentDecimals: 4,
  /** A/B copies of one offer (DESIGN §3.1 "Variants"). */
  variants: { min: 2, max: 4 },
  maxVariantWeight: 1_000_000,
  /** Any amount, in minor units (10 billion dollars): sums of them stay exact integers. */
  maxAmountMinor: 10 ** 12,
  /** A cart line's quantity. */
  maxQuantity: 1_000_000,
  /** The whole cart (Σ unit price × quantity), in minor units. */
  maxCartTotalMinor: 10 ** 13,
} as const;

/** `limit` minor units as an amount in a currency with `digits` minor digits ("10000000000.00"). */
export function amountText(limitMinor: number, digits: number): string {
  return formatMoney(limitMinor, digits);
}

/** True when a well-formed amount is at most `maxAmountMinor`. */
export function withinAmountLimit(value: string, digits: number): boolean {
  const minor = parseMoney(value, digits);
  return minor !== null && minor <= LIMITS.maxAmountMinor;
}

export const amountLimitError = (digits: number) =>
  `must be at most ${amountText(LIMITS.maxAmountMinor, digits)}`;

const PLACEHOLDER_LIST = PLACEHOLDERS.map((p) => `{${p}}`).join(", ");

/** A UTF-16 surrogate without its pair: JSON allows it ("\ud800"), UTF-8 and databases don't. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = (what = "text") =>
  z
    .string({ error: (i) => (i.input === undefined ? "is required" : `must be ${what}`) })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(LIMITS.maxTextLength, { error: `must be at most ${LIMITS.maxTextLength} characters` })
    .check((ctx) => {
      const at = ctx.value.search(LONE_SURROGATE);
      if (at >= 0) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `must be valid Unicode text: character ${at + 1} is half of a surrogate pair (\\u${ctx.value.charCodeAt(at).toString(16)})`,
        });
      }
    });

const id = () => text("a string id");

const template = () =>
  text().check((ctx) => {
    const unknown = placeholdersIn(ctx.value).filter(
      (p) => !(PLACEHOLDERS as readonly string[]).includes(p),
    );
    for (const name of unknown) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `unknown placeholder {${name}}; use ${PLACEHOLDER_LIST}`,
      });
    }
  });

/** A positive decimal with at most the currency's minor digits ("24.00" for USD, "2400" for JPY). */
const money = (digits: number) => {
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  const example = digits === 0 ? '"2400"' : `"24.${"0".repeat(digits)}"`;
  const rule =
    digits === 0
      ? `must be a positive whole amount (this currency has no minor unit), like ${example}`
      : `must be a positive amount with at most ${digits} decimals, like ${example}`;
  return (
    z
      .string({ error: (i) => (i.input === undefined ? "is required" : `${rule}, as a string`) })
      .regex(pattern, { error: rule })
      // Each rule reports only what the one before it let through: one line per problem.
      .refine((v) => !pattern.test(v) || Number(v) > 0, { error: "must be greater than 0" })
      .refine((v) => !pattern.test(v) || Number(v) <= 0 || withinAmountLimit(v, digits), {
        error: amountLimitError(digits),
      })
  );
};

const decimals = (n: number) => {
  const [, fraction = ""] = String(n).split(".");
  return n.toString().includes("e") ? Infinity : fraction.length;
};

const percent = () =>
  z
    .number({ error: (i) => (i.input === undefined ? "is required" : "must be a number") })
    .refine((p) => p > 0 && p <= 100, { error: "must be between 0 and 100", abort: true })
    .refine((p) => decimals(p) <= LIMITS.maxPercentDecimals, {
      error: `must have at most ${LIMITS.maxPercentDecimals} decimals`,
    });

const wholeNumber = (min: number, max: number, what = "a whole number") =>
  z
    .number({ error: (i) => (i.input === undefined ? "is required" : `must be ${what}`) })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, {
      error:
        max === Number.MAX_SAFE_INTEGER
          ? `must be ${what} ≥ ${min}`
          : `must be ${what} from ${min} to ${max}`,
    });

const isoDate = () =>
  z
    .string({ error: "must be an ISO 8601 date, as a string" })
    .refine((v) => parseInstant(v) !== null, {
      error: 'must be an ISO 8601 date, like "2026-11-27" or "2026-11-27T09:00:00Z"',
    });

const tags = () => z.array(text("a tag"), { error: "must be an array of tags" });
const ids = () => z.array(id(), { error: "must be an array of ids" });

const trigger = () =>
  z
    .strictObject(
      {
        productIds: ids().optional(),
        variantIds: ids().optional(),
        collectionIds: ids().optional(),
        tags: tags().optional(),
      },
      { error: "must be an object with productIds, variantIds, collectionIds or tags" },
    )
    .refine((t) => Object.values(t).some((list) => list && list.length > 0), {
      error: "must list at least one of productIds, variantIds, collectionIds, tags",
    });

const item = (digits: number) =>
  z.strictObject(
    { variantId: id(), productId: id(), title: text(), price: money(digits) },
    { error: "must be an object with variantId, productId, title and price" },
  );

const base = {
  // Attributes write `offerId#variantId` and list ids comma-separated (DESIGN §3.2).
  id: id().refine((v) => !/[#,]/.test(v), { error: "must not contain # or ," }),
  title: text(),
  status: z.enum(["active", "draft"], { error: 'must be "active" or "draft"' }),
  priority: wholeNumber(-1000, 1000, "a whole number").optional(),
  startsAt: isoDate().optional(),
  endsAt: isoDate().optional(),
  segments: z
    .array(z.enum(SEGMENTS, { error: `must be one of ${SEGMENTS.join(", ")}` }), {
      error: "must be an array of segments",
    })
    .min(1, { error: "must list at least one segment, or be left out" })
    .optional(),
  message: template().optional(),
  why: template().optional(),
};

/** Variant ids go into attributes after `#` (DESIGN §3.2). */
export const VARIANT_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** An offer's A/B copies; only a cross-sell's copy may offer its own item. */
const variants = (ownItem: z.ZodType<OfferedItem> | null) =>
  z
    .array(
      z.strictObject(
        {
          id: z
            .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
            .regex(VARIANT_ID, {
              error:
                "must be 1 to 32 letters, digits, - or _ (it is written after # in attributes)",
            }),
          weight: wholeNumber(1, LIMITS.maxVariantWeight, "a whole number").optional(),
          message: template().optional(),
          why: template().optional(),
          item: ownItem
            ? ownItem.optional()
            : z
                .undefined({ error: "only a cross-sell's variants can offer their own item" })
                .optional(),
        },
        { error: "must be an object with id and optionally weight, message, why" },
      ),
      { error: "must be an array of variants" },
    )
    .min(LIMITS.variants.min, {
      error: `must list ${LIMITS.variants.min} to ${LIMITS.variants.max} variants, or be left out`,
    })
    .max(LIMITS.variants.max, {
      error: `must list ${LIMITS.variants.min} to ${LIMITS.variants.max} variants`,
    })
    .optional();

function offerSchemas(digits: number) {
  const upgrade = z.strictObject({
    ...base,
    variants: variants(null),
    kind: z.literal("upgrade"),
    trigger: trigger(),
    to: item(digits),
    discountPercent: percent().optional(),
    discountAmount: money(digits).optional(),
  });
  const crossSell = z.strictObject({
    ...base,
    kind: z.literal("cross-sell"),
    variants: variants(item(digits)),
    trigger: trigger(),
    item: item(digits),
    discountPercent: percent().optional(),
    discountAmount: money(digits).optional(),
  });
  const bundle = z.strictObject({
    ...base,
    kind: z.literal("bundle"),
    variants: variants(null),
    items: z
      .array(
        z.strictObject({
          variantId: id(),
          productId: id(),
          title: text(),
          price: money(digits),
          quantity: wholeNumber(1, 1000).optional(),
        }),
        { error: "must be an array of items" },
      )
      .min(LIMITS.minBundleItems, {
        error: `a bundle needs at least ${LIMITS.minBundleItems} items`,
      }),
    // Exactly one of the two (checked with the other cross-field rules).
    discountPercent: percent().optional(),
    bundlePrice: money(digits).optional(),
  });
  const volume = z.strictObject({
    ...base,
    kind: z.literal("volume"),
    variants: variants(null),
    trigger: trigger(),
    tiers: z
      .array(
        z.strictObject({
          minQuantity: wholeNumber(LIMITS.minTierQuantity, 100_000, "a whole number"),
          discountPercent: percent(),
        }),
        { error: "must be an array of tiers" },
      )
      .min(1, { error: "must have at least one tier" }),
  });
  const freeShipping = z.strictObject({
    ...base,
    kind: z.literal("free-shipping"),
    variants: z
      .undefined({ error: "free shipping has no variants: it shows progress, not copy" })
      .optional(),
    threshold: money(digits),
    countries: z
      .array(
        z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be a 2-letter country code, like "US"' }),
        {
          error: "must be an array of country codes",
        },
      )
      .min(1, { error: "must list at least one country, or be left out" })
      .optional(),
  });
  const gift = z.strictObject({
    ...base,
    kind: z.literal("gift"),
    variants: variants(null),
    threshold: money(digits),
    item: item(digits),
  });
  return [upgrade, crossSell, bundle, volume, freeShipping, gift] as const;
}

function configSchemaFor(digits: number) {
  const offer = z.discriminatedUnion("kind", offerSchemas(digits), {
    error: (issue) =>
      issue.code === "invalid_union"
        ? `must be one of ${OFFER_KINDS.join(", ")}`
        : "must be an object with a kind",
  });

  const settings = z.strictObject(
    {
      maxOffers: wholeNumber(LIMITS.maxShownOffers.min, LIMITS.maxShownOffers.max).optional(),
      maxPriceRatio: z
        .number({ error: "must be a number" })
        .refine((r) => r > 0 && Number.isFinite(r), { error: "must be greater than 0" })
        .optional(),
      cooldownDays: wholeNumber(0, 3650).optional(),
      holdoutPercent: wholeNumber(LIMITS.holdoutPercent.min, LIMITS.holdoutPercent.max).optional(),
      suppressTags: tags().optional(),
      budgetTags: tags().optional(),
      segments: z
        .strictObject(
          {
            frequentMinOrders: wholeNumber(1, 100_000).optional(),
            premiumTags: tags().optional(),
            premiumMinSpent: money(digits).optional(),
          },
          { error: "must be an object" },
        )
        .optional(),
    },
    { error: "must be an object" },
  );

  return z.strictObject(
    {
      version: z.literal(1, {
        error: (i) =>
          i.input === undefined
            ? "is required (1)"
            : typeof i.input === "number" && i.input > 1
              ? `version ${i.input} is newer than this Ladder understands (1)`
              : "must be 1",
      }),
      currency: z
        .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
        .regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter ISO 4217 code in capitals, like "USD"' }),
      settings: settings.optional(),
      offers: z
        .array(offer, {
          error: (i) => (i.input === undefined ? "is required" : "must be an array of offers"),
        })
        .max(LIMITS.maxOffersInConfig, {
          error: (i) =>
            `must have at most ${LIMITS.maxOffersInConfig} offers (has ${Array.isArray(i.input) ? i.input.length : "more"})`,
        }),
    },
    { error: "must be a JSON object" },
  );
}

const schemas = new Map<number, ReturnType<typeof configSchemaFor>>();

/** The config v1 schema for a currency's minor digits (money rules depend on it). */
export function configSchema(digits: number): ReturnType<typeof configSchemaFor> {
  let schema = schemas.get(digits);
  if (!schema) {
    schema = configSchemaFor(digits);
    schemas.set(digits, schema);
  }
  return schema;
}

// The schema's output must be the engine's OfferConfig: a compile-time check, no runtime cost.
type Parsed = z.output<ReturnType<typeof configSchemaFor>>;
const _sameShape: (parsed: Parsed) => OfferConfig = (parsed) => parsed;
void _sameShape;
