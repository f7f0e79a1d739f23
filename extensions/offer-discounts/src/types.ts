/**
 * The shapes of the two input queries' results and of the operations the function returns,
 * written by hand for exactly the fields the queries select. The tests check them against
 * schema.graphql and the queries: every fixture is typed with them and validated by Shopify's
 * function test helpers, and the outputs are coerced into the targets' result types.
 */

export interface LineInput {
  id: string;
  quantity: number;
  cost: { amountPerQuantity: { amount: string } };
  /** `{}` for a custom product (the query selects fields on ProductVariant only). */
  merchandise: {
    id?: string;
    product?: {
      id: string;
      /** One flag per `function_input.collectionIds`, in its order. */
      inCollections: { isMember: boolean }[];
      /** One flag per `function_input.tags`, in its order. */
      hasTags: { hasTag: boolean }[];
    };
  };
}

export interface CustomerInput {
  numberOfOrders: number;
  amountSpent: { amount: string };
  /** Whether the customer has any of `function_input.premiumTags`. */
  hasAnyTag: boolean;
}

export interface MetafieldInput {
  jsonValue: unknown;
}

interface CommonInput {
  presentmentCurrencyRate: string;
  discount: { config: MetafieldInput | null; config2: MetafieldInput | null };
  shop: { localTime: { date: string; t0: boolean; t1: boolean; t2: boolean } };
}

interface CartInput {
  lines: LineInput[];
  buyerIdentity: { customer: CustomerInput | null } | null;
  cost: { subtotalAmount: { currencyCode: string } };
}

/** Result of cart_lines_discounts_generate_run.graphql. */
export interface CartLinesInput extends CommonInput {
  cart: CartInput;
}

export interface DeliveryGroupInput {
  id: string;
  deliveryAddress: { countryCode: string | null } | null;
}

/** Result of cart_delivery_options_discounts_generate_run.graphql. */
export interface CartDeliveryOptionsInput extends CommonInput {
  cart: CartInput & { deliveryGroups: DeliveryGroupInput[] };
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
