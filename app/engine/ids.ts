import type { PublishedRef } from "./types";

export type GidType = "Product" | "ProductVariant" | "Collection";

const TAIL = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d{1,15})$/;

/** "gid://shopify/Product/42" → 42 when the type matches; any other id stays as it is. */
export function compactId(id: string, type: GidType): PublishedRef {
  const match = TAIL.exec(id);
  if (match && match[1] === type && !match[2]?.startsWith("0")) return Number(match[2]);
  return id;
}

export function expandId(ref: PublishedRef, type: GidType): string {
  return typeof ref === "number" ? `gid://shopify/${type}/${ref}` : ref;
}
