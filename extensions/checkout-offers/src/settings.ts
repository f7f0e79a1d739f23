import type { ExtensionSettings } from "@shopify/ui-extensions/checkout";
import type { OfferKind } from "../../../app/engine";

/**
 * What the merchant chose for this placement in the checkout editor (fields declared in
 * shopify.extension.toml). Unset fields mean the defaults: the generic heading, every kind shown.
 */
export interface Placement {
  heading: string | undefined;
  shows(kind: OfferKind): boolean;
  showsProgress: boolean;
}

const HIDDEN_BY: Record<string, readonly OfferKind[]> = {
  hide_upgrades: ["upgrade"],
  hide_add_ons: ["cross-sell", "bundle"],
  hide_quantity_breaks: ["volume"],
  hide_gifts: ["gift"],
};

export function readPlacement(settings: ExtensionSettings): Placement {
  // Only the fields the merchant set are present; read those rather than probing for others.
  const set = new Map(Object.entries(settings));
  const hidden = new Set<OfferKind>();
  for (const [field, kinds] of Object.entries(HIDDEN_BY)) {
    if (set.get(field) === true) kinds.forEach((kind) => hidden.add(kind));
  }
  const heading = set.get("heading");
  return {
    heading: typeof heading === "string" && heading.trim() !== "" ? heading.trim() : undefined,
    shows: (kind) => !hidden.has(kind),
    showsProgress: set.get("hide_progress") !== true,
  };
}
