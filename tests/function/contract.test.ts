import { describe, expect, it } from "vitest";
import { compile, loadForFunction, type FunctionConfig } from "../../app/engine";
import {
  CONFIG_KEYS,
  joinConfig,
  METAFIELD_VALUE_LIMIT,
  splitConfig,
} from "../../extensions/offer-discounts/src/contract";
import { benchResolver, functionBenchConfig } from "../bench/function-cases";

const bytes = (text: string) => new TextEncoder().encode(text).length;

function published(variantsPerProduct: number): FunctionConfig {
  return compile(functionBenchConfig(), {
    activeOnly: true,
    form: "function",
    resolve: benchResolver(variantsPerProduct),
  });
}

/** What the function receives: each metafield's JSON, parsed. */
const received = (parts: string[]) => parts.map((part) => JSON.parse(part) as unknown);

describe("splitting the function form over the discount's metafields", () => {
  it("fits a 200-offer config, two variants per trigger product, in four parts of 10,000 bytes", () => {
    const config = published(2);
    expect(bytes(JSON.stringify(config))).toBeGreaterThan(3 * METAFIELD_VALUE_LIMIT);
    const parts = splitConfig(config, [1_800_000_000_000]);
    if (!parts) throw new Error("did not fit");
    expect(parts).toHaveLength(CONFIG_KEYS.length);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT);
  });

  it("joins back into the same config: offers in order, every index entry found", () => {
    const config = published(2);
    const parts = splitConfig(config, [1_800_000_000_000, 1_900_000_000_000]);
    if (!parts) throw new Error("did not fit");
    const joined = joinConfig(received(parts));
    if (!joined) throw new Error("did not join");
    expect(joined.boundaries).toEqual([1_800_000_000_000, 1_900_000_000_000]);
    expect(joined.config.o).toEqual(config.o);
    const original = loadForFunction(config);
    const split = loadForFunction(joined.config);
    if (!original || !split) throw new Error("did not load");
    expect(split.size).toBe(original.size);
    expect(split.everywhere).toEqual(original.everywhere);
    const keys = [...Object.keys(config.ix.v ?? {}), ...Object.keys(config.ix.t ?? {})];
    expect(keys.length).toBeGreaterThan(500);
    for (const key of keys) {
      expect(split.relevant(key)).toBe(true);
      expect(split.byVariant(key)).toEqual(original.byVariant(key));
      expect(split.byTarget(key)).toEqual(original.byTarget(key));
    }
    for (const other of ["gid://shopify/ProductVariant/1", "constructor", "toString"]) {
      expect(split.byVariant(other)).toEqual(original.byVariant(other));
      expect(split.byTarget(other)).toEqual(original.byTarget(other));
    }
  });

  it("keeps a small config whole in the first part", () => {
    const config = published(1);
    const small: FunctionConfig = { ...config, o: config.o.slice(0, 3), ix: {} };
    const parts = splitConfig(small, []);
    expect(parts?.map((part) => JSON.parse(part) as unknown)).toEqual([
      small,
      { o: [], b: [] },
      { o: [] },
      { o: [] },
    ]);
  });

  it("counts bytes, not characters", () => {
    const config = published(1);
    // Offer ids in a script of three bytes per character.
    const wide: FunctionConfig = {
      ...config,
      o: config.o.map((offer, i) => offer.replace(/\|[^|]*\|/, `|オファー${i}|`)),
    };
    const parts = splitConfig(wide, []);
    if (!parts) throw new Error("did not fit");
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT);
    expect(joinConfig(received(parts))?.config.o).toEqual(wide.o);
  });

  it("refuses a config the four parts cannot hold", () => {
    const config = published(4);
    expect(bytes(JSON.stringify(config))).toBeGreaterThan(4 * METAFIELD_VALUE_LIMIT);
    expect(splitConfig(config, [])).toBeNull();
  });
});

describe("joining the parts in the function", () => {
  const parts = () => received(splitConfig(published(1), [5]) ?? []);

  it("reads nothing when a part is missing or not what the admin writes", () => {
    const good = parts();
    expect(joinConfig(good)).not.toBeNull();
    expect(joinConfig(good.slice(0, 3))).toBeNull();
    expect(joinConfig([good[0], good[1], good[2], null])).toBeNull();
    expect(joinConfig([good[0], { b: [] }, good[2], good[3]])).toBeNull();
    expect(joinConfig([good[0], { o: [], b: ["soon"] }, good[2], good[3]])).toBeNull();
    expect(joinConfig([good[0], good[1], { o: [], v: [1] }, good[3]])).toBeNull();
    expect(joinConfig(["not json we wrote", good[1], good[2], good[3]])).toBeNull();
  });
});
