import type { Attribute, AttributeChange } from "@shopify/ui-extensions/checkout";
import type { Group } from "../../../app/engine";

type AttributeUpdateChange = Extract<AttributeChange, { type: "updateAttribute" }>;

/** Checkout attributes read back from order webhooks (attribution contract, DESIGN §2). */
export const GROUP_ATTRIBUTE = "_ladder_group";
export const SHOWN_ATTRIBUTE = "_ladder_shown";
/** Longest `_ladder_shown` value the contract allows. */
export const SHOWN_LIMIT = 255;

/**
 * The offers shown so far in this checkout: what is already recorded, then the ids rendered now.
 * Impressions accumulate rather than being replaced: an offer the buyer accepted stops being
 * shown, but was seen, and each of Ladder's targets records what it rendered without erasing
 * the others'. Ids that would not fit in the limit, or that contain the separator, are left out.
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

/**
 * The attribute writes that bring the checkout up to date: the buyer's group, and the offers
 * shown. Nothing is written when it is already there, so a re-render never loops.
 */
export function attributeChanges(
  current: readonly Attribute[],
  group: Group,
  rendered: readonly string[],
): AttributeUpdateChange[] {
  const value = (key: string) => current.find((attribute) => attribute.key === key)?.value;
  const changes: AttributeUpdateChange[] = [];
  if (value(GROUP_ATTRIBUTE) !== group) {
    changes.push({ type: "updateAttribute", key: GROUP_ATTRIBUTE, value: group });
  }
  const recorded = value(SHOWN_ATTRIBUTE);
  const shown = mergeShown(recorded, rendered);
  if (shown !== (recorded ?? "")) {
    changes.push({ type: "updateAttribute", key: SHOWN_ATTRIBUTE, value: shown });
  }
  return changes;
}
