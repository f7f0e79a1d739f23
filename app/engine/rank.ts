import type { OfferKind, RuntimeOffer } from "./types";

/** Upsells rank before cross-sells (rule 2); free shipping is never an offer card. */
export const UPSELL: ReadonlySet<OfferKind> = /* @__PURE__ */ new Set(["upgrade", "volume"]);

/**
 * Ranking (rule 2, DESIGN §3.1): upsells first, then higher priority, then config order. Negative
 * when `a` ranks before `b`. Also breaks ties between offers taking as much off one line (rule 14).
 */
export function compareRank(a: RuntimeOffer, b: RuntimeOffer): number {
  return (
    Number(UPSELL.has(b.kind)) - Number(UPSELL.has(a.kind)) ||
    b.priority - a.priority ||
    a.index - b.index
  );
}
