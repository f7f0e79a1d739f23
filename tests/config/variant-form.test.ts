import { describe, expect, it } from "vitest";
import { validateConfig } from "../../app/config";
import { fieldErrors, fieldLabel, formToOffer, offerToForm } from "../../app/offers/form";

/** The offer editor keeps A/B copies: stored offer → form → offer changes nothing. */

const offer = {
  id: "lens",
  kind: "cross-sell",
  title: "Lens",
  status: "active",
  message: "Add {item.title}",
  trigger: { productIds: ["gid://shopify/Product/1"] },
  item: { variantId: "v3", productId: "p3", title: "Lens", price: "40.00" },
  discountPercent: 10,
  variants: [
    { id: "A" },
    {
      id: "B",
      weight: 3,
      message: "Zoom in",
      why: "Sharper.",
      item: { variantId: "v4", productId: "p4", title: "Zoom", price: "60.00" },
    },
  ],
};

describe("variant form", () => {
  it("round-trips a cross-sell's copies, weights and items", () => {
    const back = formToOffer(offerToForm(offer));
    expect(back).toEqual(offer);
    expect(validateConfig({ version: 1, currency: "USD", offers: [back] }).ok).toBe(true);
  });

  it("drops copy items on other kinds (only a cross-sell's copy may have one)", () => {
    const form = offerToForm({ ...offer, kind: "upgrade", to: offer.item, item: undefined });
    const back = formToOffer(form);
    expect(back.variants).toEqual([
      { id: "A" },
      { id: "B", weight: 3, message: "Zoom in", why: "Sharper." },
    ]);
  });

  it("an offer without copies gets none", () => {
    const { variants: _drop, ...plain } = offer;
    void _drop;
    expect(formToOffer(offerToForm(plain))).not.toHaveProperty("variants");
  });

  it("reports a copy's problem on its field, with a readable label", () => {
    const errors = fieldErrors([{ path: "variants[1].weight", message: "must be a whole number" }]);
    expect(errors).toEqual({ "variants[1].weight": "must be a whole number" });
    expect(fieldLabel("variants[1].weight", "cross-sell")).toBe("Variant 2 weight");
  });
});
