import type { Attribute, AttributeChange } from "@shopify/ui-extensions/checkout";
import type { Group } from "../../../app/engine";
import { mergeShown } from "../../../app/engine/shown";

type AttributeUpdateChange = Extract<AttributeChange, { type: "updateAttribute" }>;

/** Checkout attributes read back from order webhooks (attribution contract, DESIGN §2). */
export const GROUP_ATTRIBUTE = "_ladder_group";
export const SHOWN_ATTRIBUTE = "_ladder_shown";
// Shared with the storefront, which records impressions under the same contract.
export { mergeShown, SHOWN_LIMIT } from "../../../app/engine/shown";

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
