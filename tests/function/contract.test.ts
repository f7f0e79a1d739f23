import { describe, expect, it } from "vitest";
import {
  compile,
  encodeLean,
  leanKey,
  loadForFunction,
  readLean,
  type FunctionConfig,
} from "../../app/engine";
import {
  CONFIG_KEYS,
  joinConfig,
  METAFIELD_VALUE_LIMIT,
  splitConfig,
} from "../../extensions/offer-discounts/src/contract";
import { benchResolver, functionBenchConfig } from "../bench/function-cases";
import { decodeLeanText } from "./build-input";

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
  it("fits a 200-offer config, two variants per trigger product, in parts of 10,000 bytes", () => {
    const config = published(2);
    const parts = splitConfig(config, [1_800_000_000_000]);
    if (!parts) throw new Error("did not fit");
    expect(parts).toHaveLength(CONFIG_KEYS.length);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT);
    // The lean text is smaller than the function form it encodes.
    const text = encodeLean(config, [1_800_000_000_000]);
    expect(bytes(text)).toBeLessThan(bytes(JSON.stringify(config)));
  });

  it("joins back into the same text, and the text into the same config", () => {
    const config = published(2);
    const boundaries = [1_800_000_000_000, 1_900_000_000_000];
    const parts = splitConfig(config, boundaries);
    if (!parts) throw new Error("did not fit");
    const joined = joinConfig(received(parts));
    expect(joined).toBe(encodeLean(config, boundaries));
    const contents = decodeLeanText(joined ?? "");
    expect(contents.ix).toEqual(config.ix);
    expect(contents.b).toEqual(boundaries);
    expect(contents.s).toEqual(config.s ?? {});
    expect(contents.currency).toBe(config.cur);
    // One record per offer, in order, each naming its offer.
    expect(contents.offers.map((record) => record.split("|").slice(0, 2))).toEqual(
      config.o.map((packed) => packed.split("|").slice(0, 2)),
    );
  });

  it("finds every variant an offer names and no other, as the function form's index does", () => {
    const config = published(2);
    const lean = readLean(encodeLean(config, []), config.cur, "1");
    const original = loadForFunction(config);
    if (!lean || !original) throw new Error("did not load");
    expect(lean.size).toBe(original.size);
    expect(lean.everywhere()).toEqual(original.everywhere);
    const keys = [...Object.keys(config.ix.v ?? {}), ...Object.keys(config.ix.t ?? {})];
    expect(keys.length).toBeGreaterThan(500);
    for (const key of keys) {
      const found: string[] = [];
      expect(lean.find(key, found)).toBeGreaterThan(0);
      expect(found).toEqual([leanKey(key)]);
    }
    for (const other of ["gid://shopify/ProductVariant/1", "constructor", "toString", ""]) {
      const found: string[] = [];
      expect(lean.find(other, found)).toBe(-1);
      expect(found).toEqual([]);
    }
  });

  it("keeps a small config whole in the first part, the others empty", () => {
    const config = published(1);
    const small: FunctionConfig = { ...config, o: config.o.slice(0, 3), ix: {} };
    const parts = splitConfig(small, []);
    expect(parts?.map((part) => JSON.parse(part) as unknown)).toEqual([
      [encodeLean(small, [])],
      [""],
      [""],
      [""],
    ]);
  });

  it("counts bytes, not characters, and never cuts a character in two", () => {
    const config = published(1);
    // Offer ids in scripts of three and four bytes per character (a surrogate pair each).
    const wide: FunctionConfig = {
      ...config,
      o: config.o.map((offer, i) => offer.replace(/\|[^|]*\|/, `|オファー𝒳${i}|`)),
    };
    const parts = splitConfig(wide, []);
    if (!parts) throw new Error("did not fit");
    for (const part of parts) {
      expect(bytes(part)).toBeLessThanOrEqual(METAFIELD_VALUE_LIMIT);
      const [piece] = JSON.parse(part) as [string];
      // No lone surrogate: each part is text on its own.
      expect(piece).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
    const offers = decodeLeanText(joinConfig(received(parts)) ?? "").offers;
    expect(offers.map((record) => record.split("|")[1])).toEqual(
      wide.o.map((packed) => packed.split("|")[1]),
    );
  });

  it("refuses a config the four parts cannot hold", () => {
    const config = published(2);
    const huge: FunctionConfig = {
      ...config,
      o: [...config.o, ...config.o, ...config.o, ...config.o],
    };
    expect(bytes(encodeLean(huge, []))).toBeGreaterThan(4 * METAFIELD_VALUE_LIMIT);
    expect(splitConfig(huge, [])).toBeNull();
  });
});

describe("joining the parts in the function", () => {
  const parts = () => received(splitConfig(published(1), [5]) ?? []);

  it("reads nothing when a part is missing or not what the admin writes", () => {
    const good = parts();
    expect(joinConfig(good)).not.toBeNull();
    expect(joinConfig(good.slice(0, 3))).toBeNull();
    expect(joinConfig([good[0], good[1], good[2], null])).toBeNull();
    expect(joinConfig([good[0], { o: [] }, good[2], good[3]])).toBeNull();
    expect(joinConfig([good[0], ["a", "b"], good[2], good[3]])).toBeNull();
    expect(joinConfig([good[0], [5], good[2], good[3]])).toBeNull();
    expect(joinConfig(["not json we wrote", good[1], good[2], good[3]])).toBeNull();
  });

  it("reads nothing from a text of another version or a damaged one", () => {
    const text = encodeLean(published(1), [5]);
    expect(readLean(text, "USD", "1")).not.toBeNull();
    expect(readLean(text.replace(/^L2\|/, "L3|"), "USD", "1")).toBeNull();
    expect(readLean(text.slice(0, -1), "USD", "1")).toBeNull();
    expect(readLean(text.replace("\n", ""), "USD", "1")).toBeNull();
    expect(readLean(text, "EUR", "0")).toBeNull();
    expect(readLean(text, "EUR", "abc")).toBeNull();
  });
});
