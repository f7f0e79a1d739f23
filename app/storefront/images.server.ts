import { DEMO_PRODUCTS } from "../demo/catalog";
import { productImageSvg } from "../demo/product-image";

/** The SVG tile of a demo product by file name (`phone-case.svg`); null for anything else. */
export function productImageFile(file: string): string | null {
  const match = /^([a-z0-9-]+)\.svg$/.exec(file);
  const product = match ? DEMO_PRODUCTS.find((p) => p.handle === match[1]) : undefined;
  return product ? productImageSvg(product) : null;
}
