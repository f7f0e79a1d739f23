/**
 * The demo storefront in a real browser: the theme app extension's blocks and committed scripts
 * (the renamed, compressed assets buyers load), the AJAX Cart API and the discount function on the
 * demo cart. Each test is a new visitor (own cookies, own cart); the group is set on the cart
 * first, as an earlier page would have, so no test depends on which holdout bucket a random
 * visitor key falls in.
 *
 * The cart drawer is a modal dialog: focus moves in, Tab and Shift+Tab stay in it, the page behind
 * is inert, Escape gives focus back. A product block no offer can reach shows nothing, heading
 * included, and takes no room.
 *
 * Measured and printed, never held to a time: the layout shift Ladder causes (Layout Instability
 * API) and the time from a cart change to the progress showing it.
 * Screenshots in test-artifacts/browser: storefront-product-desktop.png,
 * storefront-cart-desktop.png, storefront-drawer-desktop.png, storefront-product-mobile.png,
 * storefront-cart-mobile.png, storefront-drawer-mobile.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SimulatedCustomerKind } from "../../app/storefront/customers";
import { gone, launchChromium, screenshot, seriousViolations, visible } from "./support";

const baseUrl = inject("baseUrl");
const store = `${baseUrl}/storefront`;
let browser: Browser;

const PHONE = 2301;
const CASE_BLACK = 2302;
const DARK_CHOCOLATE = 2201;
const DESKTOP = { width: 1280, height: 900 };
const PHONE_SIZED = { width: 390, height: 844 };

/**
 * Publishes the demo shop's offers as they are now. The storefront shows what was last
 * published, and earlier files publish other configs (the merchant file's first run publishes a
 * starter template, then puts the shop's rows back without republishing them), so this file
 * publishes for itself whatever ran before it.
 */
async function publishNow(): Promise<void> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${baseUrl}/app/offers`, { waitUntil: "networkidle" });
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
  await visible(page.getByText(/^Published version \d+$/));
  await context.close();
}

beforeAll(async () => {
  browser = await launchChromium();
  await publishNow();
});

afterAll(async () => {
  await browser.close();
});

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions on any page of this visit. */
  errors: string[];
}

interface CartJs {
  attributes: Record<string, string>;
  items: { variant_id: number; quantity: number; properties: Record<string, string> }[];
}

/** Records every layout shift from the start of each page, as the Layout Instability API reports it. */
const RECORD_SHIFTS = `
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shifts.push({
      value: entry.value,
      sources: (entry.sources || []).map((s) =>
        s.node ? s.node.nodeName + (s.node.className ? "." + String(s.node.className) : "") : "?"),
    });
  }
}).observe({ type: "layout-shift", buffered: true });`;

/** A new buyer: own cookies (visitor key and cart), optionally a group and a simulated customer. */
async function newVisit(
  viewport: { width: number; height: number },
  setup: { group?: "treatment" | "holdout"; customer?: SimulatedCustomerKind } = {},
): Promise<Visit> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: RECORD_SHIFTS });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  if (setup.group) {
    const response = await context.request.post(`${store}/cart/update.js`, {
      data: { attributes: { _ladder_group: setup.group } },
    });
    expect(response.ok()).toBe(true);
  }
  if (setup.customer) {
    const response = await context.request.post(`${store}/customer`, {
      form: { customer: setup.customer },
    });
    expect(response.ok()).toBe(true);
  }
  return { context, page, errors };
}

async function add(visit: Visit, id: number, quantity: number): Promise<void> {
  const response = await visit.context.request.post(`${store}/cart/add.js`, {
    data: { items: [{ id, quantity }] },
  });
  expect(response.ok()).toBe(true);
}

async function cartOf(visit: Visit): Promise<CartJs> {
  return (await (await visit.context.request.get(`${store}/cart.js`)).json()) as CartJs;
}

/** The page's layout shift so far (sum of every shift without recent input) and what moved. */
async function layoutShift(page: Page): Promise<{ cls: number; sources: string[] }> {
  // Two frames after the last change, so a shift Ladder's rendering caused has been reported.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const shifts = await page.evaluate(
    () => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts,
  );
  return {
    cls: shifts.reduce((sum, s) => sum + s.value, 0),
    sources: shifts.flatMap((s) => s.sources),
  };
}

/** The page fits its viewport: nothing wider than the screen, so nothing scrolls sideways. */
async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const productOffers = (page: Page) => page.locator(".ladder--product .ladder__offer");
const productHeading = (page: Page) =>
  page.getByRole("heading", { name: "Complete your order", exact: true });
const caseButton = (page: Page) =>
  page.getByRole("button", { name: /^Add: Add Phone case – Black at half price/ });
const cartProgress = (page: Page) => page.locator(".ladder--cart .ladder__progress-text");

const measured: string[] = [];
afterAll(() => {
  // The figures the suite measures, in one place in the output.
  for (const line of measured) console.log(line);
});

describe("the demo storefront", () => {
  it("offers the phone's case at half price, and one click adds it with _ladder_offer", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment" });
    const { page } = visit;
    await page.goto(`${store}/products/phone`, { waitUntil: "networkidle" });
    await visible(caseButton(page));
    await visible(productHeading(page));
    // An offer names the phone: the block reserved room for its cards before the script ran.
    const block = page.locator(".ladder--product");
    expect(await block.evaluate((b) => b.classList.contains("ladder--unreserved"))).toBe(false);
    const shift = await layoutShift(page);
    measured.push(`CLS, phone page (desktop): ${shift.cls} ${shift.sources.join(" ")}`);
    expect(shift.cls).toBe(0);
    measured.push(`screenshot: ${await screenshot(page, "storefront-product-desktop")}`);
    expect(await seriousViolations(page)).toEqual([]);

    await caseButton(page).click();
    await expect
      .poll(async () => (await cartOf(visit)).items.map((i) => [i.variant_id, i.properties]))
      .toEqual(
        expect.arrayContaining([
          [CASE_BLACK, { _ladder_offer: "half-price-case" }],
          // The case is earned with the phone: the phone being viewed comes along.
          [PHONE, {}],
        ]),
      );
    // Taken: the offer leaves the page.
    await gone(caseButton(page));
    const cart = await cartOf(visit);
    expect(cart.attributes._ladder_group).toBe("treatment");
    expect(cart.attributes._ladder_shown?.split(",")).toContain("half-price-case");
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("shows the function's discount and the progress in the cart, without a shift", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment" });
    const { page } = visit;
    await add(visit, PHONE, 1);
    const taken = await visit.context.request.post(`${store}/cart/add.js`, {
      data: {
        items: [{ id: CASE_BLACK, quantity: 1, properties: { _ladder_offer: "half-price-case" } }],
      },
    });
    expect(taken.ok()).toBe(true);
    await page.goto(`${store}/cart`, { waitUntil: "networkidle" });
    // Half of the $30.00 case, as the discount function charges it.
    await expect.poll(() => page.locator("[data-cart-discount]").textContent()).toBe("−$15.00");
    await expect.poll(() => page.locator("[data-cart-total]").textContent()).toBe("$814.00");
    await visible(cartProgress(page));
    expect(await cartProgress(page).first().textContent()).toBe("You've unlocked free shipping");
    expect(await page.locator("[data-cart-group]").textContent()).toBe("treatment");
    const shift = await layoutShift(page);
    measured.push(`CLS, cart page (desktop): ${shift.cls} ${shift.sources.join(" ")}`);
    expect(shift.cls).toBe(0);
    measured.push(`screenshot: ${await screenshot(page, "storefront-cart-desktop")}`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("updates the progress when the theme changes the cart, and says how long it took", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment" });
    const { page } = visit;
    await add(visit, CASE_BLACK, 1);
    await page.goto(`${store}/cart`, { waitUntil: "networkidle" });
    await visible(cartProgress(page));
    expect(await cartProgress(page).first().textContent()).toBe("$20.00 away from free shipping");
    // What a theme's cart drawer does: an AJAX add; Ladder sees the request and re-renders.
    const timing = await page.evaluate(
      async ({ id }) => {
        const bar = document.querySelector(".ladder--cart [data-ladder-progress]");
        const before = bar?.textContent ?? "";
        const started = performance.now();
        const updated = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (bar?.textContent === before) return;
            observer.disconnect();
            resolve(performance.now());
          });
          if (bar) observer.observe(bar, { childList: true, subtree: true, characterData: true });
          // A hang guard only: a progress that never updates fails below, it does not time out.
          setTimeout(() => resolve(-1), 60_000);
        });
        const response = await fetch("/storefront/cart/add.js", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ items: [{ id, quantity: 1 }] }),
        });
        const changedAt = performance.now();
        const at = await updated;
        return {
          ok: response.ok,
          updated: at >= 0,
          fromChange: at - changedAt,
          fromRequest: at - started,
        };
      },
      { id: CASE_BLACK },
    );
    expect(timing.ok).toBe(true);
    expect(timing.updated).toBe(true);
    expect(await cartProgress(page).first().textContent()).toBe("You've unlocked free shipping");
    measured.push(
      `cart change → progress updated: ${timing.fromChange.toFixed(1)} ms after the cart ` +
        `changed (${timing.fromRequest.toFixed(1)} ms from the theme's request)`,
    );
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("shows nothing of the product block and keeps no room for it when no offer applies", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment" });
    const { page } = visit;
    // No published offer is triggered by tire shine (a gift's item), and the cart is empty.
    await page.goto(`${store}/products/tire-shine`, { waitUntil: "networkidle" });
    await visible(page.getByRole("heading", { name: "Tire shine", exact: true }));
    const block = page.locator(".ladder--product");
    // The block is there (a treatment visitor, a published config) and the script has run...
    expect(await block.count()).toBe(1);
    expect(await page.evaluate(() => document.readyState)).toBe("complete");
    expect(await page.evaluate(() => "LadderEngine" in globalThis)).toBe(true);
    expect(await productOffers(page).count()).toBe(0);
    // ...yet nothing of it shows, no heading to the eye or to assistive technology, and it takes
    // no room: Liquid knew no offer could reach this page and reserved none.
    expect(await block.evaluate((b) => b.classList.contains("ladder--unreserved"))).toBe(true);
    expect(await block.locator(".ladder__heading").count()).toBe(1);
    expect(await block.locator(".ladder__heading").isVisible()).toBe(false);
    expect(await productHeading(page).count()).toBe(0);
    const height = await block.evaluate((b) => b.getBoundingClientRect().height);
    measured.push(`product block height, tire shine page, no offer (desktop): ${height}px`);
    expect(height).toBe(0);
    const shift = await layoutShift(page);
    measured.push(`CLS, tire shine page, no offer (desktop): ${shift.cls}`);
    expect(shift.cls).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // Should the script fill in a card there after all, the block shows it, heading included.
    await block.locator("[data-ladder-offers]").evaluate((list) => {
      list.innerHTML = '<li class="ladder__offer">An offer</li>';
    });
    expect(await block.evaluate((b) => b.getBoundingClientRect().height)).toBeGreaterThan(0);
    expect(await block.locator(".ladder__heading").isVisible()).toBe(true);
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("shows the chocolate's quantity-break table, and marks the tier the cart reaches", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment" });
    const { page } = visit;
    await page.goto(`${store}/products/dark-chocolate`, { waitUntil: "networkidle" });
    const table = page.locator(".ladder--product table.ladder__tiers");
    await visible(table);
    expect(await table.locator("caption").textContent()).toBe("Buy more, save more");
    const rows = await table.locator("tr").allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, " ").trim())).toEqual([
      "Buy 3 Save 5%",
      "Buy 6 Save 10%",
    ]);
    expect(await table.locator("[aria-current]").count()).toBe(0);

    await add(visit, DARK_CHOCOLATE, 3);
    await page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => table.locator("[aria-current]").getAttribute("data-min")).toBe("3");
    await page.goto(`${store}/cart`, { waitUntil: "networkidle" });
    // 5% of three $6.00 bars.
    await expect.poll(() => page.locator("[data-cart-discount]").textContent()).toBe("−$0.90");
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("shows a holdout visitor nothing from Ladder, and records no impression", async () => {
    const visit = await newVisit(DESKTOP, { group: "holdout" });
    const { page } = visit;
    await page.goto(`${store}/products/phone`, { waitUntil: "networkidle" });
    await visible(page.getByRole("heading", { name: "Phone", exact: true }));
    expect(await productOffers(page).count()).toBe(0);
    expect(await page.getByText("half price").count()).toBe(0);

    await add(visit, PHONE, 1);
    await page.goto(`${store}/cart`, { waitUntil: "networkidle" });
    await visible(page.getByRole("link", { name: "Phone", exact: true }));
    expect(await cartProgress(page).count()).toBe(0);
    expect(await page.locator(".ladder__offer").count()).toBe(0);
    const cart = await cartOf(visit);
    expect(cart.attributes._ladder_group).toBe("holdout");
    expect(cart.attributes._ladder_shown).toBeUndefined();
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("shows a customer with an open complaint nothing from Ladder", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment", customer: "complaint" });
    const { page } = visit;
    await page.goto(`${store}/products/phone`, { waitUntil: "networkidle" });
    expect(await page.locator("#customer").inputValue()).toBe("complaint");
    expect(await productOffers(page).count()).toBe(0);
    expect(await page.getByText("half price").count()).toBe(0);
    await add(visit, PHONE, 1);
    await page.goto(`${store}/cart`, { waitUntil: "networkidle" });
    await visible(page.getByRole("link", { name: "Phone", exact: true }));
    expect(await cartProgress(page).count()).toBe(0);
    expect(await page.locator(".ladder__offer").count()).toBe(0);
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("opens the theme's cart drawer after add to cart, with Ladder's compact progress in it", async () => {
    for (const [viewport, name] of [
      [DESKTOP, "desktop"],
      [PHONE_SIZED, "mobile"],
    ] as const) {
      const visit = await newVisit(viewport, { group: "treatment" });
      const { page } = visit;
      await page.goto(`${store}/products/phone-case`, { waitUntil: "networkidle" });
      const addToCart = page.getByRole("button", { name: "Add to cart", exact: true });
      await addToCart.click();
      const drawer = page.getByRole("dialog", { name: "Added to your cart" });
      await visible(drawer);
      await visible(drawer.getByText("Phone case - Black"));
      // The embed's bar, moved into the drawer, follows the theme's add: $30.00 of $50.00.
      const progress = drawer.locator(".ladder--drawer .ladder__progress-text");
      await expect
        .poll(() => progress.first().textContent())
        .toBe("$20.00 away from free shipping");
      const bar = drawer.getByRole("progressbar", { name: "$20.00 away from free shipping" });
      expect(await bar.getAttribute("aria-valuenow")).toBe("60");
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
      measured.push(`screenshot: ${await screenshot(page, `storefront-drawer-${name}`)}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await gone(page.getByRole("dialog"));
      expect(await addToCart.evaluate((button) => button === document.activeElement)).toBe(true);
      expect(visit.errors).toEqual([]);
      await visit.context.close();
    }
  });

  it("keeps focus in the cart drawer while it is open, and gives it back on Escape", async () => {
    const visit = await newVisit(DESKTOP, { group: "treatment" });
    const { page } = visit;
    await page.goto(`${store}/products/phone-case`, { waitUntil: "networkidle" });
    const addToCart = page.getByRole("button", { name: "Add to cart", exact: true });
    await addToCart.focus();
    await page.keyboard.press("Enter");
    const drawer = page.getByRole("dialog", { name: "Added to your cart" });
    await visible(drawer);
    expect(await drawer.getAttribute("aria-modal")).toBe("true");
    const close = drawer.getByRole("button", { name: "Close the cart" });
    const viewCart = drawer.getByRole("link", { name: "View cart" });
    const focused = (locator: typeof close) =>
      locator.evaluate((element) => element === document.activeElement);
    const focusInDrawer = () => drawer.evaluate((panel) => panel.contains(document.activeElement));
    // Opening moves focus in; the page behind is inert (no focus, no clicks, hidden from AT).
    expect(await focused(close)).toBe(true);
    for (const part of ["header", "main", "footer"]) {
      expect(await page.locator(part).evaluate((element: HTMLElement) => element.inert)).toBe(true);
    }
    // Tab through every control and past the last: focus wraps to the first, never leaves.
    const controls = await drawer.locator("a[href], button").count();
    expect(controls).toBe(2);
    await page.keyboard.press("Tab");
    expect(await focused(viewCart)).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focusInDrawer()).toBe(true);
    expect(await focused(close)).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press("Tab");
      expect(await focusInDrawer()).toBe(true);
    }
    // Shift+Tab from the first control wraps to the last.
    await close.focus();
    await page.keyboard.press("Shift+Tab");
    expect(await focused(viewCart)).toBe(true);
    // Escape closes it: focus returns to the button that opened it, the page is live again.
    await page.keyboard.press("Escape");
    await gone(page.getByRole("dialog"));
    expect(await focused(addToCart)).toBe(true);
    for (const part of ["header", "main", "footer"]) {
      expect(await page.locator(part).evaluate((element: HTMLElement) => element.inert)).toBe(
        false,
      );
    }
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });

  it("works on a 390-pixel-wide phone screen: product page and cart", async () => {
    const visit = await newVisit(PHONE_SIZED, { group: "treatment" });
    const { page } = visit;
    await page.goto(`${store}/products/phone`, { waitUntil: "networkidle" });
    await visible(caseButton(page));
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    const box = await caseButton(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE_SIZED.width).toBe(true);
    const shift = await layoutShift(page);
    measured.push(`CLS, phone page (390 px): ${shift.cls} ${shift.sources.join(" ")}`);
    expect(shift.cls).toBe(0);
    measured.push(`screenshot: ${await screenshot(page, "storefront-product-mobile")}`);
    expect(await seriousViolations(page)).toEqual([]);

    await caseButton(page).click();
    await gone(caseButton(page));
    await page.goto(`${store}/cart`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("[data-cart-discount]").textContent()).toBe("−$15.00");
    await visible(cartProgress(page));
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    const cartShift = await layoutShift(page);
    measured.push(`CLS, cart page (390 px): ${cartShift.cls} ${cartShift.sources.join(" ")}`);
    expect(cartShift.cls).toBe(0);
    measured.push(`screenshot: ${await screenshot(page, "storefront-cart-mobile")}`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });
});
