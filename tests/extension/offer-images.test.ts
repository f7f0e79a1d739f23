/// <reference types="@shopify/ui-extensions/purchase.checkout.block.render" />
import { describe, expect, it } from "vitest";
import { compile } from "../../app/engine";
import { EXAMPLE, gid, harness, shopEntry, standardWash } from "./support";

const extension = harness("purchase.checkout.block.render");

const PREMIUM = "https://cdn.example/premium-wash.png";
const WAXING = "https://cdn.example/waxing.png";

/** The example config published with the images publishing read from the catalog. */
function publishedWithImages(images: Record<number, string>): string {
  const byVariant = new Map(
    Object.entries(images).map(([id, url]) => [gid("ProductVariant", id), url]),
  );
  return JSON.stringify(compile(EXAMPLE, { activeOnly: true, images: byVariant }));
}

const thumbnails = () =>
  [...document.body.querySelectorAll("s-product-thumbnail")].map((t) => ({
    src: t.getAttribute("src"),
    alt: t.getAttribute("alt"),
    size: t.getAttribute("size"),
  }));

describe("offered items' images in checkout's offer cards", () => {
  it("shows each offered item's published image, at a fixed small size, named by its title", async () => {
    extension.shopify.appMetafields.value = [
      shopEntry(publishedWithImages({ 2002: PREMIUM, 2003: WAXING })),
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(thumbnails()).toEqual([
      { src: PREMIUM, alt: "Premium wash", size: "small" },
      { src: WAXING, alt: "Waxing", size: "small" },
    ]);
  });

  it("shows a card without an image when its item has none, and the others with theirs", async () => {
    extension.shopify.appMetafields.value = [shopEntry(publishedWithImages({ 2003: WAXING }))];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(thumbnails()).toEqual([{ src: WAXING, alt: "Waxing", size: "small" }]);
    expect(document.body.querySelectorAll("s-button")).toHaveLength(2);
  });

  it("still shows every offer from a config published before images existed", async () => {
    const old = JSON.parse(publishedWithImages({ 2002: PREMIUM })) as Record<string, unknown>;
    delete old.im;
    extension.shopify.appMetafields.value = [shopEntry(JSON.stringify(old))];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(thumbnails()).toEqual([]);
    expect([...document.body.querySelectorAll("s-button")].map((b) => b.textContent)).toEqual([
      "Upgrade",
      "Add",
    ]);
  });
});
