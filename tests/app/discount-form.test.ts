import { describe, expect, it } from "vitest";
import { validateConfig } from "../../app/config";
import {
  emptyForm,
  fieldErrors,
  fieldLabel,
  formToOffer,
  offerToForm,
  type OfferForm,
} from "../../app/offers/form";

const item = (n: number, price: string) => ({
  variantId: `v${n}`,
  productId: `p${n}`,
  title: `Item ${n}`,
  price,
});

function form(kind: OfferForm["kind"], patch: Partial<OfferForm>): OfferForm {
  return { ...emptyForm(kind), id: "o", title: "O", status: "active", ...patch };
}

const problemsOf = (offer: unknown) => {
  const result = validateConfig({ version: 1, currency: "USD", offers: [offer] });
  return result.ok
    ? []
    : result.problems.map((p) => ({ ...p, path: p.path.replace(/^offers\[0\]\.?/, "") }));
};

describe("the editor's discount value (percent or amount)", () => {
  it("an upgrade by amount saves discountAmount only, and reads back in amount mode", () => {
    const f = form("upgrade", {
      trigger: { productIds: ["p1"], variantIds: [], collectionIds: [], tags: [] },
      item: item(2, "35.00"),
      discountMode: "amount",
      discountAmount: " 5.00 ",
      discountPercent: "10",
    });
    const offer = formToOffer(f);
    expect(offer).toMatchObject({ discountAmount: "5.00" });
    expect(offer).not.toHaveProperty("discountPercent");
    expect(problemsOf(offer)).toEqual([]);
    expect(offerToForm(offer)).toMatchObject({ discountMode: "amount", discountAmount: "5.00" });
  });

  it("a bundle by set price saves bundlePrice; too high a price is reported on the Bundle price field", () => {
    const f = form("bundle", {
      items: [
        { ...item(4, "6.00"), quantity: "2" },
        { ...item(5, "12.00"), quantity: "1" },
      ],
      discountMode: "amount",
      discountAmount: "30.00",
    });
    const offer = formToOffer(f);
    expect(offer).toMatchObject({ bundlePrice: "30.00" });
    expect(offer).not.toHaveProperty("discountPercent");
    const errors = fieldErrors(problemsOf(offer));
    expect(errors).toEqual({ bundlePrice: "must be lower than the set's list total (24.00)" });
    expect(fieldLabel("bundlePrice", "bundle")).toBe("Bundle price");
    expect(offerToForm({ ...offer, bundlePrice: "20.00" })).toMatchObject({
      discountMode: "amount",
      discountAmount: "20.00",
    });
  });

  it("percent mode is the default and keeps the percent", () => {
    const offer = formToOffer(
      form("cross-sell", {
        trigger: { productIds: ["p1"], variantIds: [], collectionIds: [], tags: [] },
        item: item(3, "9.00"),
        discountPercent: "20",
        discountAmount: "3.00",
      }),
    );
    expect(offer).toMatchObject({ discountPercent: 20 });
    expect(offer).not.toHaveProperty("discountAmount");
    expect(fieldLabel("discountAmount", "cross-sell")).toBe("Amount off each unit");
  });
});
