import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { sessionStorage } from "../../app/shopify.server";
import { responseOf, webhookRequest } from "../support/webhooks";

const args = (request: Request) => ({ request, params: {}, context: {} });

beforeEach(async () => {
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, scope: "read_products" }));
});

describe("app/scopes_update webhook", () => {
  it("stores the scopes the merchant granted on the shop's offline session", async () => {
    const request = webhookRequest("/webhooks/app/scopes_update", {
      topic: "app/scopes_update",
      shop: TEST_SHOP,
      payload: { previous: ["read_products"], current: ["read_products", "write_discounts"] },
    });
    expect((await responseOf(() => scopesUpdate(args(request)))).status).toBe(200);

    const session = await sessionStorage.loadSession(`offline_${TEST_SHOP}`);
    expect(session?.scope).toBe("read_products,write_discounts");
  });

  it("rejects a forged request without touching the session", async () => {
    const request = webhookRequest("/webhooks/app/scopes_update", {
      topic: "app/scopes_update",
      shop: TEST_SHOP,
      payload: { current: [] },
      secret: "forged",
    });
    expect((await responseOf(() => scopesUpdate(args(request)))).status).toBe(401);
    expect((await sessionStorage.loadSession(`offline_${TEST_SHOP}`))?.scope).toBe("read_products");
  });
});

describe("compliance webhooks", () => {
  it("shop/redact forgets the shop's sessions", async () => {
    const request = webhookRequest("/webhooks/compliance", {
      topic: "shop/redact",
      shop: TEST_SHOP,
      payload: { shop_id: 1, shop_domain: TEST_SHOP },
    });
    expect((await responseOf(() => compliance(args(request)))).status).toBe(200);
    expect(await sessionStorage.findSessionsByShop(TEST_SHOP)).toEqual([]);
  });

  it.each(["customers/data_request", "customers/redact"])(
    "%s is acknowledged with 200 and leaves the sessions alone",
    async (topic) => {
      const request = webhookRequest("/webhooks/compliance", {
        topic,
        shop: TEST_SHOP,
        payload: { shop_domain: TEST_SHOP, customer: { id: 7, email: "ana@example.com" } },
      });
      expect((await responseOf(() => compliance(args(request)))).status).toBe(200);
      expect(await sessionStorage.findSessionsByShop(TEST_SHOP)).toHaveLength(1);
    },
  );

  it("answers 401 to a forged shop/redact and keeps the sessions", async () => {
    const request = webhookRequest("/webhooks/compliance", {
      topic: "shop/redact",
      shop: TEST_SHOP,
      payload: { shop_domain: TEST_SHOP },
      secret: "forged",
    });
    expect((await responseOf(() => compliance(args(request)))).status).toBe(401);
    expect(await sessionStorage.findSessionsByShop(TEST_SHOP)).toHaveLength(1);
  });

  it("answers 400 to a topic that is not a compliance topic", async () => {
    const request = webhookRequest("/webhooks/compliance", {
      topic: "orders/create",
      shop: TEST_SHOP,
      payload: {},
    });
    expect((await responseOf(() => compliance(args(request)))).status).toBe(400);
    expect(await sessionStorage.findSessionsByShop(TEST_SHOP)).toHaveLength(1);
  });
});
