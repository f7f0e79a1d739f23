/// <reference types="@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after" />
import { createResult } from "@shopify/ui-extensions-tester/checkout";
import { fireEvent, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { compile, evaluate, load, type OfferConfig } from "../../app/engine";
import {
  EXAMPLE,
  cartLine,
  customerEntry,
  customerState,
  gid,
  harness,
  published,
  shopEntry,
  signIn,
  texts,
  tokenIn,
} from "./support";

const extension = harness("purchase.checkout.cart-line-list.render-after");

const CONFIG: OfferConfig = {
  version: 1,
  currency: "USD",
  settings: { holdoutPercent: 10, maxOffers: 2 },
  offers: [
    {
      id: "free-ship",
      kind: "free-shipping",
      title: "Free shipping over $50",
      status: "active",
      threshold: "50.00",
      countries: ["US", "CA"],
    },
    {
      id: "gift-bag",
      kind: "gift",
      title: "Tote bag over $40",
      status: "active",
      threshold: "40.00",
      item: {
        variantId: gid("ProductVariant", 900),
        productId: gid("Product", 90),
        title: "Tote bag",
        price: "12.00",
      },
    },
    {
      id: "coffee-volume",
      kind: "volume",
      title: "Coffee: 3 for 5% off, 6 for 10% off",
      status: "active",
      trigger: { variantIds: [gid("ProductVariant", 300)] },
      tiers: [
        { minQuantity: 3, discountPercent: 5 },
        { minQuantity: 6, discountPercent: 10 },
      ],
    },
  ],
};

const coffee = (quantity: number) =>
  cartLine({
    variant: 300,
    product: 30,
    title: "Coffee beans",
    unitPrice: 8,
    quantity,
    image: { url: "https://cdn.example/coffee.png", altText: "A bag of coffee beans" },
  });

function publish(config: OfferConfig = CONFIG) {
  extension.shopify.appMetafields.value = [shopEntry(published(config))];
}

const bars = () => [...document.body.querySelectorAll("s-progress")];
/** The sentence above each bar. */
const barLabels = () => bars().map((bar) => bar.previousElementSibling?.textContent);
const button = (label: string) => {
  const found = [...document.body.querySelectorAll("s-button")].find(
    (b) => b.textContent === label,
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

describe("under the cart lines (purchase.checkout.cart-line-list.render-after)", () => {
  it("shows the amount remaining to free shipping and to the gift, with exact bars", async () => {
    publish();
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();

    expect(barLabels()).toEqual([
      "Spend $34.00 more for free shipping.",
      "Spend $24.00 more to get Tote bag free.",
    ]);
    expect(bars().map((bar) => [bar.getAttribute("value"), bar.getAttribute("max")])).toEqual([
      ["1600", "5000"],
      ["1600", "4000"],
    ]);
    expect(bars().map((bar) => bar.getAttribute("accessibilitylabel"))).toEqual([
      "Progress toward free shipping",
      "Progress toward your free gift",
    ]);
  });

  it("nudges to the next quantity break, with the line's image", async () => {
    publish();
    extension.shopify.lines.value = [coffee(2)];
    const apply = vi.fn().mockResolvedValue(createResult("applyCartLinesChange"));
    extension.shopify.applyCartLinesChange = apply;
    await extension.render();

    expect(texts("s-text[type=strong]")).toEqual(["Add 1 more Coffee beans"]);
    expect(texts("s-text[color=subdued]")).toEqual(["Buying more lowers the price of every unit."]);
    expect(texts("s-badge")).toEqual(["Save $1.20"]);
    const thumbnail = document.body.querySelector("s-product-thumbnail");
    expect(thumbnail?.getAttribute("src")).toBe("https://cdn.example/coffee.png");
    expect(thumbnail?.getAttribute("alt")).toBe("A bag of coffee beans");

    fireEvent.click(button("Add"));
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(apply).toHaveBeenCalledWith({
      type: "addCartLine",
      merchandiseId: gid("ProductVariant", 300),
      quantity: 1,
      attributes: [{ key: "_ladder_offer", value: "coffee-volume" }],
    });
  });

  it("offers the earned gift right under its bar, free", async () => {
    publish();
    // 6 × 8.00 reaches the 10 % tier: 43.20 after Ladder's discount, over the gift's 40.00.
    extension.shopify.lines.value = [coffee(6)];
    const apply = vi.fn().mockResolvedValue(createResult("applyCartLinesChange"));
    extension.shopify.applyCartLinesChange = apply;
    await extension.render();

    expect(barLabels()).toEqual([
      "Spend $6.80 more for free shipping.",
      "You've earned Tote bag for free.",
    ]);
    expect(texts("s-text[type=strong]")).toEqual(["Your free gift: Tote bag"]);
    expect(texts("s-badge")).toEqual(["Save $12.00"]);
    expect(texts("s-text").includes("Free")).toBe(true);

    fireEvent.click(button("Add free gift"));
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(apply).toHaveBeenCalledWith({
      type: "addCartLine",
      merchandiseId: gid("ProductVariant", 900),
      quantity: 1,
      attributes: [{ key: "_ladder_offer", value: "gift-bag" }],
    });
  });

  it("says when free shipping is reached", async () => {
    publish();
    extension.shopify.lines.value = [
      coffee(2),
      cartLine({ variant: 301, product: 31, title: "Grinder", unitPrice: 45 }),
    ];
    await extension.render();
    expect(barLabels()).toEqual(["Your order ships free.", "You've earned Tote bag for free."]);
  });

  it("leaves out free shipping for a country the offer does not cover", async () => {
    publish();
    extension.shopify.localization.country.value = { isoCode: "FR" };
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();
    expect(barLabels()).toEqual(["Spend $24.00 more to get Tote bag free."]);
  });

  it("hides what the merchant hid in the checkout editor", async () => {
    publish();
    extension.shopify.settings.value = { hide_progress: true };
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();
    expect(bars()).toHaveLength(0);
    expect(texts("s-text[type=strong]")).toEqual(["Add 1 more Coffee beans"]);
  });

  it("shows the bars but no action when checkout cannot add lines", async () => {
    publish();
    extension.shopify.instructions.value = {
      ...extension.shopify.instructions.value,
      lines: { canAddCartLine: false, canRemoveCartLine: false, canUpdateCartLine: false },
    };
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();
    expect(bars()).toHaveLength(2);
    expect(document.body.querySelector("s-button")).toBeNull();
  });

  it("shows nothing to a buyer in the holdout group or to a muted customer", async () => {
    publish();
    extension.shopify.checkoutToken.value = tokenIn("holdout");
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();
    expect(document.body.innerHTML).toBe("");

    extension.tearDown();
    extension.setUp();
    const id = gid("Customer", 3);
    signIn(extension.shopify, { id });
    extension.shopify.appMetafields.value = [
      shopEntry(published(CONFIG)),
      customerEntry(id, customerState({ tags: ["Open-Complaint"] })),
    ];
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("records the progress and nudges it showed", async () => {
    publish();
    const apply = vi.fn().mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.applyAttributeChange = apply;
    extension.shopify.lines.value = [coffee(2)];
    await extension.render();
    await waitFor(() =>
      expect(apply.mock.calls.map((call) => call[0])).toEqual([
        { type: "updateAttribute", key: "_ladder_group", value: "treatment" },
        {
          type: "updateAttribute",
          key: "_ladder_shown",
          value: "free-ship,gift-bag,coffee-volume",
        },
      ]),
    );
  });

  it("cannot match tag or collection triggers: checkout does not expose them", async () => {
    // The example's chocolate-volume is triggered by the tag "chocolate-bar". The admin preview,
    // which knows the product's tags, shows it...
    const runtime = load(compile(EXAMPLE, { activeOnly: true }));
    if (!runtime) throw new Error("the example config does not load");
    const preview = evaluate(runtime, {
      lines: [
        {
          id: "l1",
          variantId: gid("ProductVariant", 2021),
          productId: gid("Product", 1021),
          quantity: 2,
          unitPrice: "6.00",
          tags: ["chocolate-bar"],
        },
      ],
      countryCode: "DE",
      visitorKey: tokenIn("treatment"),
      now: new Date().toISOString(),
    });
    expect(preview.offers.map((offer) => offer.offerId)).toEqual(["chocolate-volume"]);

    // ...checkout, which does not, shows the gift progress only.
    extension.shopify.localization.country.value = { isoCode: "DE" };
    extension.shopify.lines.value = [
      cartLine({
        variant: 2021,
        product: 1021,
        title: "Dark chocolate",
        unitPrice: 6,
        quantity: 2,
      }),
    ];
    await extension.render();
    expect(document.body.querySelector("s-button")).toBeNull();
    expect(barLabels()).toEqual(["Spend $28.00 more to get Tire shine free."]);
    expect(texts("s-text[type=strong]")).toEqual([]);
  });
});
