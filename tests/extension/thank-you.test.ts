/// <reference types="@shopify/ui-extensions/purchase.thank-you.block.render" />
import { describe, expect, it } from "vitest";
import type { OfferConfig } from "../../app/engine";
import {
  EXAMPLE,
  cartLine,
  harness,
  published,
  shopEntry,
  standardWash,
  texts,
  tokenIn,
} from "./support";

const extension = harness("purchase.thank-you.block.render");

const links = () =>
  [...document.body.querySelectorAll("s-button")].map((b) => [
    b.textContent,
    b.getAttribute("href"),
  ]);

describe("next-order suggestion (purchase.thank-you.block.render)", () => {
  it("renders on a target without cart APIs, linking to a new cart instead", async () => {
    // The order is placed: this target's API has no way to change a cart or its attributes.
    expect("applyCartLinesChange" in extension.shopify).toBe(false);
    expect("applyAttributeChange" in extension.shopify).toBe(false);
    extension.shopify.lines.value = [standardWash()];
    await extension.render();

    expect(document.body.querySelector("s-section")?.getAttribute("heading")).toBe(
      "For your next order",
    );
    // The upgrade makes no sense once bought; the add-on does.
    expect(texts("s-text[type=strong]")).toEqual(["Waxing"]);
    expect(texts("s-text[color=subdued]")).toEqual(["Wax protects the paint you just had washed."]);
    expect(links()).toEqual([["Shop now", "https://mock-shop.myshopify.com/cart/2003:1"]]);
    expect(document.body.querySelector("s-button")?.getAttribute("accessibilitylabel")).toBe(
      "Shop now: Waxing (opens a new checkout)",
    );
  });

  it("shows the list price: checkout's add-on discount needs the trigger in the same cart", async () => {
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(texts("s-text:not([type]):not([color])")).toEqual(["$15.00"]);
    expect(texts("s-badge")).toEqual([]);
  });

  it("replaces a merchant reason that quotes checkout's price with the default one", async () => {
    const config: OfferConfig = {
      ...EXAMPLE,
      offers: EXAMPLE.offers.map((offer) =>
        offer.id === "waxing" ? { ...offer, why: "Only {price} with your wash." } : offer,
      ),
    };
    extension.shopify.appMetafields.value = [shopEntry(published(config))];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(texts("s-text[color=subdued]")).toEqual(["Goes well with what you just bought."]);
  });

  it("suggests nothing after an order in which the buyer accepted an offer (cooldown)", async () => {
    extension.shopify.lines.value = [
      standardWash(),
      cartLine({
        variant: 2004,
        product: 1004,
        title: "Tire shine",
        unitPrice: 8,
        attributes: [{ key: "_ladder_offer", value: "gift-tire-shine" }],
      }),
    ];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("suggests nothing to a buyer in the holdout group", async () => {
    extension.shopify.checkoutToken.value = tokenIn("holdout");
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("suggests nothing without a published config, or without a storefront to link to", async () => {
    extension.shopify.appMetafields.value = [];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");

    extension.tearDown();
    extension.setUp();
    extension.shopify.appMetafields.value = [shopEntry(published())];
    extension.shopify.shop.storefrontUrl = undefined;
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("links the rest of a bundle at the quantity still missing", async () => {
    extension.shopify.lines.value = [
      cartLine({ variant: 2031, product: 1031, title: "Phone", unitPrice: 799 }),
    ];
    await extension.render();
    expect(texts("s-text[type=strong]")).toEqual(["Phone case"]);
    expect(texts("s-text:not([type]):not([color])")).toEqual(["$30.00"]);
    expect(links()).toEqual([["Shop now", `https://mock-shop.myshopify.com/cart/2032:1`]]);
  });
});
