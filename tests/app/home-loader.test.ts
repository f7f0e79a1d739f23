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
import prisma from "../../app/db.server";
import { createOffer } from "../../app/models/offers.server";
import { getShopSetup } from "../../app/models/shop-settings.server";
import { loader } from "../../app/routes/app._index";
import { loader as previewLoader } from "../../app/routes/app.preview";
import { sessionStorage } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import { clearOfferTables } from "../support/offers-db";
import { responseOf } from "../support/webhooks";

function loaderArgs(request: Request) {
  return { request, params: {}, context: {} };
}

describe("/app home loader", () => {
  let adminApi: RecordingStandIn;

  beforeEach(async () => {
    await clearOfferTables();
    adminApi = installAdminStandIn();
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
  });

  const adminRequest = () =>
    setUpValidRequest(
      {
        type: RequestType.Admin,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request(`${APP_URL}/app`),
    );

  it("authenticates an embedded request and loads the session shop's dashboard from the database", async () => {
    await prisma.publication.create({
      data: {
        shop: TEST_SHOP,
        version: 1,
        bytes: 10,
        offerCount: 1,
        trigger: "merchant",
        config: "{}",
      },
    });

    const data = await loader(loaderArgs(await adminRequest()));

    expect(data.demo).toBe(false);
    expect(data.getStarted).toBeNull();
    expect(data.dashboard).toMatchObject({ hasOrders: false, currency: "USD" });
    expect(data.dashboard.comparison.status).toBe("insufficient");
    expect(data.rangeError).toBeNull();
    // Once offers are published the dashboard reads rollups only: no Admin API round trip.
    expect(adminApi.sent).toEqual([]);
  });

  it("leads a shop without published offers through the get-started path, step by step", async () => {
    const first = await loader(loaderArgs(await adminRequest()));
    const states = (data: typeof first) =>
      Object.fromEntries((data.getStarted?.steps ?? []).map((s) => [s.id, s.state]));
    expect(states(first)).toEqual({
      create: "todo",
      guardrails: "todo",
      preview: "waiting",
      blocks: "todo",
      publish: "waiting",
    });
    expect(first.getStarted?.templates.length).toBeGreaterThan(0);
    // Not Shopify Plus: checkout steps don't render app blocks, the thank-you page does.
    expect(first.getStarted?.shopifyPlus).toBe(false);
    const blocks = first.getStarted?.steps.find((s) => s.id === "blocks");
    expect(blocks?.detail).toContain("thank-you page");
    expect(blocks?.links.map((l) => l.content)).toContain("Add to product pages");
    expect(blocks?.links[0]?.url).toContain(`https://${TEST_SHOP}/admin/themes/current/editor`);

    await createOffer(TEST_SHOP, {
      id: "ship",
      kind: "free-shipping",
      title: "Ship",
      status: "active",
      threshold: "50.00",
    });
    // What saving the settings page stores.
    await prisma.shopSettings.upsert({
      where: { shop: TEST_SHOP },
      create: { shop: TEST_SHOP, settings: JSON.stringify({ maxOffers: 3 }) },
      update: { settings: JSON.stringify({ maxOffers: 3 }) },
    });
    const next = await loader(loaderArgs(await adminRequest()));
    expect(states(next)).toEqual({
      create: "done",
      guardrails: "done",
      preview: "todo",
      blocks: "todo",
      publish: "todo",
    });
    expect(next.getStarted?.steps.find((s) => s.id === "guardrails")?.detail).toContain(
      "At most 3 offers at once",
    );

    // Opening the preview is recorded for the shop (and for no other), and the step is done.
    await previewLoader(
      loaderArgs(
        await setUpValidRequest(
          {
            type: RequestType.Admin,
            store: TEST_SHOP_NAME,
            apiKey: API_KEY,
            apiSecretKey: API_SECRET_KEY,
          },
          new Request(`${APP_URL}/app/preview`),
        ),
      ),
    );
    expect((await getShopSetup(TEST_SHOP)).previewedAt).toBeInstanceOf(Date);
    expect((await getShopSetup("other-shop.myshopify.com")).previewedAt).toBeNull();
    const previewed = await loader(loaderArgs(await adminRequest()));
    expect(states(previewed).preview).toBe("done");
    expect(previewed.getStarted?.steps.find((s) => s.id === "preview")?.detail).toContain(
      "You have tried the preview",
    );

    // A publication with nothing in it is still a first run.
    await prisma.publication.create({
      data: {
        shop: TEST_SHOP,
        version: 1,
        bytes: 10,
        offerCount: 0,
        trigger: "merchant",
        config: "{}",
      },
    });
    expect((await loader(loaderArgs(await adminRequest()))).getStarted).not.toBeNull();
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
