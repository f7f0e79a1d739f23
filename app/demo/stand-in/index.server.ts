import type { DemoProduct, DemoShopInfo, DemoVariant } from "../catalog";
import { demoOrdersStandIn } from "./orders.server";
import { discountsStandIn } from "./discounts.server";
import { merchantDiscounts } from "./merchant-discounts.server";

type Obj = Record<string, unknown>;

/** What the stand-in's core lends an extension: the shop, the clock and its object builders. */
export interface StandInContext {
  shop: DemoShopInfo;
  now: () => Date;
  money: (amount: string) => { amount: string; currencyCode: string };
  /** `metafield` / `metafields` fields for an owner, backed by the stand-in's metafield store. */
  metafieldFields: (ownerId: string) => Obj;
  /**
   * Validates and writes metafields like metafieldsSet (each input has ownerId, namespace, key,
   * type, value); returns `{ metafields, userErrors }` with userErrors under `field`.
   */
  writeMetafields: (inputs: Obj[], field: string) => Obj;
  productObject: (product: DemoProduct) => Obj;
  variantObject: (variant: DemoVariant, product: DemoProduct) => Obj;
  nodeById: (id: string) => Obj | null;
}

export interface StandInArea {
  /** Query and mutation root fields this area answers (merged into the root value). */
  root?: Obj;
  /** Objects of this area reachable by id through `node` / `nodes` / metafield owners. */
  node?: (id: string) => Obj | null;
}

/** One area of the Admin API beyond the catalog, e.g. discounts or orders; state lives inside. */
export type StandInExtension = (context: StandInContext) => StandInArea;

/** Every area the demo and the tests answer; add one line per area. */
export const STAND_IN_EXTENSIONS: readonly StandInExtension[] = [
  discountsStandIn(),
  merchantDiscounts,
  demoOrdersStandIn,
];
