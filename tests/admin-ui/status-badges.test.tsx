// @vitest-environment jsdom
import "../support/match-media";
import { AppProvider } from "@shopify/polaris";
import translations from "@shopify/polaris/locales/en.json" with { type: "json" };
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StatusBadges } from "../../app/components/offers/OfferListRow";
import type { OfferSummary } from "../../app/models/offers.server";
import { scheduleState } from "../../app/offers/schedule";

afterEach(cleanup);

const offer = (startsAt: string | null, endsAt: string | null): OfferSummary => ({
  key: "ship",
  kind: "free-shipping",
  status: "active",
  title: "Free shipping",
  priority: 0,
  position: 0,
  startsAt,
  endsAt,
  complete: true,
  updatedAt: "2026-12-01T00:00:00.000Z",
});

const END = "2026-12-06T12:00:00.000Z";

describe("an offer's schedule badge", () => {
  it("is judged at the instant the loader read, to the millisecond", () => {
    expect(scheduleState(offer(null, END), "2026-12-06T11:59:59.999Z")).toBe("running");
    expect(scheduleState(offer(null, END), END)).toBe("ended");
    expect(scheduleState(offer(END, null), "2026-12-06T11:59:59.999Z")).toBe("scheduled");
    expect(scheduleState(offer(END, null), END)).toBe("running");
    expect(scheduleState(offer(null, null), END)).toBe("running");
  });

  it("renders from the server's instant, whatever the browser's clock says", () => {
    // Wall-clock time is long past END here: only the instant passed in decides.
    const { rerender } = render(
      <AppProvider i18n={translations}>
        <StatusBadges offer={offer(null, END)} now="2026-12-06T11:00:00.000Z" />
      </AppProvider>,
    );
    expect(screen.queryByText("Ended")).toBeNull();
    rerender(
      <AppProvider i18n={translations}>
        <StatusBadges offer={offer(null, END)} now="2026-12-06T13:00:00.000Z" />
      </AppProvider>,
    );
    expect(screen.getByText("Ended")).toBeTruthy();
  });
});
