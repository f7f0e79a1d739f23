import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  blockAssetTags,
  blockSchema,
  renderBlock,
  shopifyJson,
  type BlockName,
} from "../../app/storefront/liquid.server";
import {
  cartOf,
  customerOf,
  EXAMPLE,
  pageData,
  pageWith,
  phone,
  publishedConfig,
  threeBars,
} from "./fixtures";

const BLOCKS: BlockName[] = ["product-offers", "cart-offers", "ladder-embed"];
const config = publishedConfig();

let logged: unknown[][] = [];
beforeEach(() => {
  logged = [];
  for (const level of ["log", "warn", "error", "info"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe("product offers block", () => {
  it("server-renders the quantity-break table with the tier the cart reached", async () => {
    const { html } = await renderBlock("product-offers", pageWith(config));
    expect(html).toContain('data-ladder="product"');
    const rows = [...html.matchAll(/<tr\s+data-min="(\d+)"\s+class="([^"]*)"/g)].map((m) => [
      m[1],
      m[2]?.includes("ladder__tier--reached"),
    ]);
    expect(rows).toEqual([
      ["3", true],
      ["6", false],
    ]);
    expect(html).toContain("Buy 3");
    expect(html).toContain("Save 10%");
    // Every variant of the offer's trigger counts toward a tier, across variants.
    expect(html).toMatch(/data-variants="2021,2022,2021,2022,"/);
  });

  it("marks no tier while the cart is below the first", async () => {
    const cart = cartOf([{ variant: 2022, product: 1021, quantity: 2, price: 500 }]);
    const { html } = await renderBlock("product-offers", pageWith(config, { cart }));
    expect(html).not.toContain("ladder__tier--reached");
    expect(html).not.toContain('aria-current="true"');
  });

  it("hands the script the product's variants, the config, the cart and the texts", async () => {
    const { html } = await renderBlock("product-offers", pageWith(config));
    const product = /data-product="([^"]*)"/.exec(html)?.[1] ?? "";
    const parsed = JSON.parse(product.replace(/&#34;/g, '"').replace(/&quot;/g, '"')) as unknown;
    expect(parsed).toEqual({
      productId: 1021,
      selected: 2021,
      variants: [
        { id: 2021, price: 450, title: "Dark chocolate" },
        { id: 2022, price: 500, title: "Dark chocolate" },
      ],
    });
    const data = pageData(html);
    expect(data.config).toEqual(config);
    expect(data.cart).toEqual(threeBars());
    expect(data.customer).toBeNull();
    expect(data.root).toBe("/");
    expect(data.strings).toMatchObject({ add: "Add", addAll: "Add all", upgrade: "Upgrade" });
  });

  it("loads its scripts deferred, never render-blocking, from the extension's assets", async () => {
    const { html, schema } = await renderBlock("product-offers", pageWith(config), {
      assetUrl: (name) => `/cdn/${name}`,
    });
    const scripts = [...html.matchAll(/<script src="([^"]+)"([^>]*)>/g)];
    expect(scripts.map((m) => m[1])).toEqual(["/cdn/ladder-engine.js", "/cdn/ladder.js"]);
    for (const script of scripts) expect(script[2]).toContain("defer");
    expect(schema.stylesheet).toBe("ladder.css");
    expect(blockAssetTags([schema, schema], (name) => `/cdn/${name}`)).toBe(
      '<link rel="stylesheet" href="/cdn/ladder.css">',
    );
  });

  it("renders a product no offer names with an empty list and no table", async () => {
    const unknown = { ...phone, id: 9999, variants: [{ id: 9998, title: "x", price: 100 }] };
    const { html } = await renderBlock("product-offers", pageWith(config, { product: unknown }));
    expect(html).toContain("data-ladder-offers");
    expect(html).not.toContain("ladder__tiers");
  });

  it("follows the merchant's settings: heading, kinds, colours", async () => {
    const { html } = await renderBlock("product-offers", pageWith(config), {
      settings: {
        heading: "Better together",
        show_quantity_breaks: false,
        accent_color: "#ff0000",
      },
    });
    expect(html).toContain('<h2 class="ladder__heading">Better together</h2>');
    expect(html).not.toContain("ladder__tiers");
    expect(html).toContain('data-kinds="upgrade,bundle,cross-sell,"');
    expect(html).toContain("--ladder-accent: #ff0000");
  });

  it("keeps the theme's colours when the merchant picks none", async () => {
    const { html } = await renderBlock("product-offers", pageWith(config));
    expect(html).not.toContain("--ladder-accent");
    expect(html).not.toContain("--ladder-background");
  });

  it("speaks the buyer's language", async () => {
    const { html } = await renderBlock("product-offers", pageWith(config), { locale: "fr" });
    expect(html).toContain("Achetez plus, économisez plus");
    expect(pageData(html).strings).toMatchObject({ add: "Ajouter", addAll: "Tout ajouter" });
    const es = await renderBlock("product-offers", pageWith(config), { locale: "es" });
    expect(es.html).toContain("Compra 3");
  });
});

describe("cart offers block", () => {
  it("reserves room for the progress bars and the offers it may show", async () => {
    const { html } = await renderBlock("cart-offers", pageWith(config, { product: null }));
    expect(html).toContain('data-ladder="cart"');
    // Free shipping and the gift: two bars; two offers at most (settings.maxOffers).
    expect(html).toContain("--ladder-slots: 2; --ladder-bars: 2;");
    expect(html).toMatch(/data-ladder-progress aria-live="polite"/);
  });

  it("reserves nothing for an empty cart, which shows no progress", async () => {
    const { html } = await renderBlock(
      "cart-offers",
      pageWith(config, { product: null, cart: cartOf([]) }),
    );
    expect(html).toContain("--ladder-slots: 0; --ladder-bars: 0;");
  });

  it("still shows free-shipping progress to a budget-tagged customer", async () => {
    const page = pageWith(config, { customer: customerOf(["Budget-Sensitive"]) });
    expect((await renderBlock("cart-offers", page)).html).toContain('data-ladder="cart"');
    expect((await renderBlock("product-offers", page)).html.trim()).toBe("");
  });
});

describe("the Ladder app embed", () => {
  it("places the drawer's compact progress and loads the script on every page", async () => {
    const { html, schema } = await renderBlock("ladder-embed", pageWith(config, { product: null }));
    expect(schema.target).toBe("body");
    expect(html).toContain('data-ladder="drawer"');
    expect(html).toContain("data-drawer=");
    expect(html).toContain('<script src="/assets/ladder.js" defer>');
  });

  it("loads the script without a drawer bar when the merchant turns it off", async () => {
    const { html } = await renderBlock("ladder-embed", pageWith(config), {
      settings: { drawer_progress: false },
    });
    expect(html).not.toContain('data-ladder="drawer"');
    expect(html).toContain("data-ladder-data");
  });
});

describe("who sees nothing", () => {
  const bad: [string, unknown][] = [
    ["missing", undefined],
    ["not JSON", "{not json"],
    ["of a newer version", { ...(config as object), v: 2 }],
    ["without offers", { v: 1, cur: "USD" }],
    ["null", null],
  ];
  for (const [what, value] of bad) {
    it(`renders nothing, and logs nothing, when the config is ${what}`, async () => {
      for (const name of BLOCKS) {
        const { html } = await renderBlock(name, pageWith(value));
        expect(html.trim(), name).toBe("");
      }
      expect(logged).toEqual([]);
    });
  }

  it("renders nothing for a visitor in the holdout group", async () => {
    const cart = cartOf([{ variant: 2021, product: 1021, quantity: 1, price: 450 }], {
      _ladder_group: "holdout",
    });
    for (const name of BLOCKS) {
      expect((await renderBlock(name, pageWith(config, { cart }))).html.trim(), name).toBe("");
    }
  });

  it("renders nothing for a customer with a complaint tag (rule 5), in any case", async () => {
    const page = pageWith(config, { customer: customerOf(["Open-Complaint"]) });
    for (const name of BLOCKS) expect((await renderBlock(name, page)).html.trim(), name).toBe("");
  });

  it("uses the merchant's own tag lists when the config has them", async () => {
    const custom = publishedConfig({
      ...EXAMPLE,
      settings: { ...EXAMPLE.settings, suppressTags: ["angry"] },
    });
    const angry = pageWith(custom, { customer: customerOf(["ANGRY"]) });
    expect((await renderBlock("cart-offers", angry)).html.trim()).toBe("");
    const complaint = pageWith(custom, { customer: customerOf(["open-complaint"]) });
    expect((await renderBlock("cart-offers", complaint)).html).toContain('data-ladder="cart"');
  });

  it("hides the product block's pitches from a customer in their cooldown (rule 7)", async () => {
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const cooling = customerOf([], {
      v: 1,
      tags: [],
      ordersCount: 2,
      amountSpent: "120.00",
      lastAcceptedAt: recent,
    });
    const page = pageWith(config, { customer: cooling });
    expect((await renderBlock("product-offers", page)).html.trim()).toBe("");
    expect((await renderBlock("cart-offers", page)).html).toContain('data-ladder="cart"');
  });

  it("keeps a first-time visitor's blocks invisible until the script assigns the group", async () => {
    const cart = cartOf([{ variant: 2021, product: 1021, quantity: 1, price: 450 }], {});
    const { html } = await renderBlock("product-offers", pageWith(config, { cart }));
    expect(html).toContain("ladder--product ladder--pending");
  });
});

describe("logged-in customers", () => {
  it("inlines the facts Liquid has, and the cooldown from a readable ladder_state", async () => {
    const state = {
      v: 1,
      tags: [],
      ordersCount: 2,
      amountSpent: "120.00",
      lastAcceptedAt: "2026-01-02T00:00:00Z",
    };
    const { html } = await renderBlock(
      "cart-offers",
      pageWith(config, { customer: customerOf(["VIP"], state) }),
    );
    expect(pageData(html).customer).toEqual({
      id: 7001,
      firstName: "Ana",
      tags: ["VIP"],
      ordersCount: 2,
      totalSpent: 12000,
      lastAcceptedAt: "2026-01-02T00:00:00Z",
    });
  });

  it("ignores a ladder_state of another version", async () => {
    const state = { v: 2, lastAcceptedAt: "2026-01-02T00:00:00Z" };
    const { html } = await renderBlock(
      "cart-offers",
      pageWith(config, { customer: customerOf([], state) }),
    );
    expect(pageData(html).customer).toMatchObject({ lastAcceptedAt: null });
  });
});

describe("renderer helpers", () => {
  it("escapes what could close the data's script element", async () => {
    expect(shopifyJson({ t: "</script><b>&" })).toBe(
      '{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}',
    );
    expect(shopifyJson(undefined)).toBe("null");
    const sneaky = publishedConfig({
      ...EXAMPLE,
      offers: EXAMPLE.offers.map((offer) => ({ ...offer, why: "</script><script>alert(1)" })),
    });
    const { html } = await renderBlock("cart-offers", pageWith(sneaky));
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(pageData(html).config).toEqual(sneaky);
  });

  it("reads each block's schema from its own file", () => {
    expect(blockSchema("product-offers")).toMatchObject({
      target: "section",
      enabled_on: { templates: ["product"] },
    });
    expect(blockSchema("cart-offers")).toMatchObject({ enabled_on: { templates: ["cart"] } });
  });
});

describe("offered items' images", () => {
  it("are handed to the script when the host knows them, and null otherwise", async () => {
    const plain = await renderBlock("cart-offers", pageWith(config));
    expect(pageData(plain.html).images).toBeNull();
    const images = { "2032": "https://cdn.example/phone-case.svg" };
    const demo = await renderBlock("cart-offers", pageWith(config, { ladder_images: images }));
    expect(pageData(demo.html).images).toEqual(images);
  });
});
