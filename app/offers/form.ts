/**
 * The offer editor's form state and its mapping to and from config v1 offers.
 *
 * The form keeps what the merchant typed as text (a percent reading "1O" stays "1O"), so a
 * validation error never loses input. Converting to an offer turns numbers that parse into
 * numbers and passes anything else through unchanged, so the config validator, the same one the
 * CLI uses, reports it at its path. Pure: the editor runs it in the browser, the server in tests.
 */
import { OFFER_KINDS, SEGMENTS, type OfferKind, type OfferStatus, type Segment } from "../engine";
import { plainMessage } from "./labels";

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ItemRef {
  variantId: string;
  productId: string;
  title: string;
  price: string;
}

export interface BundleItemForm extends ItemRef {
  quantity: string;
}

export interface TierForm {
  minQuantity: string;
  discountPercent: string;
}

export interface TriggerForm {
  productIds: string[];
  variantIds: string[];
  collectionIds: string[];
  tags: string[];
}

/** One A/B copy of the offer (DESIGN §3.1 "Variants"); empty texts fall back to the offer's. */
export interface VariantForm {
  id: string;
  weight: string;
  message: string;
  why: string;
  /** A cross-sell copy's own add-on; null keeps the offer's. */
  item: ItemRef | null;
}

export interface OfferForm {
  id: string;
  kind: OfferKind;
  title: string;
  status: OfferStatus;
  priority: string;
  /** `YYYY-MM-DDTHH:mm` in UTC (a datetime-local input), or empty. */
  startsAt: string;
  endsAt: string;
  segments: Segment[];
  message: string;
  why: string;
  trigger: TriggerForm;
  /** The upgrade target (`to`), the cross-sell item or the gift. */
  item: ItemRef | null;
  items: BundleItemForm[];
  /**
   * How the discount is given (DESIGN §3.1 "Discount value"): a percent, an amount off each unit
   * (upgrade, cross-sell: `discountAmount`) or a set price (bundle: `bundlePrice`).
   */
  discountMode: DiscountMode;
  discountPercent: string;
  /** `discountAmount` (upgrade, cross-sell) or `bundlePrice` (bundle), as typed. */
  discountAmount: string;
  tiers: TierForm[];
  threshold: string;
  countries: string[];
  /** A/B copies: none, or 2–4. */
  variants: VariantForm[];
}

export type DiscountMode = "percent" | "amount";

/** The config field an amount-mode discount is written to, by kind. */
export function amountField(kind: OfferKind): "discountAmount" | "bundlePrice" {
  return kind === "bundle" ? "bundlePrice" : "discountAmount";
}

/** Kinds whose offer has a trigger, and the field its offered item lives in. */
export const KIND_SHAPE: Record<
  OfferKind,
  { trigger: boolean; item: "to" | "item" | null; discount: "optional" | "required" | null }
> = {
  upgrade: { trigger: true, item: "to", discount: "optional" },
  "cross-sell": { trigger: true, item: "item", discount: "optional" },
  bundle: { trigger: false, item: null, discount: "required" },
  volume: { trigger: true, item: null, discount: null },
  "free-shipping": { trigger: false, item: null, discount: null },
  gift: { trigger: false, item: "item", discount: null },
};

export function isOfferKind(value: unknown): value is OfferKind {
  return typeof value === "string" && (OFFER_KINDS as readonly string[]).includes(value);
}

export function emptyTrigger(): TriggerForm {
  return { productIds: [], variantIds: [], collectionIds: [], tags: [] };
}

export function emptyForm(kind: OfferKind): OfferForm {
  return {
    id: "",
    kind,
    title: "",
    status: "draft",
    priority: "0",
    startsAt: "",
    endsAt: "",
    segments: [],
    message: "",
    why: "",
    trigger: emptyTrigger(),
    item: null,
    items: [],
    discountMode: "percent",
    discountPercent: "",
    discountAmount: "",
    tiers: kind === "volume" ? [{ minQuantity: "", discountPercent: "" }] : [],
    threshold: "",
    countries: [],
    variants: [],
  };
}

/** Text → number when it reads as one; blank → undefined (left out); anything else as typed. */
export function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(trimmed) ? n : trimmed;
}

/** `2026-11-27T09:00` (UTC) → `2026-11-27T09:00:00Z`; other text is passed on to validation. */
export function formDateToIso(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed) ? `${trimmed}:00Z` : trimmed;
}

/** An ISO 8601 instant → `YYYY-MM-DDTHH:mm` in UTC for the form; unparseable text as is. */
export function isoToFormDate(iso: unknown): string {
  if (typeof iso !== "string" || iso === "") return "";
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  const ms = Date.parse(dateOnly ? `${iso}T00:00:00Z` : zoned ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 16);
}

function set(out: JsonObject, key: string, value: JsonValue | undefined) {
  if (value !== undefined) out[key] = value;
}

function itemToConfig(item: ItemRef | null): JsonObject {
  return item
    ? {
        variantId: item.variantId,
        productId: item.productId,
        title: item.title,
        price: item.price,
      }
    : { variantId: "", productId: "", title: "", price: "" };
}

function triggerToConfig(trigger: TriggerForm): JsonObject {
  const out: JsonObject = {};
  for (const key of ["productIds", "variantIds", "collectionIds", "tags"] as const) {
    const list = trigger[key].map((v) => v.trim()).filter(Boolean);
    if (list.length > 0) out[key] = list;
  }
  return out;
}

/** The config v1 offer the form describes (not validated: the validator reports problems). */
export function formToOffer(form: OfferForm): JsonObject {
  const out: JsonObject = {
    id: form.id.trim(),
    kind: form.kind,
    title: form.title.trim(),
    status: form.status,
  };
  const priority = numberOrText(form.priority);
  if (priority !== 0) set(out, "priority", priority);
  set(out, "startsAt", formDateToIso(form.startsAt));
  set(out, "endsAt", formDateToIso(form.endsAt));
  if (form.segments.length > 0) out.segments = [...form.segments];
  if (form.message.trim()) out.message = form.message.trim();
  if (form.why.trim()) out.why = form.why.trim();

  if (form.variants.length > 0) {
    out.variants = form.variants.map((v) => {
      const row: JsonObject = { id: v.id.trim() };
      const weight = numberOrText(v.weight);
      if (weight !== undefined && weight !== 1) row.weight = weight;
      if (v.message.trim()) row.message = v.message.trim();
      if (v.why.trim()) row.why = v.why.trim();
      if (form.kind === "cross-sell" && v.item) row.item = itemToConfig(v.item);
      return row;
    });
  }

  const shape = KIND_SHAPE[form.kind];
  if (shape.trigger) out.trigger = triggerToConfig(form.trigger);
  if (shape.item) out[shape.item] = itemToConfig(form.item);
  switch (form.kind) {
    case "bundle":
      out.items = form.items.map((item) => {
        const quantity = numberOrText(item.quantity);
        return { ...itemToConfig(item), ...(quantity === undefined ? {} : { quantity }) };
      });
      setDiscount(out, form);
      break;
    case "volume":
      out.tiers = form.tiers.map((tier) => {
        const row: JsonObject = {};
        set(row, "minQuantity", numberOrText(tier.minQuantity));
        set(row, "discountPercent", numberOrText(tier.discountPercent));
        return row;
      });
      break;
    case "free-shipping":
      out.threshold = form.threshold.trim();
      if (form.countries.length > 0) out.countries = form.countries.map((c) => c.toUpperCase());
      break;
    case "gift":
      out.threshold = form.threshold.trim();
      break;
    case "upgrade":
    case "cross-sell":
      setDiscount(out, form);
      break;
  }
  return out;
}

/** Only the field of the chosen mode is written: the other, if typed, is left out. */
function setDiscount(out: JsonObject, form: OfferForm) {
  if (form.discountMode === "amount") {
    const amount = form.discountAmount.trim();
    if (amount) out[amountField(form.kind)] = amount;
  } else set(out, "discountPercent", numberOrText(form.discountPercent));
}

const text = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function itemFromConfig(value: unknown): ItemRef | null {
  const item = record(value);
  const ref = {
    variantId: text(item.variantId),
    productId: text(item.productId),
    title: text(item.title),
    price: text(item.price),
  };
  return ref.variantId ? ref : null;
}

/** A stored offer (complete or not) → the editor's form. */
export function offerToForm(body: unknown): OfferForm {
  const offer = record(body);
  const kind = isOfferKind(offer.kind) ? offer.kind : "cross-sell";
  const form = emptyForm(kind);
  const trigger = record(offer.trigger);
  return {
    ...form,
    id: text(offer.id),
    title: text(offer.title),
    status: offer.status === "active" ? "active" : "draft",
    priority: offer.priority === undefined ? "0" : text(offer.priority),
    startsAt: isoToFormDate(offer.startsAt),
    endsAt: isoToFormDate(offer.endsAt),
    segments: strings(offer.segments).filter((s): s is Segment =>
      (SEGMENTS as readonly string[]).includes(s),
    ),
    message: text(offer.message),
    why: text(offer.why),
    trigger: {
      productIds: strings(trigger.productIds),
      variantIds: strings(trigger.variantIds),
      collectionIds: strings(trigger.collectionIds),
      tags: strings(trigger.tags),
    },
    item: itemFromConfig(kind === "upgrade" ? offer.to : offer.item),
    items: Array.isArray(offer.items)
      ? offer.items.map((raw) => {
          const item = record(raw);
          return {
            ...(itemFromConfig(item) ?? { variantId: "", productId: "", title: "", price: "" }),
            quantity: item.quantity === undefined ? "1" : text(item.quantity),
          };
        })
      : [],
    discountMode:
      offer.discountPercent === undefined && offer[amountField(kind)] !== undefined
        ? "amount"
        : "percent",
    discountPercent: text(offer.discountPercent),
    discountAmount: text(offer[amountField(kind)]),
    tiers: Array.isArray(offer.tiers)
      ? offer.tiers.map((raw) => {
          const tier = record(raw);
          return {
            minQuantity: text(tier.minQuantity),
            discountPercent: text(tier.discountPercent),
          };
        })
      : form.tiers,
    threshold: text(offer.threshold),
    countries: strings(offer.countries),
    variants: Array.isArray(offer.variants)
      ? offer.variants.map((raw) => {
          const v = record(raw);
          return {
            id: text(v.id),
            weight: v.weight === undefined ? "1" : text(v.weight),
            message: text(v.message),
            why: text(v.why),
            item: itemFromConfig(v.item),
          };
        })
      : [],
  };
}

/**
 * Where a validator path (relative to the offer: `to.price`, `tiers[1].minQuantity`) is shown in
 * the editor. An offered item's fields all come from the product picker, so they are reported on
 * the picker; list entries of a trigger on the trigger.
 */
export function fieldForPath(path: string): string {
  if (path === "" || path === "offer") return "offer";
  const item = /^(to|item)(\.|$)/.exec(path);
  if (item) return "item";
  const bundleItem = /^items\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (bundleItem) {
    return bundleItem[2] === "quantity"
      ? `items[${bundleItem[1]}].quantity`
      : `items[${bundleItem[1]}]`;
  }
  const tier = /^tiers\[(\d+)\]\.(minQuantity|discountPercent)/.exec(path);
  if (tier) return `tiers[${tier[1]}].${tier[2]}`;
  const copy = /^variants\[(\d+)\]\.(id|weight|message|why|item)/.exec(path);
  if (copy) return `variants[${copy[1]}].${copy[2]}`;
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? "offer";
  return head;
}

export interface FieldProblem {
  path: string;
  message: string;
}

const TRIGGER_EMPTY = /must list at least one of/;

/** A problem of a picked item's field ("price", "variantId") in the merchant's words. */
function pickerMessage(field: string, message: string): string {
  if (field === "" || field === "variantId" || field === "productId") return message;
  const label = field === "price" ? "Price" : field === "title" ? "Title" : "Quantity";
  return `${label} ${plainMessage(message)}`;
}

/**
 * Problems → one message per editor field (its first problem). A picker field says "choose a
 * product" instead of the four raw problems of an empty item; other fields keep the validator's
 * words.
 */
export function fieldErrors(problems: readonly FieldProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = fieldForPath(problem.path);
    const isPicker = field === "item" || /^items\[\d+\]$/.test(field);
    const emptyPick =
      isPicker && /must not be empty|is required|must be an object/.test(problem.message);
    const message = emptyPick
      ? "Choose a product"
      : field === "trigger" && TRIGGER_EMPTY.test(problem.message)
        ? "Choose at least one product, variant, collection or tag"
        : isPicker
          ? pickerMessage(problem.path.replace(/^[^.]*\.?/, ""), problem.message)
          : plainMessage(problem.message);
    // The first problem of a field is the one to fix first; an empty picker says only that.
    const existing = errors[field];
    if (existing === undefined || (emptyPick && existing !== message)) errors[field] = message;
  }
  return errors;
}

/** What the editor calls a field, for the list of problems above the form. */
export function fieldLabel(field: string, kind: OfferKind): string {
  const bundleItem = /^items\[(\d+)\](\.quantity)?$/.exec(field);
  if (bundleItem)
    return `Bundle item ${Number(bundleItem[1]) + 1}${bundleItem[2] ? " quantity" : ""}`;
  const tier = /^tiers\[(\d+)\]\.(minQuantity|discountPercent)$/.exec(field);
  if (tier)
    return `Tier ${Number(tier[1]) + 1} ${tier[2] === "minQuantity" ? "quantity" : "discount"}`;
  const copy = /^variants\[(\d+)\]\.(\w+)$/.exec(field);
  if (copy) {
    const what: Record<string, string> = {
      id: "name",
      weight: "weight",
      message: "headline",
      why: "why",
      item: "product",
    };
    return `Variant ${Number(copy[1]) + 1} ${what[copy[2] ?? ""] ?? copy[2]}`;
  }
  const labels: Record<string, string> = {
    offer: "Offer",
    variants: "Variants",
    id: "Offer ID",
    title: "Title",
    status: "Status",
    priority: "Priority",
    startsAt: "Starts",
    endsAt: "Ends",
    segments: "Customer segments",
    message: "Headline",
    why: "Why",
    trigger: "Trigger",
    item: kind === "upgrade" ? "Upgrade to" : kind === "gift" ? "Gift" : "Offered product",
    items: "Bundle items",
    discountPercent: kind === "bundle" ? "Bundle discount" : "Discount",
    discountAmount: "Amount off each unit",
    bundlePrice: "Bundle price",
    tiers: "Tiers",
    threshold: "Threshold",
    countries: "Countries",
  };
  return labels[field] ?? field;
}
