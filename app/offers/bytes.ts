/** A text's size in UTF-8 bytes: how Shopify measures metafield values, and Ladder its budgets. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
