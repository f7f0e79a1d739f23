/**
 * The function's input for an offer config and an engine checkout input, as Shopify builds it
 * from the input queries once the config is published: the app's own builder (the one behind
 * `ladder function-input`), with the signatures the tests and benchmarks use.
 */
import type { CheckoutInput, FunctionConfig, OfferConfig } from "../../app/engine";
import {
  deliveryInput as deliveryTargetInput,
  linesInput,
  type DeliveryGroup,
  type FunctionInputOptions,
} from "../../app/shopify/function-input";
import { joinConfig } from "../../extensions/offer-discounts/src/contract";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";

export { catalogResolver, type CatalogVariant } from "../../app/shopify/function-input";
export type BuildOptions = FunctionInputOptions;

export function functionInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: BuildOptions = {},
): CartLinesInput {
  return linesInput(config, checkout, options);
}

export function deliveryInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  groups: DeliveryGroup[],
  options: BuildOptions = {},
): CartDeliveryOptionsInput {
  return deliveryTargetInput(config, checkout, { ...options, deliveryGroups: groups });
}

const VARIANT_PREFIX = "gid://shopify/ProductVariant/";
const WIDTH = 3;
const POSITION = 2;

/** Positions as the function form's index writes them: one as a number, more as an array. */
function positions(codes: string): number | number[] | undefined {
  const all: number[] = [];
  for (let k = 0; k < codes.length; k += POSITION)
    all.push(parseInt(codes.slice(k, k + POSITION), 36));
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : all;
}

/** What a lean text holds, as plain data (see `lean-format.ts`). */
export interface LeanContents {
  currency: string;
  /** The lean records, in config order. */
  offers: string[];
  /** The function form's index (`v`, `t` keyed by variant GID; `e`). */
  ix: FunctionConfig["ix"];
  /** The published settings. */
  s: NonNullable<FunctionConfig["s"]>;
  /** Schedule boundaries. */
  b: number[];
}

/**
 * A lean text read back (`encodeLean` backwards) as plain data, for comparing what publishing
 * wrote with what the engine compiles. Written independently of `readLean`, from the layout
 * documented in `lean-format.ts`.
 */
export function decodeLeanText(text: string): LeanContents {
  const eol = text.indexOf("\n");
  const head = text.slice(0, eol).split("|");
  const size = Number(head[2]);
  const buckets = Number(head[3]);
  const offset = (at: number) => parseInt(text.slice(at, at + WIDTH), 36);
  const offersAt = eol + 1 + WIDTH * (size + 1);
  const offers: string[] = [];
  for (let i = 0; i < size; i += 1) {
    offers.push(
      text.slice(
        offersAt + offset(eol + 1 + WIDTH * i),
        offersAt + offset(eol + 1 + WIDTH * (i + 1)),
      ),
    );
  }
  const tableAt = offersAt + offset(eol + 1 + WIDTH * size) + buckets;
  const records = text.slice(tableAt + WIDTH * (buckets + 1));
  const v: Record<string, number | number[]> = {};
  const t: Record<string, number | number[]> = {};
  for (const record of records.split(";")) {
    if (record === "") continue;
    const [key = "", flagged = "", targets = ""] = record.split(" ");
    const triggers = flagged.slice(1);
    const id = key.startsWith("%%")
      ? decodeURIComponent(key.slice(2))
      : VARIANT_PREFIX + decodeURIComponent(key);
    const vp = positions(triggers);
    const tp = positions(targets);
    if (vp !== undefined) v[id] = vp;
    if (tp !== undefined) t[id] = tp;
  }
  const ix: FunctionConfig["ix"] = {};
  if (Object.keys(v).length > 0) ix.v = v;
  if (Object.keys(t).length > 0) ix.t = t;
  const everywhere = (head[5] ?? "").split(",").filter(Boolean).map(Number);
  if (everywhere.length > 0) ix.e = everywhere;
  return {
    currency: head[1] ?? "",
    offers,
    ix,
    s: JSON.parse(head.slice(9).join("|")) as NonNullable<FunctionConfig["s"]>,
    b: (head[4] ?? "").split(",").filter(Boolean).map(Number),
  };
}

/** What the metafield values (as publishing writes them, JSON text) hold; see `decodeLeanText`. */
export function mergedParts(values: readonly string[]): LeanContents {
  const text = joinConfig(values.map((value) => JSON.parse(value) as unknown));
  if (text === null) throw new Error("not the parts publishing writes");
  return decodeLeanText(text);
}
