import { beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The whole demo seam, in process: with LADDER_DEMO=1 the unchanged home loader authenticates as
 * the seeded demo shop and reads it through the Shopify client and the schema-backed stand-in.
 */
describe("demo mode", () => {
  beforeAll(() => {
    vi.resetModules();
    process.env.LADDER_DEMO = "1";
    delete process.env.SHOPIFY_API_KEY;
    delete process.env.SHOPIFY_API_SECRET;
    delete process.env.SHOPIFY_APP_URL;
  });

  // Reloads the app's modules and the Admin schema, then seeds the demo shop (offers and a year
  // of orders): seconds on a busy machine.
  it("serves the home loader for the demo shop without a session token", async () => {
    const shopify = await import("../../app/shopify.server");
    const { seedDemoShop } = await import("../../app/demo/seed.server");
    const { loader } = await import("../../app/routes/app._index");
    await seedDemoShop(shopify.sessionStorage);

    const data = await loader({
      request: new Request("http://localhost:3000/app"),
      params: {},
      context: {},
    });

    expect(shopify.isDemoMode).toBe(true);
    expect(data.demo).toBe(true);
    // The seeded year of orders is on the dashboard, with its known effect measured.
    expect(data.dashboard.hasOrders).toBe(true);
    expect(data.dashboard.treatment.orders).toBeGreaterThan(100);
    expect(data.dashboard.holdout.orders).toBeGreaterThan(0);
  });

  it("refuses to load the app next to production credentials", async () => {
    vi.resetModules();
    process.env.SHOPIFY_API_KEY = "real-client-id";
    process.env.SHOPIFY_API_SECRET = "real-secret";
    await expect(import("../../app/shopify.server")).rejects.toThrow(
      /Refusing to start in demo mode/,
    );
  });
});
