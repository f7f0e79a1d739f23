/// <reference types="@shopify/ui-extensions/purchase.checkout.block.render" />
import { createResult } from "@shopify/ui-extensions-tester/checkout";
import { fireEvent, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { holdoutBucket, pickVariant, type Offer, type OfferConfig } from "../../app/engine";
import { EXAMPLE, gid, harness, published, shopEntry, standardWash, texts } from "./support";

/** A/B copies at checkout: the buyer's copy is shown, and attributes name it (DESIGN §3.5). */

const extension = harness("purchase.checkout.block.render");

const variants = [
  { id: "A", weight: 1 },
  { id: "B", weight: 1, message: "Shine on: {item.title} for {price}", why: "Lasts a month." },
];

const abConfig: OfferConfig = {
  ...EXAMPLE,
  offers: EXAMPLE.offers.map((offer) =>
    offer.id === "waxing" ? ({ ...offer, variants } as Offer) : offer,
  ),
};

/** A checkout token in the treatment group whose buyer sees copy `id` of "waxing". */
function tokenSeeing(id: string): string {
  for (let i = 0; ; i += 1) {
    const token = `checkout-token-${i}`;
    if (holdoutBucket(token) >= 10 && pickVariant(variants, "waxing", token)?.id === id)
      return token;
  }
}

describe("A/B copies at checkout", () => {
  it.each(["A", "B"])("shows copy %s and marks the added line offerId#variantId", async (id) => {
    extension.shopify.appMetafields.value = [shopEntry(published(abConfig))];
    extension.shopify.checkoutToken.value = tokenSeeing(id);
    extension.shopify.lines.value = [standardWash()];
    const apply = vi.fn().mockResolvedValue(createResult("applyCartLinesChange"));
    extension.shopify.applyCartLinesChange = apply;
    await extension.render();

    expect(texts("s-text[type=strong]")[1]).toBe(
      id === "B" ? "Shine on: Waxing for $12.00" : "Add Waxing for $12.00",
    );
    const add = [...document.body.querySelectorAll("s-button")].find(
      (b) => b.textContent === "Add",
    );
    if (!add) throw new Error("no Add button");
    fireEvent.click(add);
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(apply).toHaveBeenCalledWith({
      type: "addCartLine",
      merchandiseId: gid("ProductVariant", 2003),
      quantity: 1,
      attributes: [{ key: "_ladder_offer", value: `waxing#${id}` }],
    });
  });

  it("records the copy seen in _ladder_shown", async () => {
    extension.shopify.appMetafields.value = [shopEntry(published(abConfig))];
    extension.shopify.checkoutToken.value = tokenSeeing("B");
    extension.shopify.applyAttributeChange = vi
      .fn()
      .mockResolvedValue(createResult("applyAttributeChange"));
    extension.shopify.lines.value = [standardWash()];
    await extension.render();
    await waitFor(() =>
      expect(
        vi.mocked(extension.shopify.applyAttributeChange).mock.calls.map((c) => c[0]),
      ).toContainEqual({
        type: "updateAttribute",
        key: "_ladder_shown",
        value: "premium-wash,waxing#B",
      }),
    );
  });
});
