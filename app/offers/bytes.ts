/** A text's size in UTF-8 bytes: how Shopify measures metafield values, and Ladder its budgets. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A size as merchants read it next to Shopify's limits: "23.4 KB". */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
