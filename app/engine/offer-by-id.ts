import type { RuntimeConfig, RuntimeOffer } from "./types";

const cache = new WeakMap<RuntimeConfig, Map<string, RuntimeOffer>>();

/** The offer with this id (offers are few; the map is built once per loaded config). */
export function offerById(config: RuntimeConfig, id: string): RuntimeOffer | undefined {
  let byId = cache.get(config);
  if (!byId) {
    byId = new Map();
    for (let i = 0; i < config.size; i += 1) {
      const offer = config.offerAt(i);
      if (!byId.has(offer.id)) byId.set(offer.id, offer);
    }
    cache.set(config, byId);
  }
  return byId.get(id);
}
