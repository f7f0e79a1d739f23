/**
 * Ladder's offer engine: pure, dependency-free TypeScript shared by the admin preview, the
 * checkout extension and the discount function, so what a buyer is promised is what is charged.
 *
 *   compile(config v1) → published JSON  → load(published) → runtime config
 *   evaluate(runtime config, checkout input) → Evaluation
 */
export { compile, KIND_CODES, type CompileOptions, type TriggerResolver } from "./compile";
export { load, MalformedConfig } from "./load";
export { loadForFunction } from "./load-function";
export { encodeLean } from "./lean-encode";
export { readLean, type LeanConfig } from "./lean-read";
export { leanPrice, type LeanCart, type LeanPricing } from "./lean-price";
export { leanKey } from "./lean-format";
export { offerById } from "./offer-by-id";
export { pricedLineCapacity } from "./capacity";
export { canDiscountLines } from "./can-discount";
export { evaluate, evaluateShown, type EvaluateOptions } from "./evaluate";
export { earnedDiscounts, earnedTotals, touches, type EarnedTotals } from "./earned-discounts";
export { offerCopy, plainMoney, type MoneyFormatter } from "./copy";
export { renderTemplate, placeholdersIn, PLACEHOLDERS, type Placeholder } from "./template";
export { minorDigits } from "./currency";
export { parseMoney, parseMoneyRounded, formatMoney } from "./money";
export { parseInstant } from "./instant";
export { parseCustomerState, type CustomerState } from "./customer-state";
export { assignGroup, holdoutBucket } from "./holdout";
export { stableHash } from "./hash";
export { pickVariant, asShownTo } from "./variants";
export { offerRef, offerIdOf } from "./offer-ref";
export { DEFAULT_SETTINGS } from "./defaults";
export * from "./types";
