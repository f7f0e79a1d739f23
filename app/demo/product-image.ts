/**
 * The demo catalog's product images: small SVG tiles drawn in code (a colour per story, the
 * product's initials and title), so the demo has pictures without any network or binary files.
 * Pure, shared by the image route, the storefront and the Admin API stand-in.
 */
import type { DemoProduct, DemoStory } from "./catalog";

/** Where the demo serves a product's image (the Admin API stand-in reports it as its URL). */
export const PRODUCT_IMAGE_PREFIX = "/storefront/images/";

export function productImagePath(handle: string): string {
  return `${PRODUCT_IMAGE_PREFIX}${handle}.svg`;
}

/**
 * An image path as an absolute URL on `origin` (`http://localhost:3000`): Shopify hands out
 * absolute CDN URLs, so what reads the demo's images gets the same shape, served by the demo.
 */
export function absoluteImageUrl(imagePath: string, origin: string): string {
  return new URL(imagePath, origin).href;
}

/** A demo product's image URL on `origin`, or "" for a product without an image. */
export function productImageUrl(product: { imagePath: string | null }, origin: string): string {
  return product.imagePath ? absoluteImageUrl(product.imagePath, origin) : "";
}

// Background and ink per story; every pair has a contrast ratio well above 4.5:1.
const PALETTE: Record<DemoStory, { background: string; accent: string; ink: string }> = {
  "car-wash": { background: "#dbeafe", accent: "#93c5fd", ink: "#1e3a8a" },
  camera: { background: "#e5e7eb", accent: "#9ca3af", ink: "#111827" },
  chocolate: { background: "#f5e6d8", accent: "#d6b08c", ink: "#4a2511" },
  phone: { background: "#dcfce7", accent: "#86efac", ink: "#14532d" },
};

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "Dark chocolate" → "DC", "Camera" → "CA". */
export function initials(title: string): string {
  const words = title.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const first = words[0] ?? "?";
  const letters = words.length > 1 ? `${first[0]}${words[1]?.[0] ?? ""}` : first.slice(0, 2);
  return letters.toUpperCase();
}

/** A square SVG tile for the product; `title` gives it an accessible name. */
export function productImageSvg(product: Pick<DemoProduct, "title" | "story">): string {
  const { background, accent, ink } = PALETTE[product.story];
  const title = escapeXml(product.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="400" height="400" fill="${background}"/>`,
    `<circle cx="200" cy="170" r="110" fill="${accent}"/>`,
    `<text x="200" y="205" font-family="system-ui,sans-serif" font-size="96" font-weight="700" text-anchor="middle" fill="${ink}">${escapeXml(initials(product.title))}</text>`,
    `<text x="200" y="345" font-family="system-ui,sans-serif" font-size="32" text-anchor="middle" fill="${ink}">${title}</text>`,
    `</svg>`,
  ].join("");
}
