/** Longest `_ladder_shown` value the attribution contract allows (DESIGN §3.5). */
export const SHOWN_LIMIT = 255;

/**
 * The offers shown so far to this buyer: what is already recorded, then the ids rendered now.
 * Impressions accumulate rather than being replaced: an offer the buyer accepted stops being
 * shown, but was seen, and each surface (product page, cart, checkout's targets) records what it
 * rendered without erasing the others'. Ids that would not fit in the limit, or that contain the
 * separator, are left out.
 */
export function mergeShown(recorded: string | undefined, rendered: readonly string[]): string {
  const ids = (recorded ?? "").split(",").filter((id) => id !== "");
  let value = ids.join(",");
  for (const id of rendered) {
    if (id === "" || id.includes(",") || ids.includes(id)) continue;
    const next = value === "" ? id : `${value},${id}`;
    if (next.length > SHOWN_LIMIT) continue;
    ids.push(id);
    value = next;
  }
  return value;
}
