// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderBlock, type BlockName } from "../../app/storefront/liquid.server";
import { boot } from "../../extensions/storefront-offers/src/main";
import { cartOf, pageWith, phone, publishedConfig, type ItemSpec } from "./fixtures";

/**
 * The storefront script in jsdom, on the blocks' own Liquid, against a fake AJAX Cart API that
 * answers in Shopify's shapes and records every request.
 */

type Cart = ReturnType<typeof cartOf>;

interface Call {
  path: string;
  body: Record<string, unknown> | undefined;
}

interface FakeShop {
  calls: Call[];
  cart(): Cart;
  /** Makes the next add fail: Shopify's 422, or no answer at all. */
  failAdds(how: { status: number; description: string } | "network"): void;
}

const originalFetch = window.fetch;
const originalOpen = XMLHttpRequest.prototype.open;
afterEach(() => {
  window.fetch = originalFetch;
  XMLHttpRequest.prototype.open = originalOpen;
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { "Content-Type": "application/json" },
  });

function fakeShop(initial: Cart, prices: Record<number, [number, number]> = {}): FakeShop {
  let cart = structuredClone(initial);
  const calls: Call[] = [];
  let failure: { status: number; description: string } | "network" | null = null;
  window.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const body =
      typeof init?.body === "string"
        ? (JSON.parse(init.body) as Record<string, unknown>)
        : undefined;
    calls.push({ path, body });
    if (path === "/cart.js") return json(cart);
    if (path === "/cart/update.js") {
      cart = { ...cart, attributes: { ...cart.attributes, ...(body?.attributes as object) } };
      return json(cart);
    }
    if (path === "/cart/add.js") {
      if (failure === "network") throw new TypeError("Failed to fetch");
      if (failure)
        return json({ status: failure.status, description: failure.description }, failure.status);
      const added =
        (body?.items as { id: string; quantity: number; properties?: Record<string, string> }[]) ??
        [];
      const items: ItemSpec[] = cart.items.map((item) => ({
        variant: item.variant_id,
        product: item.product_id,
        quantity: item.quantity,
        price: item.original_price,
        properties: item.properties,
      }));
      for (const add of added) {
        const [product, price] = prices[Number(add.id)] ?? [0, 100];
        items.push({
          variant: Number(add.id),
          product,
          quantity: add.quantity,
          price,
          properties: add.properties ?? {},
        });
      }
      cart = cartOf(items, cart.attributes);
      return json({ items: added });
    }
    if (path === "/cart/change.js") {
      const items = cart.items
        .map((item) => ({
          variant: item.variant_id,
          product: item.product_id,
          quantity: item.key === body?.id ? Number(body.quantity) : item.quantity,
          price: item.original_price,
          properties: item.properties,
        }))
        .filter((item) => item.quantity > 0);
      cart = cartOf(items, cart.attributes);
      return json(cart);
    }
    return json({ description: "not found" }, 404);
  }) as typeof fetch;
  return {
    calls,
    cart: () => cart,
    failAdds: (how) => {
      failure = how;
    },
  };
}

/** Lets the fake's answers and the script's reactions run their course (no timers involved). */
async function settle() {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => queueMicrotask(resolve));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => queueMicrotask(resolve));
}

async function renderPage(names: BlockName[], objects: ReturnType<typeof pageWith>) {
  const html = await Promise.all(
    names.map(async (name) => (await renderBlock(name, objects)).html),
  );
  document.body.innerHTML = html.join("\n");
}

/** Changes what the page hands the script, as a stale or edited page would. */
function patchData(change: Record<string, unknown>) {
  const data = document.querySelector("[data-ladder-data]");
  if (!data) throw new Error("the page has no Ladder data");
  data.textContent = JSON.stringify({ ...JSON.parse(data.textContent ?? "{}"), ...change });
}

const config = publishedConfig();
const phoneCart = (attributes?: Record<string, string>) =>
  cartOf([{ variant: 2031, product: 1031, quantity: 1, price: 79900 }], attributes);
const writes = (shop: FakeShop) => shop.calls.filter((c) => c.path === "/cart/update.js");

describe("group and impressions", () => {
  beforeEach(() => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
  });

  it("assigns the group once, with the impressions, and not again when the cart changes", async () => {
    const cart = phoneCart({});
    const shop = fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    expect(writes(shop)).toHaveLength(1);
    const group = shop.cart().attributes._ladder_group;
    expect(["treatment", "holdout"]).toContain(group);
    // The theme changes the cart; Ladder re-reads it and writes nothing new.
    await window.fetch("/cart/change.js", {
      method: "POST",
      body: JSON.stringify({ id: "2031:key", quantity: 2 }),
    });
    await settle();
    expect(shop.calls.filter((c) => c.path === "/cart.js")).toHaveLength(1);
    expect(writes(shop)).toHaveLength(1);
    expect(shop.cart().attributes._ladder_group).toBe(group);
  });

  it("records impressions only when they change", async () => {
    const cart = phoneCart();
    const shop = fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    expect(writes(shop).map((c) => c.body)).toEqual([
      // The bundle's missing case, and the gift the phone's price has earned.
      { attributes: { _ladder_shown: "phone-case,gift-tire-shine" } },
    ]);
    // Theme events re-render with the same offers: nothing to write.
    document.dispatchEvent(new CustomEvent("cart:updated"));
    document.dispatchEvent(new CustomEvent("cart:refresh"));
    await settle();
    expect(writes(shop)).toHaveLength(1);
    expect(shop.calls.filter((c) => c.path === "/cart.js").length).toBeGreaterThan(0);
  });

  it("keeps the group the cart already has, and a holdout visitor sees nothing", async () => {
    const cart = phoneCart({ _ladder_group: "holdout" });
    const shop = fakeShop(cart);
    // Liquid renders nothing for holdout; a stale page from before the assignment still has blocks.
    await renderPage(["cart-offers"], pageWith(config, { cart: phoneCart({}), product: null }));
    patchData({ cart });
    boot(window);
    await settle();
    expect(document.querySelectorAll(".ladder__offer")).toHaveLength(0);
    expect(document.querySelector("[data-ladder]")?.classList.contains("ladder--hidden")).toBe(
      true,
    );
    expect(writes(shop)).toEqual([]);
  });
});

describe("offers and actions", () => {
  it("shows the phone's case and adds it with _ladder_offer in one click", async () => {
    const cart = cartOf([]);
    const shop = fakeShop(cart, { 2032: [1032, 3000], 2031: [1031, 79900] });
    await renderPage(["product-offers"], pageWith(config, { cart, product: phone }));
    boot(window);
    await settle();
    const button = document.querySelector<HTMLButtonElement>(".ladder__offer button");
    expect(button?.textContent).toBe("Add all");
    expect(button?.getAttribute("aria-label")).toMatch(/^Add all: .*Phone case/);
    button?.click();
    await settle();
    const add = shop.calls.find((c) => c.path === "/cart/add.js");
    expect(add?.body).toEqual({
      items: [
        { id: "2031", quantity: 1, properties: { _ladder_offer: "phone-case" } },
        { id: "2032", quantity: 1, properties: { _ladder_offer: "phone-case" } },
      ],
    });
    // The set is complete: the block has nothing left to offer.
    expect(document.querySelectorAll(".ladder__offer")).toHaveLength(0);
  });

  it("says why an add failed, where it failed, and does not retry (422)", async () => {
    const cart = phoneCart();
    const shop = fakeShop(cart);
    shop.failAdds({ status: 422, description: "All 0 Phone case are in your cart." });
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    document.querySelector<HTMLButtonElement>(".ladder__offer button")?.click();
    await settle();
    expect(document.querySelector(".ladder__offer .ladder__error")?.textContent).toBe(
      "All 0 Phone case are in your cart.",
    );
    expect(document.querySelector(".ladder__offer .ladder__error")?.getAttribute("role")).toBe(
      "alert",
    );
    expect(document.querySelector<HTMLButtonElement>(".ladder__offer button")?.disabled).toBe(
      false,
    );
    await settle();
    expect(shop.calls.filter((c) => c.path === "/cart/add.js")).toHaveLength(1);
  });

  it("shows a short message of its own when the network fails, and does not retry", async () => {
    const cart = phoneCart();
    const shop = fakeShop(cart);
    shop.failAdds("network");
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    document.querySelector<HTMLButtonElement>(".ladder__offer button")?.click();
    await settle();
    expect(document.querySelector(".ladder__error")?.textContent).toBe(
      "Couldn't update your cart. Please try again.",
    );
    await settle();
    expect(shop.calls.filter((c) => c.path === "/cart/add.js")).toHaveLength(1);
  });

  it("follows cart changes the theme makes with XMLHttpRequest", async () => {
    const cart = phoneCart();
    const shop = fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    const before = shop.calls.filter((c) => c.path === "/cart.js").length;
    const request = new XMLHttpRequest();
    request.open("POST", "/cart/add.js");
    Object.defineProperty(request, "status", { value: 200 });
    request.dispatchEvent(new Event("load"));
    await settle();
    expect(shop.calls.filter((c) => c.path === "/cart.js")).toHaveLength(before + 1);
  });

  it("shows progress toward free shipping in a live region", async () => {
    const cart = cartOf([{ variant: 2001, product: 1001, quantity: 1, price: 2000 }]);
    fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    const texts = [...document.querySelectorAll(".ladder__progress-text")].map(
      (p) => p.textContent,
    );
    expect(texts).toContain("$30.00 away from free shipping");
    const bar = document.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute("aria-valuenow")).toBe("40");
    expect(document.querySelector("[data-ladder-progress]")?.getAttribute("aria-live")).toBe(
      "polite",
    );
  });
});

describe("nothing to do", () => {
  it("makes no request and logs nothing without a usable config", async () => {
    const errors = vi.spyOn(console, "error");
    const shop = fakeShop(phoneCart());
    document.body.innerHTML =
      '<div data-ladder="cart"><ul data-ladder-offers></ul></div>' +
      '<script type="application/json" data-ladder-data>{"config":{"v":9},"cart":{"items":[]}}</script>';
    boot(window);
    await settle();
    expect(shop.calls).toEqual([]);
    expect(document.querySelectorAll(".ladder__offer")).toHaveLength(0);
    expect(errors).not.toHaveBeenCalled();
  });

  it("shows nothing to a customer with a complaint tag whose page still has a block", async () => {
    const cart = phoneCart();
    const shop = fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    patchData({ customer: { id: 7001, tags: ["open-complaint"], ordersCount: 1, totalSpent: 0 } });
    boot(window);
    await settle();
    expect(document.querySelectorAll(".ladder__offer, .ladder__progress")).toHaveLength(0);
    expect(writes(shop).map((c) => c.body)).toEqual([]);
  });
});

describe("images", () => {
  it("shows the offered item's image when the page knows it, with an empty alt", async () => {
    const cart = phoneCart();
    fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    patchData({ images: { "2032": "https://cdn.example/phone-case.svg" } });
    boot(window);
    await settle();
    const image = document.querySelector('[data-offer="phone-case"] img');
    expect(image?.getAttribute("src")).toBe("https://cdn.example/phone-case.svg");
    expect(image?.getAttribute("alt")).toBe("");
  });

  it("falls back to the image publishing put in the config when the page knows none", async () => {
    const cart = phoneCart();
    fakeShop(cart);
    const withImage = {
      ...(config as Record<string, unknown>),
      im: [[2032, "https://cdn.example/phone-case.png"]],
    };
    await renderPage(["cart-offers"], pageWith(withImage, { cart, product: null }));
    boot(window);
    await settle();
    const image = document.querySelector('[data-offer="phone-case"] img');
    expect(image?.getAttribute("src")).toBe("https://cdn.example/phone-case.png");
  });

  it("shows the card without an image when neither the page nor the config has one", async () => {
    const cart = phoneCart();
    fakeShop(cart);
    await renderPage(["cart-offers"], pageWith(config, { cart, product: null }));
    boot(window);
    await settle();
    expect(document.querySelector('[data-offer="phone-case"]')).not.toBeNull();
    expect(document.querySelector('[data-offer="phone-case"] img')).toBeNull();
  });
});
