/**
 * Access scopes Ladder requests (mirrored in shopify.app.toml; a test keeps them equal).
 * - read_products: product pickers and offer previews.
 * - write_discounts: the discount function's automatic discount.
 * - read_orders: orders/* webhooks for attribution and the holdout comparison.
 * - read_inventory: inventory_levels/update, so offers of sold-out items leave checkout by themselves.
 * - read_customers, write_customers: segments, and the per-customer app metafield (cooldown and
 *   mute flags); metafieldsSet needs write access to the owner resource, even in `$app`.
 */
export const APP_SCOPES = [
  "read_products",
  "write_discounts",
  "read_orders",
  "read_inventory",
  "read_customers",
  "write_customers",
] as const;
