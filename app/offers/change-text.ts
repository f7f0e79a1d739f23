/**
 * Old → new values of an offer's or the settings' fields in words a merchant reads ("$12.00",
 * "2+ → 5%, 4+ → 10%", "Phone case ($12.00)"), for the import preview and the publish
 * confirmation. Pure; ids are named through `names` when known.
 */
import { KIND_LABELS, SEGMENT_LABELS } from "./describe";
import { isOfferKind } from "./form";
import { offerFieldLabel, settingLabel } from "./labels";

export interface FieldChange {
  /** The field's path in the offer or the settings (`threshold`, `segments.premiumMinSpent`). */
  field: string;
  /** Its label in the editor or on the Settings page. */
  label: string;
  before: string;
  after: string;
}

export type Names = ReadonlyMap<string, string>;

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Stable JSON (sorted keys), so key order never reads as a change. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function money(value: unknown, currency: string): string {
  const n = typeof value === "string" || typeof value === "number" ? Number(value) : NaN;
  if (!Number.isFinite(n)) return String(value);
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(n);
  } catch {
    return `${String(value)} ${currency}`;
  }
}

function nameOf(id: unknown, names: Names): string {
  const text = String(id);
  return names.get(text) ?? text.replace(/^gid:\/\/shopify\//, "");
}

function itemText(value: unknown, currency: string): string {
  const item = record(value);
  if (!item.variantId) return "none";
  const quantity =
    typeof item.quantity === "number" && item.quantity !== 1 ? ` ×${item.quantity}` : "";
  return `${String(item.title || item.variantId)} (${money(item.price, currency)})${quantity}`;
}

function list(values: string[]): string {
  return values.length === 0 ? "none" : values.join(", ");
}

function triggerText(value: unknown, names: Names): string {
  const trigger = record(value);
  const parts: string[] = [];
  const ids = (key: string) =>
    Array.isArray(trigger[key]) ? (trigger[key] as unknown[]).map((id) => nameOf(id, names)) : [];
  for (const key of ["productIds", "variantIds", "collectionIds"]) parts.push(...ids(key));
  const tags = Array.isArray(trigger.tags) ? trigger.tags.map((t) => `tag ${String(t)}`) : [];
  return list([...parts, ...tags]);
}

/** One field's value, as the admin shows it. */
export function valueText(field: string, value: unknown, currency: string, names: Names): string {
  if (value === undefined || value === null || value === "") return "not set";
  switch (field) {
    case "to":
    case "item":
      return itemText(value, currency);
    case "items":
      return Array.isArray(value) ? list(value.map((v) => itemText(v, currency))) : "none";
    case "trigger":
      return triggerText(value, names);
    case "tiers":
      return Array.isArray(value)
        ? list(
            value.map((t) => {
              const tier = record(t);
              return `${String(tier.minQuantity)}+ → ${String(tier.discountPercent)}%`;
            }),
          )
        : "none";
    case "segments":
      return Array.isArray(value)
        ? list(
            value.map((s) =>
              String(s) in SEGMENT_LABELS ? SEGMENT_LABELS[s as "new"] : String(s),
            ),
          )
        : "none";
    case "kind":
      return isOfferKind(value) ? KIND_LABELS[value] : String(value);
    case "threshold":
    case "premiumMinSpent":
    case "segments.premiumMinSpent":
      return money(value, currency);
    case "discountPercent":
    case "holdoutPercent":
      return `${String(value)}%`;
    case "maxPriceRatio":
      return `${String(value)}×`;
    case "cooldownDays":
      return `${String(value)} day${value === 1 ? "" : "s"}`;
    case "status":
      return value === "active" ? "Active" : "Draft";
    default:
      if (Array.isArray(value)) return list(value.map(String));
      if (typeof value === "object") return canonical(value);
      return String(value);
  }
}

/** Every top-level field of an offer that differs, old → new. */
export function offerChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  currency: string,
  names: Names = new Map(),
): FieldChange[] {
  const kind = after.kind ?? before.kind;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => canonical(before[field]) !== canonical(after[field]))
    .sort()
    .map((field) => ({
      field,
      label: offerFieldLabel(field, kind),
      before: valueText(field, before[field], currency, names),
      after: valueText(field, after[field], currency, names),
    }));
}

/** Every setting that differs (segment thresholds one by one), old → new. */
export function settingsChanges(before: unknown, after: unknown, currency: string): FieldChange[] {
  const flat = (value: unknown): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record(value))) {
      if (key === "segments") {
        for (const [sub, sv] of Object.entries(record(v))) out[`segments.${sub}`] = sv;
      } else out[key] = v;
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((field) => canonical(a[field]) !== canonical(b[field]))
    .sort()
    .map((field) => ({
      field,
      label: settingLabel(field),
      before: a[field] === undefined ? "default" : valueText(field, a[field], currency, new Map()),
      after: b[field] === undefined ? "default" : valueText(field, b[field], currency, new Map()),
    }));
}
