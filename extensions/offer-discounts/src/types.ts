/**
 * The shapes of the two input queries' results and of the operations the function returns,
 * written by hand for exactly the fields the queries select. The tests check them against
 * schema.graphql and the queries: every fixture is typed with them and validated by Shopify's
 * function test helpers, and the outputs are coerced into the targets' result types.
 */

/** A cart line as the delivery target asks for it: delivery needs no line's identity. */
export interface DeliveryLineInput {
  quantity: number;
  cost: { amountPerQuantity: { amount: string } };
  /** `{}` for a custom product (the query selects fields on ProductVariant only). */
  merchandise: { id?: string };
  /** The `_ladder_offer` attribute: the offer that added or upgraded the line (rule 14). */
  ladderOffer: { value: string | null } | null;
}

/** A cart line as the lines target asks for it. */
export interface LineInput extends DeliveryLineInput {
  id: string;
}

export interface CustomerInput {
  /** `$app`/`ladder_state`: the customer state document, when the app has written one. */
  ladderState: MetafieldInput | null;
}

export interface MetafieldInput {
  jsonValue: unknown;
}

interface CommonInput {
  presentmentCurrencyRate: string;
  /** The config's parts, in `CONFIG_KEYS` order. */
  discount: {
    config: MetafieldInput | null;
    config2: MetafieldInput | null;
    config3: MetafieldInput | null;
    config4: MetafieldInput | null;
  };
  shop: { localTime: { date: string; t0: boolean; t1: boolean; t2: boolean } };
}

interface CartInput<Line> {
  lines: Line[];
  buyerIdentity: { customer: CustomerInput | null } | null;
  /** The whole cart's subtotal, before any discount. */
  cost: { subtotalAmount: { amount: string; currencyCode: string } };
}

/** What both targets' input has in common: all the adapter reads. */
export interface FunctionInput extends CommonInput {
  cart: CartInput<LineInput | DeliveryLineInput>;
}

/** Result of cart_lines_discounts_generate_run.graphql. */
export interface CartLinesInput extends CommonInput {
  cart: CartInput<LineInput>;
}

export interface DeliveryGroupInput {
  id: string;
  deliveryAddress: { countryCode: string | null } | null;
}

/** Result of cart_delivery_options_discounts_generate_run.graphql. */
export interface CartDeliveryOptionsInput extends CommonInput {
  cart: CartInput<DeliveryLineInput> & { deliveryGroups: DeliveryGroupInput[] };
}

export interface ProductDiscountCandidate {
  targets: { cartLine: { id: string } }[];
  value: { fixedAmount: { amount: string } };
}

export interface CartLinesDiscountsGenerateRunResult {
  operations: {
    productDiscountsAdd: {
      selectionStrategy: "ALL";
      candidates: ProductDiscountCandidate[];
    };
  }[];
}

export interface DeliveryDiscountCandidate {
  targets: { deliveryGroup: { id: string } }[];
  value: { percentage: { value: string } };
}

export interface CartDeliveryOptionsDiscountsGenerateRunResult {
  operations: {
    deliveryDiscountsAdd: {
      selectionStrategy: "ALL";
      candidates: DeliveryDiscountCandidate[];
    };
  }[];
}
