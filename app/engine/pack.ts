import { minorDigits } from "./currency";
import { parseMoney } from "./money";
import { parseInstant } from "./instant";
import {
  PUBLISHED_VERSION,
  type CrossSellOffer,
  type FunctionConfig,
  type Offer,
  type OfferConfig,
  type PackedIndex,
  type PublishedSettings,
  type Segment,
  type Trigger,
} from "./types";

const VARIANT_PREFIX = "gid://shopify/ProductVariant/";

/** `|` separates fields and `%` escapes; ids never need more. */
export function escapeField(value: string): string {
  return value.includes("|") || value.includes("%")
    ? value.replace(/%/g, "%25").replace(/\|/g, "%7C")
    : value;
}

export function unescapeField(value: string): string {
  return value.includes("%") ? decodeURIComponent(value) : value;
}

/** A variant id as packed: the GID's numeric tail, or `~` and the id as it is. */
export function packVariant(id: string): string {
  const tail = id.startsWith(VARIANT_PREFIX) ? id.slice(VARIANT_PREFIX.length) : "";
  return /^[1-9]\d*$/.test(tail) ? tail : `~${escapeField(id)}`;
}

export function unpackVariant(field: string): string {
  return field.startsWith("~") ? unescapeField(field.slice(1)) : VARIANT_PREFIX + field;
}

export const SEGMENT_INITIALS: Record<Segment, string> = {
  new: "n",
  returning: "r",
  frequent: "f",
  premium: "p",
};

/** The product variants an offer's A/B copies add instead of its own item, once each. */
export function copyItems(offer: CrossSellOffer): string[] {
  const out: string[] = [];
  for (const v of offer.variants ?? []) {
    const id = v.item?.variantId;
    if (id !== undefined && id !== offer.item.variantId && !out.includes(id)) out.push(id);
  }
  return out;
}

class PackedIndexBuilder {
  readonly maps = { v: {}, t: {}, p: {}, c: {}, g: {} } as Record<
    "v" | "t" | "p" | "c" | "g",
    PackedIndex
  >;
  readonly everywhere: number[] = [];

  add(map: "v" | "t" | "p" | "c" | "g", key: string, position: number): void {
    const index = this.maps[map];
    const current = Object.hasOwn(index, key) ? index[key] : undefined;
    if (current === undefined) index[key] = position;
    else if (typeof current === "number") {
      if (current !== position) index[key] = [current, position];
    } else if (current[current.length - 1] !== position) current.push(position);
  }

  build(): FunctionConfig["ix"] {
    const out: FunctionConfig["ix"] = {};
    for (const key of ["v", "t", "p", "c", "g"] as const) {
      if (Object.keys(this.maps[key]).length > 0) out[key] = this.maps[key];
    }
    if (this.everywhere.length > 0) out.e = this.everywhere;
    return out;
  }
}

/**
 * Config v1 → the function form (see `FunctionConfig`): the offers' discount rules packed one
 * string each, triggers (already resolved by the caller) indexed by full id.
 */
export function packForFunction(
  config: OfferConfig,
  offers: readonly Offer[],
  triggers: readonly (Trigger | null)[],
  settings: PublishedSettings,
): FunctionConfig {
  const digits = minorDigits(config.currency);
  const money = (value: string) => String(parseMoney(value, digits) ?? 0);
  const index = new PackedIndexBuilder();
  const packed = offers.map((offer, position) => {
    const trigger = triggers[position];
    if (trigger) {
      for (const id of trigger.variantIds ?? []) index.add("v", id, position);
      for (const id of trigger.productIds ?? []) index.add("p", id, position);
      for (const id of trigger.collectionIds ?? []) index.add("c", id, position);
      for (const tag of trigger.tags ?? []) index.add("g", tag.toLowerCase(), position);
    }
    const head = [
      offer.kind === "cross-sell" ? "x" : offer.kind === "free-shipping" ? "f" : offer.kind[0],
      escapeField(offer.id),
      offer.startsAt === undefined ? "" : String(parseInstant(offer.startsAt)),
      offer.endsAt === undefined ? "" : String(parseInstant(offer.endsAt)),
      (offer.segments ?? []).map((s) => SEGMENT_INITIALS[s]).join("") +
        (offer.priority ? `:${offer.priority}` : ""),
    ];
    let fields: string[];
    switch (offer.kind) {
      case "upgrade":
        index.add("t", offer.to.variantId, position);
        fields = [packVariant(offer.to.variantId), String(offer.discountPercent ?? "")];
        // An amount off each unit comes last, only when given: older packs read the same.
        if (offer.discountAmount !== undefined) fields.push(money(offer.discountAmount));
        break;
      case "cross-sell":
        index.add("t", offer.item.variantId, position);
        fields = [packVariant(offer.item.variantId), String(offer.discountPercent ?? "")];
        // The amount field only when given or when A/B copies' add-ons follow it: packs without
        // either read exactly as before.
        if (offer.discountAmount !== undefined || copyItems(offer).length > 0) {
          fields.push(offer.discountAmount === undefined ? "" : money(offer.discountAmount));
        }
        for (const id of copyItems(offer)) {
          index.add("t", id, position);
          fields.push(packVariant(id));
        }
        break;
      case "bundle":
        fields = [
          offer.bundlePrice === undefined
            ? String(offer.discountPercent)
            : `$${money(offer.bundlePrice)}`,
        ];
        for (const item of offer.items) {
          index.add("v", item.variantId, position);
          fields.push(packVariant(item.variantId), String(item.quantity ?? 1));
        }
        break;
      case "volume":
        fields = offer.tiers.flatMap((tier) => [
          String(tier.minQuantity),
          String(tier.discountPercent),
        ]);
        break;
      case "free-shipping":
        index.everywhere.push(position);
        fields = [
          money(offer.threshold),
          (offer.countries ?? []).map((c) => c.toUpperCase()).join(","),
        ];
        break;
      case "gift":
        index.add("t", offer.item.variantId, position);
        fields = [packVariant(offer.item.variantId), money(offer.threshold)];
        break;
    }
    return [...head, ...fields].join("|");
  });
  const out: FunctionConfig = {
    v: PUBLISHED_VERSION,
    f: 1,
    cur: config.currency,
    o: packed,
    ix: index.build(),
  };
  if (Object.keys(settings).length > 0) out.s = settings;
  return out;
}
