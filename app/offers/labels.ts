/**
 * Validator problems in the merchant's words: config paths ("offers[2].tiers[0].discountPercent",
 * "settings.segments.premiumMinSpent") become the offer's name and the field's label as the admin
 * shows it, and validator jargon in messages ("must be after startsAt") becomes plain words. The
 * CLI keeps its paths (agencies grep them); only the admin translates. Pure.
 */
import { fieldForPath, fieldLabel, isOfferKind } from "./form";

/** The Settings page's labels, by path relative to `settings`. */
export const SETTING_LABELS: Record<string, string> = {
  maxOffers: "Offers shown at once",
  maxPriceRatio: "Price guardrail",
  cooldownDays: "Cooldown after an accepted offer",
  holdoutPercent: "Holdout group",
  suppressTags: "Complaint tags",
  budgetTags: "Budget tags",
  segments: "Customer segments",
  "segments.frequentMinOrders": "Frequent customers from",
  "segments.premiumTags": "Premium tags",
  "segments.premiumMinSpent": "Premium from lifetime spend",
};

/** A settings path (with or without the `settings.` prefix) → its label on the Settings page. */
export function settingLabel(path: string): string {
  const relative = path.replace(/^settings\.?/, "");
  if (relative === "") return "Settings";
  const exact = SETTING_LABELS[relative];
  if (exact) return exact;
  // A list entry (suppressTags[1]) is reported on its list.
  const head = relative.replace(/\[\d+\].*$/, "");
  return SETTING_LABELS[head] ?? SETTING_LABELS[head.split(".")[0] ?? ""] ?? "Settings";
}

const WORDS: [RegExp, string][] = [
  [/\bstartsAt\b/g, "the start"],
  [/\bendsAt\b/g, "the end"],
  [/\bminQuantity\b/g, "quantity"],
  [/\bdiscountPercent\b/g, "discount"],
  [/\bvariantIds\b/g, "variants"],
  [/\bproductIds\b/g, "products"],
  [/\bcollectionIds\b/g, "collections"],
  [/\bvariantId\b/g, "variant"],
  [/\bproductId\b/g, "product"],
];

/** A validator message without field names of the config format. */
export function plainMessage(message: string): string {
  let out = message
    .replace(/\boffers\[(\d+)\]\.id\b/g, (_m, i: string) => `offer ${Number(i) + 1}`)
    .replace(/\bitems\[(\d+)\]/g, (_m, i: string) => `bundle item ${Number(i) + 1}`);
  for (const [pattern, word] of WORDS) out = out.replace(pattern, word);
  return out;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * A path relative to one offer ("tiers[0].discountPercent", "to.variantId") → the editor's label
 * for the field ("Tier 1 discount", "Upgrade to").
 */
export function offerFieldLabel(path: string, kind: unknown): string {
  return fieldLabel(fieldForPath(path), isOfferKind(kind) ? kind : "cross-sell");
}

/**
 * Where a config problem is, for a merchant: `"Phone case add-on" · Offered product`,
 * `Offers shown at once`, `File`. `config` is the file as parsed (possibly invalid), to name the
 * offer by its title.
 */
export function configPathLabel(path: string, config: unknown): string {
  if (path === "" || path === "file") return "File";
  if (path === "currency") return "Currency";
  if (path === "version") return "Format version";
  if (path === "settings" || path.startsWith("settings.")) return settingLabel(path);
  const offer = /^offers\[(\d+)\]\.?(.*)$/.exec(path);
  if (!offer) return path === "offers" ? "Offers" : path;
  const index = Number(offer[1]);
  const offers = record(config).offers;
  const body = record(Array.isArray(offers) ? offers[index] : undefined);
  const title = typeof body.title === "string" && body.title.trim() ? body.title.trim() : "";
  const name = title ? `“${title}”` : `Offer ${index + 1}`;
  const rest = offer[2] ?? "";
  return rest === "" ? name : `${name} · ${offerFieldLabel(rest, body.kind)}`;
}

export interface LabelledProblem {
  path: string;
  message: string;
  /** Where, in the merchant's words (offer name and field label). */
  label: string;
}

/** Adds merchant-facing labels and plain messages; paths stay for tools and tests. */
export function labelConfigProblems(
  problems: readonly { path: string; message: string }[],
  config: unknown,
): LabelledProblem[] {
  return problems.map((p) => ({
    path: p.path,
    message: plainMessage(p.message),
    label: configPathLabel(p.path, config),
  }));
}
