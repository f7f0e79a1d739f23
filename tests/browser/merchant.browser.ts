/**
 * A merchant's first steps in a real browser: the get-started path on Home, the overlap warning
 * in the offer editor, typing in the editor before the page has finished loading, and Offers and
 * Home at 390 px. Screenshots in test-artifacts/browser: home-first-run.png, overlap-warning.png,
 * mobile-offers.png, mobile-home.png.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP_DOMAIN } from "../../app/demo/catalog";
import type { Offer } from "../../app/engine";
import { gone, launchChromium, screenshot, seriousViolations, visible } from "./support";

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

async function open(pathname: string, on: Page = page): Promise<void> {
  await on.goto(`${baseUrl}${pathname}`, { waitUntil: "networkidle" });
}

/** The step of the get-started list whose heading starts with `title`. */
function step(title: string): Locator {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
}

/** What has focus: its accessible label, placeholder or text. */
async function focused(on: Page = page): Promise<string> {
  return on.evaluate(() => {
    const el = document.activeElement;
    if (!el) return "";
    return (
      el.getAttribute("aria-label") ??
      el.getAttribute("placeholder") ??
      (el.textContent ?? "").trim()
    );
  });
}

/** No sideways scrolling: the page is no wider than the window. */
async function sidewaysOverflow(on: Page): Promise<number> {
  return on.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Visible boxes that scroll sideways inside the page (a table wider than the phone). */
async function sidewaysScrollers(on: Page): Promise<string[]> {
  return on.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => {
        const style = getComputedStyle(el);
        return (
          (style.overflowX === "auto" || style.overflowX === "scroll") &&
          el.offsetParent !== null &&
          // The trend's figures, folded away until asked for.
          el.closest("details:not([open])") === null &&
          el.scrollWidth > el.clientWidth + 1
        );
      })
      .map((el) => el.className || el.tagName),
  );
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

describe("get started: from an empty shop to published offers", () => {
  // The demo shop as seeded (or as the other browser files left it), put back afterwards.
  let snapshot: {
    offers: Awaited<ReturnType<PrismaClient["offer"]["findMany"]>>;
    publications: Awaited<ReturnType<PrismaClient["publication"]["findMany"]>>;
    discounts: Awaited<ReturnType<PrismaClient["offerDiscount"]["findMany"]>>;
    notices: Awaited<ReturnType<PrismaClient["offerNotice"]["findMany"]>>;
    settings: string;
    previewedAt: Date | null;
  };
  const shop = DEMO_SHOP_DOMAIN;

  beforeAll(async () => {
    snapshot = {
      offers: await prisma.offer.findMany({ where: { shop } }),
      publications: await prisma.publication.findMany({ where: { shop } }),
      discounts: await prisma.offerDiscount.findMany({ where: { shop } }),
      notices: await prisma.offerNotice.findMany({ where: { shop } }),
      settings: (await prisma.shopSettings.findUnique({ where: { shop } }))?.settings ?? "{}",
      previewedAt: (await prisma.shopSettings.findUnique({ where: { shop } }))?.previewedAt ?? null,
    };
    // A new merchant: no offers, nothing published, every guardrail at its default.
    await prisma.offer.deleteMany({ where: { shop } });
    await prisma.publication.deleteMany({ where: { shop } });
    await prisma.shopSettings.update({
      where: { shop },
      data: { settings: "{}", previewedAt: null },
    });
  });

  afterAll(async () => {
    await prisma.offer.deleteMany({ where: { shop } });
    await prisma.publication.deleteMany({ where: { shop } });
    await prisma.offerDiscount.deleteMany({ where: { shop } });
    await prisma.offerNotice.deleteMany({ where: { shop } });
    await prisma.offer.createMany({ data: snapshot.offers });
    await prisma.publication.createMany({ data: snapshot.publications });
    await prisma.offerDiscount.createMany({ data: snapshot.discounts });
    await prisma.offerNotice.createMany({ data: snapshot.notices });
    await prisma.shopSettings.update({
      where: { shop },
      data: { settings: snapshot.settings, previewedAt: snapshot.previewedAt },
    });
  });

  it("Home shows the five steps with their state and a link each", async () => {
    await open("/app");
    await visible(page.getByRole("heading", { name: "Get started" }));
    await visible(page.getByText("0 of 5 steps done"));
    for (const [title, state] of [
      ["1. Create offers from a starter template", "To do"],
      ["2. Check the guardrails", "To do"],
      ["3. Preview what buyers see", "After an earlier step"],
      ["4. Place Ladder's blocks", "To do"],
      ["5. Publish", "After an earlier step"],
    ] as const) {
      await visible(step(title).getByText(state, { exact: true }));
    }
    // The demo store is not on Shopify Plus: checkout steps can't show app blocks there.
    await visible(step("4. Place Ladder's blocks").getByText(/Shopify Plus only/));
    await visible(page.getByRole("link", { name: /Open the demo storefront/ }));
    await visible(page.getByRole("link", { name: /Review guardrails/ }));
    shots.push(await screenshot(page, "home-first-run"));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("creates offers from a starter template on Home, completed with the picker", async () => {
    await page
      .getByLabel("Starter template", { exact: true })
      .selectOption({ label: "Camera: lens kit cross-sell" });
    await page.getByRole("button", { name: "Use template" }).click();
    await page.waitForURL(/\/app\/offers\/lens-kit\?template=1/);

    // The picker puts focus in its search field, so typing searches at once...
    await page.getByRole("button", { name: "Add trigger products" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => focused()).toBe("Search products");
    await page.keyboard.type("Camera");
    await dialog.locator("label", { has: page.getByText("Camera", { exact: true }) }).click();
    await dialog.getByRole("button", { name: "Select" }).click();
    await gone(dialog);
    // ...and gives it back to the button that opened it.
    await expect.poll(() => focused()).toBe("Edit trigger products");

    await page.getByRole("button", { name: "Choose product" }).click();
    await expect.poll(() => focused()).toBe("Search products");
    await dialog.locator("label", { has: page.getByText("Lens kit", { exact: true }) }).click();
    await dialog.getByRole("button", { name: "Select" }).click();
    await gone(dialog);
    await expect.poll(() => focused()).toBe("Change");
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Save" }).first().click();
    await visible(page.getByText("Saved", { exact: true }));

    await open("/app");
    await visible(
      step("1. Create offers from a starter template").getByText("Done", { exact: true }),
    );
    await visible(step("3. Preview what buyers see").getByText("To do", { exact: true }));
    await visible(step("5. Publish").getByText("To do", { exact: true }));
    await visible(page.getByText("1 of 5 steps done"));
  });

  it("opens the preview from Home's link: the step is done", async () => {
    await page.getByRole("link", { name: /Open preview/ }).click();
    await page.waitForURL(/\/app\/preview/);
    await visible(page.getByRole("heading", { name: "Preview", exact: true }));
    await open("/app");
    await visible(step("3. Preview what buyers see").getByText("Done", { exact: true }));
    await visible(page.getByText("2 of 5 steps done"));
  });

  it("checks the guardrails from Home's link, then publishes: Home becomes the dashboard", async () => {
    await page.getByRole("link", { name: /Review guardrails/ }).click();
    await page.waitForURL(/\/app\/settings/);
    await page.getByLabel("Offers shown at once").fill("3");
    await page.getByRole("button", { name: "Save" }).first().click();
    await visible(page.getByText("Settings saved"));
    await open("/app");
    await visible(step("2. Check the guardrails").getByText("Done", { exact: true }));
    await visible(step("2. Check the guardrails").getByText(/At most 3 offers at once/));
    await visible(page.getByText("3 of 5 steps done"));

    await page.getByRole("link", { name: /Review and publish/ }).click();
    await page.waitForURL(/\/app\/offers$/);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await visible(page.getByText(/Published version \d+/));

    await open("/app");
    await visible(page.getByRole("heading", { name: "Average order value: treatment vs holdout" }));
    await gone(page.getByRole("heading", { name: "Get started" }));
  });

  it("Offers and Home fit a 390 px phone without sideways scrolling", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    small.setDefaultTimeout(60_000);
    try {
      for (const [name, path] of [
        ["mobile-offers", "/app/offers"],
        ["mobile-home", "/app"],
      ] as const) {
        await open(path, small);
        if (path === "/app/offers") {
          // The list, not a table to scroll: each offer with its figures.
          await visible(small.getByRole("link", { name: "Lens kit with a camera" }));
          await visible(small.getByText(/Cross-sell · Always · priority 0/));
        } else {
          await visible(small.getByRole("heading", { name: "Offers" }));
        }
        expect(await sidewaysOverflow(small), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
        expect(await sidewaysScrollers(small), `${path} has a box that scrolls sideways`).toEqual(
          [],
        );
        shots.push(await screenshot(small, name));
        expect(await seriousViolations(small)).toEqual([]);
      }
    } finally {
      await phone.close();
    }
  });
});

describe("overlap warning in the offer editor", () => {
  it("names the active offer it overlaps and what buyers get", async () => {
    const { createOffer } = await import("../../app/models/offers.server");
    const waxing = await prisma.offer.findFirstOrThrow({
      where: { shop: DEMO_SHOP_DOMAIN, key: "waxing" },
    });
    expect(waxing.status).toBe("active");
    // A second cross-sell of the same item, with a larger discount, still a draft.
    const { variants: _copies, ...body } = JSON.parse(waxing.body) as Record<string, unknown>;
    await createOffer(DEMO_SHOP_DOMAIN, {
      ...body,
      id: "waxing-30",
      title: "Waxing at 30% off",
      status: "draft",
      discountPercent: 30,
    } as unknown as Offer);
    try {
      await open("/app/offers/waxing-30");
      const banner = page.getByText(`This offer overlaps “${waxing.title}”`);
      await visible(banner);
      await visible(page.getByRole("link", { name: waxing.title }));
      await visible(page.getByText(/If you activate it, buyers get one of them/));
      await visible(page.getByText(/buyers get “Waxing at 30% off” \(\$4\.50 off Waxing\)/));
      shots.push(await screenshot(page, "overlap-warning"));
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await prisma.offer.deleteMany({ where: { shop: DEMO_SHOP_DOMAIN, key: "waxing-30" } });
    }
  });
});
