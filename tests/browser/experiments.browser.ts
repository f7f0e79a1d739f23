/**
 * A/B tests in a real browser: a copy is added to a demo offer in the editor and saved, then the
 * offer's page shows each copy's results and the verdict once impressions and acceptances exist.
 * Screenshots: ab-test-editor.png and ab-test-results.png in test-artifacts/browser.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP_DOMAIN } from "../../app/demo/catalog";
import { launchChromium, screenshot, seriousViolations, visible } from "./support";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;
let prisma: PrismaClient;

beforeAll(async () => {
  // The demo server's database: results come from orders a browser can't place here.
  process.env.DATABASE_URL = inject("databaseUrl");
  prisma = (await import("../../app/db.server")).default;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await browser.close();
  await prisma.$disconnect();
});

async function storedVariants(): Promise<unknown> {
  const row = await prisma.offer.findFirst({
    where: { shop: DEMO_SHOP_DOMAIN, key: "waxing" },
    select: { body: true },
  });
  const body = JSON.parse(row?.body ?? "{}") as { variants?: unknown };
  return body.variants ?? null;
}

describe("an A/B test on the waxing cross-sell", () => {
  it("adds a second copy with its own headline and a 2:1 weight, and saves it", async () => {
    await page.goto(`${baseUrl}/app/offers/waxing`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Add a variant" }).click();
    await page.getByLabel("Weight").nth(1).fill("2");
    await page
      .getByLabel("Headline", { exact: true })
      .last()
      .fill("Protect the shine: {item.title}");
    await expect.poll(() => page.getByText("About 67% of buyers").count()).toBe(1);
    await screenshot(page, "ab-test-editor");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Save" }).first().click();
    await expect
      .poll(storedVariants, { timeout: 60_000 })
      .toEqual([
        expect.objectContaining({ id: "A", message: "Add {item.title} for {price}" }),
        expect.objectContaining({ id: "B", weight: 2, message: "Protect the shine: {item.title}" }),
      ]);
  });

  it("shows each copy's take rate and a verdict, with a way to keep the winner", async () => {
    // Two weeks of a test where B clearly takes more: what the storefront and checkout record.
    const days = Array.from({ length: 14 }, (_, i) => `2026-11-${String(10 + i).padStart(2, "0")}`);
    await prisma.dailyRollup.createMany({
      data: days.flatMap((day) => [
        {
          shop: DEMO_SHOP_DOMAIN,
          day,
          group: "treatment",
          offerId: "waxing#A",
          impressions: 70,
          orders: 5,
          attributed: 5 * 1200,
        },
        {
          shop: DEMO_SHOP_DOMAIN,
          day,
          group: "treatment",
          offerId: "waxing#B",
          impressions: 140,
          orders: 15,
          attributed: 15 * 1200,
        },
      ]),
    });
    await page.goto(`${baseUrl}/app/offers/waxing`, { waitUntil: "networkidle" });
    await visible(page.getByText("A/B test results"));
    await visible(page.getByText(/B takes [\d.]+ points more, 95% interval/));
    const table = page.getByRole("table").filter({ hasText: "Chance best" });
    await expect.poll(() => table.getByText("1,960").count()).toBe(1);
    await expect.poll(() => table.getByText("980").count()).toBe(1);
    await visible(page.getByRole("button", { name: "Keep variant B as the offer's only copy" }));
    await screenshot(page, "ab-test-results");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
