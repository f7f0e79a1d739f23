// The function's exports, one per target (the Shopify CLI maps the toml's `export` names to them).
export { cartLinesDiscountsGenerateRun } from "./cart_lines_discounts_generate_run";
export { cartDeliveryOptionsDiscountsGenerateRun } from "./cart_delivery_options_discounts_generate_run";
