/**
 * The function's types. The inputs are the input queries' results exactly as GraphQL Code
 * Generator writes them from schema.graphql and src/*.graphql (`generated/api.ts`, from the
 * `codegen` key of package.json: `npm run generate`, and the Shopify CLI's build, run it). The
 * outputs are the narrow shapes the function returns, each checked below to be assignable to
 * the target's generated result type.
 */
import type * as Api from "../generated/api";

export type DiscountClass = Api.DiscountClass;

/** Result of cart_lines_discounts_generate_run.graphql. */
export type CartLinesInput = Api.CartLinesInput;
/** Result of cart_delivery_options_discounts_generate_run.graphql. */
export type CartDeliveryOptionsInput = Api.CartDeliveryOptionsInput;
/** What both targets' input has in common: all the adapter reads. */
export type FunctionInput = CartLinesInput | CartDeliveryOptionsInput;

/** A cart line as the lines target asks for it. */
export type LineInput = CartLinesInput["cart"]["lines"][number];
/** A cart line as the delivery target asks for it: delivery needs no line's identity. */
export type DeliveryLineInput = CartDeliveryOptionsInput["cart"]["lines"][number];
export type DeliveryGroupInput = CartDeliveryOptionsInput["cart"]["deliveryGroups"][number];
export type CustomerInput = NonNullable<
  NonNullable<CartLinesInput["cart"]["buyerIdentity"]>["customer"]
>;
export type MetafieldInput = NonNullable<CartLinesInput["discount"]["config"]>;

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

/** Compiles only when `T` is assignable to `U`. */
type Assignable<T extends U, U> = T;
/** The outputs are valid results of their targets, by the generated schema types. */
export type CheckedOutputs = [
  Assignable<CartLinesDiscountsGenerateRunResult, Api.CartLinesDiscountsGenerateRunResult>,
  Assignable<
    CartDeliveryOptionsDiscountsGenerateRunResult,
    Api.CartDeliveryOptionsDiscountsGenerateRunResult
  >,
];
