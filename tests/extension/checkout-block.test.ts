/// <reference types="@shopify/ui-extensions/purchase.checkout.block.render" />
import type { CartLineChangeResult } from "@shopify/ui-extensions/checkout";
import { createResult } from "@shopify/ui-extensions-tester/checkout";
import { fireEvent, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { holdoutBucket, type OfferConfig } from "../../app/engine";
import {
  EXAMPLE,
  cartLine,
  customerEntry,
  customerState,
  gid,
  harness,
  published,
  readLocale,
  shopEntry,
  signIn,
  standardWash,
  texts,
  tokenIn,
  translateWith,
} from "./support";

const extension = harness("purchase.checkout.block.render");

const buttons = () => [...document.body.querySelectorAll("s-button")];
const button = (label: string) => {
  const found = buttons().find((b) => b.textContent === label);
  if (!found) throw new Error(`no button "${label}" in ${buttons().map((b) => b.textContent)}`);
  return found;
};

/** A cart changer that records its calls and answers as checkout would. */
function cartChanges(result = createResult("applyCartLinesChange")) {
  const apply = vi.fn().mockResolvedValue(result);
  extension.shopify.applyCartLinesChange = apply;
  return apply;
}

describe("offers at checkout (purchase.checkout.block.render)", () => {
  it("shows the matching offers with headline, reason, price, savings and one action each", async () => {
    extension.shopify.lines.value = [standardWash()];
    await extension.render();

    expect(document.body.querySelector("s-section")?.getAttribute("heading")).toBe(
      "Recommended for you",
    );
    // The merchant's templates, rendered by the engine with the buyer's currency format; a guest
    // has no first name, so that clause is dropped.
    expect(texts("s-text[type=strong]")).toEqual([
      "Upgrade to Premium wash for $25.20, save $2.80",
      "Add Waxing for $12.00",
    ]);
    expect(texts("s-text[color=subdued]")).toEqual([
      "Premium adds underbody rinse and hand drying.",
      "Wax protects the paint you just had washed.",
    ]);
    expect(texts("s-badge")).toEqual(["Save $2.80", "Save $3.00"]);
    expect(buttons().map((b) => b.textContent)).toEqual(["Upgrade", "Add"]);
    expect(button("Upgrade").getAttribute("accessibilitylabel")).toBe(
      "Upgrade: replace Standard wash with Premium wash",
    );
    expect(button("Add").getAttribute("accessibilitylabel")).toBe("Add Waxing to your order");
    // Label in name (WCAG 2.5.3): a voice-control user says what the button shows.
    for (const b of buttons()) {
      expect(b.getAttribute("accessibilitylabel")?.startsWith(b.textContent ?? "?")).toBe(true);
    }
  });

  it("greets a signed-in buyer by name in the merchant's headline", async () => {
    const id = gid("Customer", 7);
    signIn(extension.shopify, { id, firstName: "Ana" });
    extension.shopify.appMetafields.value = [
      shopEntry(published()),
      customerEntry(id, customerState()),
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(texts("s-text[type=strong]")[0]).toBe(
      "Ana, upgrade to Premium wash for $25.20, save $2.80",
    );
  });

  it("uses the localized default copy when the merchant wrote none", async () => {
    extension.shopify.lines.value = [
      cartLine({ variant: 2011, product: 1011, title: "Camera", unitPrice: 200 }),
    ];
    await extension.render();
    // lens-kit has no message or why; pro-lens costs more than 1.5 × the camera (rule 3).
    expect(texts("s-text[type=strong]")).toEqual(["Add Lens kit"]);
    expect(texts("s-text[color=subdued]")).toEqual(["Goes well with what's in your cart."]);
    expect(texts("s-text:not([type]):not([color])")).toEqual(["$250.00"]);
    expect(texts("s-badge")).toEqual([]);
  });

  it("reads list prices: a line already discounted by Ladder still triggers by its list price", async () => {
    extension.shopify.lines.value = [
      cartLine({ variant: 2011, product: 1011, title: "Camera", unitPrice: 200, discounted: 40 }),
    ];
    await extension.render();
    // At the discounted 160.00, 1.5 × would be 240.00 and the 250.00 lens kit would be hidden.
    expect(texts("s-text[type=strong]")).toEqual(["Add Lens kit"]);
  });

  it("replaces the triggering line for an upgrade, keeping its attributes and naming the offer", async () => {
    const line = standardWash({ attributes: [{ key: "Plate", value: "AB-123" }] });
    extension.shopify.lines.value = [line];
    const apply = cartChanges();
    await extension.render();

    fireEvent.click(button("Upgrade"));
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(apply).toHaveBeenCalledWith({
      type: "updateCartLine",
      id: line.id,
      merchandiseId: gid("ProductVariant", 2002),
      quantity: 1,
      attributes: [
        { key: "Plate", value: "AB-123" },
        { key: "_ladder_offer", value: "premium-wash" },
      ],
    });
  });

  it("adds a line for a cross-sell, marked with the offer id", async () => {
    extension.shopify.lines.value = [standardWash()];
    const apply = cartChanges();
    await extension.render();

    fireEvent.click(button("Add"));
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(apply).toHaveBeenCalledWith({
      type: "addCartLine",
      merchandiseId: gid("ProductVariant", 2003),
      quantity: 1,
      attributes: [{ key: "_ladder_offer", value: "waxing" }],
    });
  });

  it("adds the missing items of a bundle at the quantity still missing", async () => {
    const bundle: OfferConfig = {
      version: 1,
      currency: "USD",
      settings: { holdoutPercent: 0 },
      offers: [
        {
          id: "socks-3",
          kind: "bundle",
          title: "Boots and three pairs of socks",
          status: "active",
          discountPercent: 10,
          items: [
            {
              variantId: gid("ProductVariant", 1),
              productId: gid("Product", 1),
              title: "Boots",
              price: "90.00",
              quantity: 1,
            },
            {
              variantId: gid("ProductVariant", 2),
              productId: gid("Product", 2),
              title: "Socks",
              price: "8.00",
              quantity: 3,
            },
          ],
        },
      ],
    };
    extension.shopify.appMetafields.value = [shopEntry(published(bundle))];
    extension.shopify.lines.value = [
      cartLine({ variant: 1, product: 1, title: "Boots", unitPrice: 90 }),
      cartLine({ variant: 2, product: 2, title: "Socks", unitPrice: 8 }),
    ];
    const apply = cartChanges();
    await extension.render();

    expect(texts("s-text[type=strong]")).toEqual(["Complete the set with Socks"]);
    expect(texts("s-text[color=subdued]")).toEqual(["Bought together, the set costs 10% less."]);
    fireEvent.click(button("Add 2"));
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(apply).toHaveBeenCalledWith({
      type: "addCartLine",
      merchandiseId: gid("ProductVariant", 2),
      quantity: 2,
      attributes: [{ key: "_ladder_offer", value: "socks-3" }],
    });
  });

  it("shows a loading button while checkout applies the change, and holds the other offers", async () => {
    extension.shopify.lines.value = [standardWash()];
    let answer: (value: CartLineChangeResult) => void = () => {};
    extension.shopify.applyCartLinesChange = vi.fn(
      () => new Promise<CartLineChangeResult>((resolve) => (answer = resolve)),
    );
    await extension.render();

    fireEvent.click(button("Add"));
    await waitFor(() => expect(button("Add").getAttribute("loading")).toBe("true"));
    expect(button("Upgrade").getAttribute("disabled")).toBe("true");
    answer(createResult("applyCartLinesChange"));
    await waitFor(() => expect(button("Add").hasAttribute("loading")).toBe(false));
    expect(button("Upgrade").hasAttribute("disabled")).toBe(false);
  });

  it("says so briefly when checkout refuses the change, and changes nothing else", async () => {
    extension.shopify.lines.value = [standardWash()];
    const apply = cartChanges(
      createResult("applyCartLinesChange", { type: "error", message: "Variant out of stock" }),
    );
    await extension.render();

    fireEvent.click(button("Add"));
    await waitFor(() =>
      expect(texts("s-banner")).toEqual(["Waxing couldn't be added. Your cart hasn't changed."]),
    );
    expect(document.body.querySelector("s-banner")?.getAttribute("tone")).toBe("critical");
    // One attempt, no retry and no compensating change: the cart stays as the buyer left it.
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it("treats a change that throws like a refused one", async () => {
    extension.shopify.lines.value = [standardWash()];
    extension.shopify.applyCartLinesChange = vi.fn().mockRejectedValue(new Error("network"));
    await extension.render();

    fireEvent.click(button("Upgrade"));
    await waitFor(() =>
      expect(texts("s-banner")).toEqual(["Your cart couldn't be updated. Nothing was changed."]),
    );
  });

  it("offers only what the cart instructions allow", async () => {
    extension.shopify.lines.value = [standardWash()];
    extension.shopify.instructions.value = {
      ...extension.shopify.instructions.value,
      lines: { canAddCartLine: false, canRemoveCartLine: false, canUpdateCartLine: true },
    };
    await extension.render();
    expect(buttons().map((b) => b.textContent)).toEqual(["Upgrade"]);
  });

  it("renders nothing when checkout allows no cart change at all", async () => {
    extension.shopify.lines.value = [standardWash()];
    extension.shopify.instructions.value = {
      ...extension.shopify.instructions.value,
      lines: { canAddCartLine: false, canRemoveCartLine: false, canUpdateCartLine: false },
    };
    const apply = cartChanges();
    await extension.render();
    expect(document.body.innerHTML).toBe("");
    expect(apply).not.toHaveBeenCalled();
  });

  it("respects the merchant's heading and hidden kinds from the checkout editor", async () => {
    extension.shopify.lines.value = [standardWash()];
    extension.shopify.settings.value = { heading: "  Treat your car  ", hide_upgrades: true };
    await extension.render();
    expect(document.body.querySelector("s-section")?.getAttribute("heading")).toBe(
      "Treat your car",
    );
    expect(texts("s-text[type=strong]")).toEqual(["Add Waxing for $12.00"]);
  });

  it("writes a percentage the way the buyer's language does", async () => {
    // Shopify's translate is typed for its own key format; ours resolves the same files.
    (extension.shopify.i18n as unknown as { translate: unknown }).translate = translateWith(
      readLocale("fr"),
      "fr",
    );
    extension.shopify.i18n.formatNumber = (n, options) =>
      new Intl.NumberFormat("fr-FR", options).format(n);
    const boots = (variant: number, title: string, price: string, quantity: number) => ({
      variantId: gid("ProductVariant", variant),
      productId: gid("Product", variant),
      title,
      price,
      quantity,
    });
    extension.shopify.appMetafields.value = [
      shopEntry(
        published({
          version: 1,
          currency: "USD",
          settings: { holdoutPercent: 0 },
          offers: [
            {
              id: "socks",
              kind: "bundle",
              title: "Boots and socks",
              status: "active",
              discountPercent: 12.5,
              items: [boots(1, "Boots", "90.00", 1), boots(2, "Socks", "8.00", 1)],
            },
          ],
        }),
      ),
    ];
    extension.shopify.lines.value = [
      cartLine({ variant: 1, product: 1, title: "Boots", unitPrice: 90 }),
    ];
    await extension.render();
    expect(texts("s-text[color=subdued]")).toEqual([
      "Achetés ensemble, les articles coûtent 12,5 % de moins.",
    ]);
  });

  it("formats money in the buyer's locale", async () => {
    extension.shopify.i18n.formatCurrency = (amount, options) =>
      new Intl.NumberFormat("fr-FR", { style: "currency", currency: "USD", ...options }).format(
        amount,
      );
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    // French groups the amount before the symbol, with (narrow) no-break spaces.
    expect(texts("s-badge")[0]?.replace(/\s/g, " ")).toBe("Save 2,80 $US");
  });
});

describe("who sees nothing", () => {
  it("a buyer in the holdout group sees no offers", async () => {
    extension.shopify.checkoutToken.value = tokenIn("holdout");
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("a buyer the storefront put in the holdout stays there, whatever the token's bucket", async () => {
    const apply = vi.fn().mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.applyAttributeChange = apply;
    extension.shopify.checkoutToken.value = tokenIn("treatment");
    extension.shopify.attributes.value = [{ key: "_ladder_group", value: "holdout" }];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(apply).not.toHaveBeenCalled();
  });

  it("a buyer the storefront put in the treatment group sees offers, whatever the token's bucket", async () => {
    extension.shopify.checkoutToken.value = tokenIn("holdout");
    extension.shopify.attributes.value = [{ key: "_ladder_group", value: "treatment" }];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(texts("s-button")).toEqual(["Upgrade", "Add"]);
  });

  it("ignores a group attribute that is not one of Ladder's groups", async () => {
    extension.shopify.checkoutToken.value = tokenIn("holdout");
    extension.shopify.attributes.value = [{ key: "_ladder_group", value: "vip" }];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("a muted customer (complaint tag) sees no offers", async () => {
    const id = gid("Customer", 8);
    signIn(extension.shopify, { id, firstName: "Bo" });
    extension.shopify.appMetafields.value = [
      shopEntry(published()),
      customerEntry(id, customerState({ tags: ["open-complaint"] })),
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("the muted state counts even when buyer identity is not shared with the app", async () => {
    extension.shopify.appMetafields.value = [
      shopEntry(published()),
      customerEntry(gid("Customer", 8), customerState({ tags: ["open-complaint"] })),
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("a customer who accepted an offer within the cooldown sees no upsells", async () => {
    const id = gid("Customer", 9);
    signIn(extension.shopify, { id });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    extension.shopify.appMetafields.value = [
      shopEntry(published()),
      customerEntry(id, customerState({ lastAcceptedAt: yesterday })),
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it.each([
    ["no published config", []],
    ["a config that is not JSON", [shopEntry("{not json")]],
    ["a config of a newer version", [shopEntry(JSON.stringify({ v: 2, cur: "USD", o: [] }))]],
    ["a malformed config", [shopEntry(JSON.stringify({ v: 1, cur: "USD", o: [{ i: 5 }] }))]],
    [
      "another app's metafield",
      [
        {
          ...shopEntry(published()),
          metafield: { ...shopEntry(published()).metafield, namespace: "other" },
        },
      ],
    ],
  ])("%s: nothing, and no error", async (_, entries) => {
    extension.shopify.appMetafields.value = entries;
    extension.shopify.lines.value = [standardWash()];
    const apply = cartChanges();
    await expect(extension.render()).resolves.toBeUndefined();
    expect(document.body.innerHTML).toBe("");
    expect(apply).not.toHaveBeenCalled();
  });

  it("a cart in another currency than the published config shows nothing", async () => {
    extension.shopify.lines.value = [standardWash({ currency: "EUR" })];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
  });

  it("an unreadable customer state counts as a guest's, not as a reason to fail", async () => {
    const id = gid("Customer", 10);
    signIn(extension.shopify, { id });
    extension.shopify.appMetafields.value = [
      shopEntry(published()),
      // Tags that would mute the buyer, in a document that does not follow the contract.
      customerEntry(id, customerState({ tags: ["open-complaint"], ordersCount: "many" })),
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(buttons().map((b) => b.textContent)).toEqual(["Upgrade", "Add"]);
  });

  it("shows the merchant where offers will appear in the checkout editor", async () => {
    Object.defineProperty(extension.shopify.extension, "editor", {
      configurable: true,
      value: { type: "checkout" },
    });
    extension.shopify.lines.value = [];
    await extension.render();
    expect(texts("s-text")).toEqual([
      "Ladder's offers appear here when a buyer's cart matches one of your active offers.",
    ]);
  });
});

describe("attribution", () => {
  const written = () =>
    vi.mocked(extension.shopify.applyAttributeChange).mock.calls.map((c) => c[0]);

  it("records the buyer's group and the offers shown as checkout attributes", async () => {
    extension.shopify.applyAttributeChange = vi
      .fn()
      .mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    await waitFor(() =>
      expect(written()).toEqual([
        { type: "updateAttribute", key: "_ladder_group", value: "treatment" },
        { type: "updateAttribute", key: "_ladder_shown", value: "premium-wash,waxing" },
      ]),
    );
  });

  it("records the holdout group, though nothing is shown", async () => {
    extension.shopify.applyAttributeChange = vi
      .fn()
      .mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.checkoutToken.value = tokenIn("holdout");
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    await waitFor(() =>
      expect(written()).toEqual([
        { type: "updateAttribute", key: "_ladder_group", value: "holdout" },
      ]),
    );
  });

  it("adds to the offers already recorded and writes nothing already there", async () => {
    extension.shopify.applyAttributeChange = vi
      .fn()
      .mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.attributes.value = [
      { key: "_ladder_group", value: "treatment" },
      { key: "_ladder_shown", value: "gift-tire-shine,waxing" },
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    await waitFor(() =>
      expect(written()).toEqual([
        {
          type: "updateAttribute",
          key: "_ladder_shown",
          value: "gift-tire-shine,waxing,premium-wash",
        },
      ]),
    );
  });

  it("writes nothing when everything is recorded already", async () => {
    const apply = vi.fn().mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.applyAttributeChange = apply;
    extension.shopify.attributes.value = [
      { key: "_ladder_group", value: "treatment" },
      { key: "_ladder_shown", value: "premium-wash,waxing" },
    ];
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts("s-button")).toEqual(["Upgrade", "Add"]);
    expect(apply).not.toHaveBeenCalled();
  });

  it("writes nothing when the cart instructions forbid attribute changes", async () => {
    const apply = vi.fn().mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.applyAttributeChange = apply;
    extension.shopify.instructions.value = {
      ...extension.shopify.instructions.value,
      attributes: { canUpdateAttributes: false },
    };
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts("s-button")).toEqual(["Upgrade", "Add"]);
    expect(apply).not.toHaveBeenCalled();
  });

  it("uses the customer id as the visitor key, so a buyer keeps their group across checkouts", async () => {
    extension.shopify.applyAttributeChange = vi
      .fn()
      .mockResolvedValue(createResult("applyAttributeChange"));
    const settings = { ...EXAMPLE, settings: { ...EXAMPLE.settings, holdoutPercent: 50 } };
    extension.shopify.appMetafields.value = [shopEntry(published(settings))];
    // Whatever the checkout token's bucket, the customer's decides.
    extension.shopify.checkoutToken.value = tokenIn("treatment", 50);
    const customerId = [...Array(100).keys()]
      .map((n) => gid("Customer", n))
      .find((id) => holdoutBucket(id) < 50);
    if (!customerId) throw new Error("no customer id in the holdout");
    signIn(extension.shopify, { id: customerId });
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    expect(document.body.innerHTML).toBe("");
    await waitFor(() =>
      expect(written()).toEqual([
        { type: "updateAttribute", key: "_ladder_group", value: "holdout" },
      ]),
    );
  });
});
