/**
 * The merchant admin in a real browser (Debian's Chromium through playwright-core), against the
 * demo store: every screen renders and passes axe-core without serious or critical violations,
 * an offer of each kind is created through the UI, the preview shows and suppresses it with the
 * right reason, and an export re-imports. Screenshots of each page go to test-artifacts/browser.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const ARTIFACTS = path.resolve("test-artifacts", "browser");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await browser.close();
});

/** Waits until the first element the locator finds is visible. */
async function visible(locator: Locator) {
  await locator.first().waitFor({ state: "visible" });
}

/** Waits until the locator finds nothing. */
async function gone(locator: Locator) {
  await expect.poll(() => locator.count(), { timeout: 60_000 }).toBe(0);
}

async function open(pathname: string) {
  await page.goto(`${baseUrl}${pathname}`, { waitUntil: "networkidle" });
}

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the current page: serious and critical violations (none expected). */
async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: { run: (ctx: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe.run;
    const result = await run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

async function pickInDialog(labels: string[]) {
  const dialog = page.getByRole("dialog");
  for (const label of labels) {
    // Polaris draws its radio buttons over the input, so click the label as a person would.
    const input = dialog.getByLabel(label, { exact: true });
    await dialog
      .locator("label", { has: page.getByText(label, { exact: true }) })
      .first()
      .click();
    expect(await input.isChecked()).toBe(true);
  }
  await dialog.getByRole("button", { name: "Select" }).click();
  await gone(dialog);
}

async function startOffer(kindLabel: string) {
  await open("/app/offers");
  await page.getByRole("button", { name: "Create offer" }).first().click();
  await page.getByRole("link", { name: `Create ${kindLabel}` }).click();
  await page.waitForURL(/\/app\/offers\/new\//);
  await page.getByLabel("Title", { exact: true }).waitFor();
}

async function saveNew(): Promise<string> {
  await page.getByRole("button", { name: "Save" }).first().click();
  await page.waitForURL(/\/app\/offers\/[^/?]+\?created=1/);
  await page.getByText("Offer ID").first().waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
}

const created: Record<string, string> = {};

describe("every screen renders and is accessible", () => {
  it.each([
    ["home", "/app"],
    ["home-12-months", "/app?days=365"],
    ["analytics", "/app/analytics"],
    ["offers", "/app/offers"],
    ["offer-editor", "/app/offers/premium-wash"],
    ["new-offer", "/app/offers/new/bundle"],
    ["settings", "/app/settings"],
    ["preview", "/app/preview"],
    ["import", "/app/import"],
    ["privacy", "/app/privacy"],
  ])("%s (%s)", async (name, pathname) => {
    await open(pathname);
    await visible(page.getByRole("heading", { level: 1 }).first());
    await screenshot(`page-${name}`);
    expect(await seriousViolations()).toEqual([]);
  });
});

describe("creating an offer of each kind through the UI", () => {
  it("upgrade: trigger and target from the picker", async () => {
    await startOffer("Upgrade");
    await page.getByLabel("Title", { exact: true }).fill("UI upgrade: wash to premium");
    await page.getByRole("button", { name: "Add trigger products" }).click();
    await pickInDialog(["Standard wash"]);
    await page.getByRole("button", { name: "Choose product" }).click();
    await pickInDialog(["Premium wash"]);
    await visible(page.getByText("$35.00 · price from Shopify"));
    await page.getByRole("textbox", { name: /^Discount/ }).fill("5");
    await page.getByLabel("Status").selectOption("active");
    await screenshot("editor-upgrade");
    created.upgrade = await saveNew();
  });

  it("cross-sell: ranked first with a priority", async () => {
    await startOffer("Cross-sell");
    await page.getByLabel("Title", { exact: true }).fill("UI clear case with a phone");
    await page.getByRole("button", { name: "Add trigger products" }).click();
    await pickInDialog(["Phone"]);
    await page.getByRole("button", { name: "Choose product" }).click();
    await pickInDialog(["Phone case – Clear"]);
    await page.getByRole("textbox", { name: /^Discount/ }).fill("25");
    await page
      .getByLabel("Headline")
      .fill("{customer.firstName}, protect it: {item.title} for {price}");
    await visible(page.getByText("Ana, protect it: Phone case – Clear for $22.50").first());
    await page.getByLabel("Priority").fill("20");
    await page.getByLabel("Status").selectOption("active");
    created.crossSell = await saveNew();
  });

  it("bundle: several products with quantities", async () => {
    await startOffer("Bundle");
    await page.getByLabel("Title", { exact: true }).fill("UI chocolate duo");
    await page.getByRole("button", { name: "Choose products" }).click();
    await pickInDialog(["Dark chocolate", "Milk chocolate"]);
    await page.getByLabel("Quantity of Milk chocolate").fill("2");
    await page.getByRole("textbox", { name: /^Bundle discount/ }).fill("10");
    await page.getByLabel("Status").selectOption("active");
    created.bundle = await saveNew();
  });

  it("volume: a validation error keeps what was typed, then saves once fixed", async () => {
    await startOffer("Quantity break");
    await page.getByLabel("Title", { exact: true }).fill("UI chocolate tiers");
    await page.getByRole("button", { name: "Add trigger collections" }).click();
    await pickInDialog(["Chocolate"]);
    await page.getByLabel("Tier 1: from quantity").fill("6");
    await page.getByLabel("Discount").first().fill("10");
    await page.getByRole("button", { name: "Add tier" }).click();
    await page.getByLabel("Tier 2: from quantity").fill("3");
    await page.getByLabel("Discount").nth(1).fill("5");
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Save" }).first().click();
    await visible(page.getByText("must be greater than the previous tier's (6)").first());
    await screenshot("editor-volume-errors");
    // Nothing typed was lost.
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("UI chocolate tiers");
    expect(await page.getByLabel("Tier 2: from quantity").inputValue()).toBe("3");
    await page.getByLabel("Tier 2: from quantity").fill("12");
    await page.getByLabel("Discount").nth(1).fill("15");
    created.volume = await saveNew();
  });

  it("free shipping: threshold and countries", async () => {
    await startOffer("Free shipping");
    await page.getByLabel("Title", { exact: true }).fill("UI free shipping over $40");
    await page.getByLabel("Cart subtotal (USD)").fill("40");
    await page.getByLabel("Countries").fill("us");
    await page.getByLabel("Countries").press("Enter");
    await page.getByLabel("Status").selectOption("active");
    created.freeShipping = await saveNew();
  });

  it("gift: saved as an incomplete draft without a product, completed later", async () => {
    await startOffer("Gift");
    await page.getByLabel("Title", { exact: true }).fill("UI gift over $60");
    await page.getByLabel("Cart subtotal (USD)").fill("60");
    created.gift = await saveNew();
    await visible(page.getByText("This draft is incomplete").first());
    await page.getByRole("button", { name: "Choose product" }).click();
    await pickInDialog(["Pralines"]);
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Save" }).first().click();
    await visible(page.getByText("Saved", { exact: true }));
    await gone(page.getByText("This draft is incomplete"));
  });

  it("all six are in the list, filterable by kind", async () => {
    await open("/app/offers");
    for (const title of [
      "UI upgrade: wash to premium",
      "UI clear case with a phone",
      "UI chocolate duo",
      "UI chocolate tiers",
      "UI free shipping over $40",
      "UI gift over $60",
    ]) {
      await visible(page.getByRole("link", { name: title }));
    }
    await screenshot("offers-list");
    await open("/app/offers?kind=gift");
    await visible(page.getByRole("link", { name: "UI gift over $60" }));
    await gone(page.getByRole("link", { name: "UI chocolate duo" }));
  });
});

describe("preview", () => {
  it("shows the new cross-sell for a phone cart, and hides it from a customer with a complaint", async () => {
    await open("/app/preview");
    await page.getByRole("button", { name: "Add products" }).click();
    await pickInDialog(["Phone"]);
    await visible(page.getByText("Ana, protect it: Phone case – Clear for $22.50"));
    // The offered item's image from the catalog (the demo's SVG tile), named by its title.
    const thumbnail = page.getByRole("img", { name: "Phone case – Clear" });
    await visible(thumbnail);
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot("preview-shown");

    await page.getByLabel("Profile").selectOption("complaint");
    await gone(page.getByText("Ana, protect it: Phone case – Clear for $22.50"));
    await visible(page.getByRole("link", { name: "UI clear case with a phone" }));
    await visible(
      page
        .getByText("Cross-sell · The customer has a complaint tag: Ladder shows them nothing.")
        .first(),
    );
    await screenshot("preview-suppressed");
  });

  it("a camera cart holds back the pro lens with the price guardrail", async () => {
    await open("/app/preview");
    await page.getByRole("button", { name: "Add products" }).click();
    await pickInDialog(["Camera"]);
    await visible(
      page.getByText(
        "Cross-sell · It costs more than the price guardrail allows next to the item that triggered it.",
      ),
    );
  });
});

describe("publish, export and import", () => {
  it("publishes the active offers and shows the version", async () => {
    await open("/app/offers");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    // The confirmation says what changes at checkout before anything is written.
    const dialog = page.getByRole("dialog");
    await visible(dialog.getByRole("heading", { name: "Publish your offers to checkout?" }));
    await visible(dialog.getByText(/^Added \(\d+\)$/));
    await screenshot("publish-confirmation");
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await visible(page.getByText("Published version 1"));
    await visible(page.getByText(/Version 1 published/));
  });

  it("exports a file that re-imports without changes, then imports an edited copy", async () => {
    await open("/app/offers");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ladder-ladder-demo-\d{4}-\d{2}-\d{2}\.json$/);
    const file = readFileSync(await download.path(), "utf8");
    const config = JSON.parse(file) as { offers: { id: string; title: string }[] };
    expect(config.offers.map((o) => o.id)).toContain(created.crossSell);

    await open("/app/import");
    await page.setInputFiles("input[type=file]", {
      name: "export.json",
      mimeType: "application/json",
      buffer: Buffer.from(file),
    });
    await visible(page.getByText("nothing to change"));

    const edited = {
      ...config,
      offers: config.offers
        .filter((o) => o.id !== created.bundle)
        .map((o) => (o.id === created.upgrade ? { ...o, title: "UI upgrade, renamed" } : o)),
    };
    await page.setInputFiles("input[type=file]", {
      name: "edited.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    await visible(page.getByRole("heading", { name: "What the import changes" }));
    await visible(page.getByText("UI upgrade, renamed"));
    await visible(page.getByText("UI chocolate duo"));
    await screenshot("import-diff");
    await page.getByRole("button", { name: "Apply import" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Apply import" }).click();
    await visible(page.getByText(/^Imported \d+ offers$/));

    await open("/app/offers");
    await visible(page.getByRole("link", { name: "UI upgrade, renamed" }));
    await gone(page.getByRole("link", { name: "UI chocolate duo" }));
  });

  it("a tampered export can't change catalog prices or offer unknown products", async () => {
    await open("/app/offers");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export" }).click(),
    ]);
    type Item = { variantId: string; productId: string; title: string; price: string };
    const config = JSON.parse(readFileSync(await download.path(), "utf8")) as {
      offers: { id: string; title: string; kind: string; item?: Item }[];
    };
    const target = config.offers.find((o) => o.kind === "cross-sell" && o.item);
    expect(target).toBeDefined();
    const tampered = {
      ...config,
      offers: config.offers.map((o) =>
        o === target && o.item
          ? { ...o, item: { ...o.item, price: "1.00", title: "Totally different title" } }
          : o,
      ),
    };
    await open("/app/import");
    await page.setInputFiles("input[type=file]", {
      name: "tampered.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await visible(page.getByText("Catalog facts in the file differ from Shopify"));
    await visible(page.getByText(/file says \$1\.00, Shopify has/));

    const ghost = {
      ...tampered,
      offers: [
        ...tampered.offers,
        {
          ...target,
          id: "ghost-offer",
          title: "Ghost add-on",
          status: "active",
          item: {
            variantId: "gid://shopify/ProductVariant/999999",
            productId: "gid://shopify/Product/999999",
            title: "Nothing",
            price: "0.50",
          },
        },
      ],
    };
    await page.setInputFiles("input[type=file]", {
      name: "ghost.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(ghost)),
    });
    await visible(page.getByText(/The file can't be imported/));
    await visible(page.getByText("“Ghost add-on” · Offered product"));
    await screenshot("import-tampered");
    expect(await seriousViolations()).toEqual([]);
  });

  it("an invalid file lists its problems and changes nothing", async () => {
    await open("/app/import");
    await page.setInputFiles("input[type=file]", {
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({ version: 1, currency: "USD", offers: [{ id: "x", kind: "gift" }] }),
      ),
    });
    await visible(page.getByText(/The file can't be imported/));
    // Named by offer and field label, never by validator path.
    await visible(page.getByText("Offer 1 · Title").first());
    await gone(page.getByText("offers[0].title"));
    await screenshot("import-invalid");
  });
});

describe("bulk actions and settings", () => {
  it("sets two offers to draft after confirmation", async () => {
    await open("/app/offers");
    for (const title of ["UI free shipping over $40", "UI gift over $60"]) {
      await page.locator("tr", { hasText: title }).getByRole("checkbox").check();
    }
    await page.getByRole("button", { name: "Set to draft" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Set to draft" }).click();
    await visible(page.getByText("2 offers set to draft"));
    await visible(page.locator("tr", { hasText: "UI gift over $60" }).getByText("Draft"));
  });

  it("a customer's data request: the home page says so, the report downloads, it is marked sent", async () => {
    await open("/app");
    await page.getByRole("link", { name: "Review privacy requests" }).click();
    await page.waitForURL(/\/app\/privacy$/);
    const row = page.locator("tr", { hasText: "Open" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: /Download report/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ladder-customer-\d+\.json$/);
    const report = JSON.parse(readFileSync(await download.path(), "utf8")) as {
      storedBy: string;
      orders: unknown[];
    };
    expect(report.storedBy).toBe("Ladder");
    expect(report.orders.length).toBeGreaterThan(0);
    await row.getByRole("button", { name: /Mark as sent/ }).click();
    await visible(page.getByText(/^Sent /));
    await screenshot("privacy-answered");
    await open("/app");
    expect(await page.getByText("A customer asked for their data").count()).toBe(0);
  });

  it("settings refuse an invalid holdout with the field's error and keep the input", async () => {
    await open("/app/settings");
    await page.getByLabel("Holdout group").fill("80");
    await page.getByRole("button", { name: "Save" }).first().click();
    await visible(page.getByText("must be a whole number from 0 to 50").first());
    expect(await page.getByLabel("Holdout group").inputValue()).toBe("80");
    await screenshot("settings-error");
    await page.getByLabel("Holdout group").fill("5");
    await page.getByRole("button", { name: "Save" }).first().click();
    await visible(page.getByText("Settings saved"));
  });
});
