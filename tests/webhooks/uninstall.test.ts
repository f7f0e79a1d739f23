import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { action } from "../../app/routes/webhooks.app.uninstalled";
import { sessionStorage } from "../../app/shopify.server";
import { responseOf, webhookRequest } from "../support/webhooks";

const OTHER_SHOP = "other-shop.myshopify.com";

async function sessionIds(shop: string): Promise<string[]> {
  return (await sessionStorage.findSessionsByShop(shop)).map((s) => s.id).sort();
}

describe("app/uninstalled webhook", () => {
  beforeEach(async () => {
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, isOnline: true }));
    await sessionStorage.storeSession(setUpValidSession({ shop: OTHER_SHOP }));
  });

  it("with a valid HMAC deletes every session of that shop, and only that shop", async () => {
    expect(await sessionIds(TEST_SHOP)).toHaveLength(2);

    const request = webhookRequest("/webhooks/app/uninstalled", {
      topic: "app/uninstalled",
      shop: TEST_SHOP,
      payload: { id: 1, myshopify_domain: TEST_SHOP },
    });
    const response = await responseOf(() => action({ request, params: {}, context: {} }));

    expect(response.status).toBe(200);
    expect(await sessionIds(TEST_SHOP)).toEqual([]);
    expect(await sessionIds(OTHER_SHOP)).toEqual([`offline_${OTHER_SHOP}`]);
  });

  it("is idempotent when Shopify delivers it again", async () => {
    for (let delivery = 0; delivery < 2; delivery++) {
      const request = webhookRequest("/webhooks/app/uninstalled", {
        topic: "app/uninstalled",
        shop: TEST_SHOP,
        payload: { id: 1 },
      });
      expect((await responseOf(() => action({ request, params: {}, context: {} }))).status).toBe(
        200,
      );
    }
    expect(await sessionIds(TEST_SHOP)).toEqual([]);
  });

  it("with a forged HMAC answers 401 and deletes nothing", async () => {
    const request = webhookRequest("/webhooks/app/uninstalled", {
      topic: "app/uninstalled",
      shop: TEST_SHOP,
      payload: { id: 1 },
      secret: "an-attackers-guess",
    });
    const response = await responseOf(() => action({ request, params: {}, context: {} }));

    expect(response.status).toBe(401);
    expect(await sessionIds(TEST_SHOP)).toHaveLength(2);
    expect(await sessionIds(OTHER_SHOP)).toHaveLength(1);
  });
});
