// @vitest-environment jsdom
import "../support/match-media";
import { AppProvider } from "@shopify/polaris";
import translations from "@shopify/polaris/locales/en.json" with { type: "json" };
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PreviewOfferCard } from "../../app/components/preview/PreviewOfferCard";
import type { ShownOffer } from "../../app/engine";

afterEach(cleanup);

const waxing: ShownOffer = {
  offerId: "waxing",
  kind: "cross-sell",
  headline: "Add Waxing for $12.00",
  why: "Wax protects the paint you just had washed.",
  action: { type: "add-line", variantId: "gid://shopify/ProductVariant/2003", quantity: 1 },
  price: "12.00",
  savings: "3.00",
};

function card(image?: { url: string; alt: string }) {
  return render(
    <AppProvider i18n={translations}>
      <PreviewOfferCard offer={waxing} currency="USD" image={image} />
    </AppProvider>,
  );
}

describe("Preview's offer card", () => {
  it("shows the offered item's image, named by the item's title", () => {
    card({ url: "https://cdn.example/waxing.svg", alt: "Waxing" });
    const image = screen.getByRole("img", { name: "Waxing" });
    expect(image.getAttribute("src")).toBe("https://cdn.example/waxing.svg");
    expect(screen.getByText("Add Waxing for $12.00")).toBeTruthy();
  });

  it("shows the card without an image when the catalog has none", () => {
    card();
    expect(screen.queryByRole("img")).toBeNull();
    expect(screen.getByText("Add Waxing for $12.00")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add (preview only)" })).toBeTruthy();
  });
});
