import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
  TEST_SHOP,
  TEST_SHOP_NAME,
} from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { loader } from "../../app/routes/app._index";
import { sessionStorage } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import { responseOf } from "../support/webhooks";

function loaderArgs(request: Request) {
  return { request, params: {}, context: {} };
}

describe("/app home loader", () => {
  let adminApi: RecordingStandIn;

  beforeEach(async () => {
    adminApi = installAdminStandIn();
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
  });

  it("authenticates an embedded request and loads the session shop's dashboard from the database", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Admin,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request(`${APP_URL}/app`),
    );

    const data = await loader(loaderArgs(request));

    expect(data.demo).toBe(false);
    expect(data.dashboard).toMatchObject({ hasOrders: false, currency: "USD" });
    expect(data.dashboard.comparison.status).toBe("insufficient");
    expect(data.rangeError).toBeNull();
    // The dashboard reads rollups only: no Admin API round trip on the home page.
    expect(adminApi.sent).toEqual([]);
  });

  it("accepts a bearer session token (fetch requests from the embedded app)", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Bearer,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request(`${APP_URL}/app`),
    );
    const data = await loader(loaderArgs(request));
    expect(data.dashboard.range.to).toBe(data.today);
  });

  it("does not serve a request without a session token, and calls no API", async () => {
    const response = await responseOf(async () => {
      await loader(loaderArgs(new Request(`${APP_URL}/app?shop=${TEST_SHOP}`)));
      return new Response("loader returned data", { status: 200 });
    });

    // Outside the admin iframe, without a token: off to the login page, nothing loaded.
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/auth/login");
    expect(adminApi.sent).toEqual([]);
  });

  it("rejects a session token signed with another secret", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Bearer,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: "not-the-app-secret",
      },
      new Request(`${APP_URL}/app`),
    );
    const response = await responseOf(async () => {
      await loader(loaderArgs(request));
      return new Response("loader returned data", { status: 200 });
    });

    expect(response.status).toBe(401);
    expect(adminApi.sent).toEqual([]);
  });
});
