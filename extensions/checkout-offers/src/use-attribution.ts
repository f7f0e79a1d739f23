import { useEffect } from "preact/hooks";
import type { Group } from "../../../app/engine";
import { optional, type LadderApi } from "./api";
import { attributeChanges } from "./attribution";

/**
 * Records the buyer's group and the offers rendered as checkout attributes, so orders can be
 * attributed without a network call. Only when checkout allows attribute changes, and only
 * when a value differs from what is recorded. A refused write is not retried: attribution is
 * worth less than a checkout that keeps working.
 */
export function useAttribution(api: LadderApi, group: Group | null, rendered: readonly string[]) {
  const apply = optional(api, "applyAttributeChange");
  const allowed = api.instructions.value.attributes.canUpdateAttributes;
  const changes =
    group && apply && allowed ? attributeChanges(api.attributes.value, group, rendered) : [];
  const key = JSON.stringify(changes);

  useEffect(() => {
    if (!apply || changes.length === 0) return;
    let current = true;
    void (async () => {
      for (const change of changes) {
        if (!current) return;
        try {
          await apply(change);
        } catch {
          return;
        }
      }
    })();
    return () => {
      current = false;
    };
    // `key` stands for `changes`: a new array every render, the same writes while equal.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
