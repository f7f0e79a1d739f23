import { readdirSync } from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY, getHmac, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import {
  jsonDepthExceeds,
  MAX_WEBHOOK_BODY_BYTES,
  MAX_WEBHOOK_JSON_DEPTH,
} from "../../app/shopify/webhook-body.server";
import { clearAnalytics } from "../support/brute-force";
import { orderPayload } from "../support/orders";
import { rawWebhookRequest, responseOf, webhookRequest } from "../support/webhooks";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const ROUTES_DIR = path.resolve("app/routes");
/** Every webhook route module, found on disk so a new one is covered without editing this test. */
const webhookRoutes = readdirSync(ROUTES_DIR).filter((f) => /^webhooks\..+\.tsx?$/.test(f));

async function actionOf(file: string): Promise<Action> {
  const mod = (await import(path.join(ROUTES_DIR, file))) as { action: Action };
  return mod.action;
}

const args = (request: Request) => ({ request, params: {}, context: {} });

/** A body stream of `total` bytes produced lazily; `pulled` tells how much was read. */
function lazyBody(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const size = Math.min(chunk, total - state.pulled);
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, state };
}

function streamedRequest(
  headers: Headers,
  body: ReadableStream<Uint8Array>,
  contentLength?: number,
): Request {
  const h = new Headers(headers);
  h.delete("Content-Length");
  if (contentLength !== undefined) h.set("Content-Length", String(contentLength));
  return new Request("https://ladder.test/webhooks", {
    method: "POST",
    headers: h,
    body,
    duplex: "half",
  } as RequestInit);
}

beforeEach(clearAnalytics);

describe("webhook bodies over the limit", { timeout: 60_000 }, () => {
  it("covers every webhook route", () => {
    expect(webhookRoutes.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of webhookRoutes) {
    it(`${file}: 413 from the declared Content-Length, without reading the body`, async () => {
      const action = await actionOf(file);
      const signed = webhookRequest("/webhooks", {
        topic: "orders/create",
        shop: TEST_SHOP,
        payload: {},
      });
      const { stream, state } = lazyBody(300 * 1024 * 1024);
      const response = await responseOf(() =>
        action(args(streamedRequest(signed.headers, stream, 300 * 1024 * 1024))),
      );
      expect(response.status).toBe(413);
      expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
    });

    it(`${file}: 413 when the bytes sent exceed the limit, reading no more than the cap`, async () => {
      const action = await actionOf(file);
      const signed = webhookRequest("/webhooks", {
        topic: "orders/create",
        shop: TEST_SHOP,
        payload: {},
      });
      const { stream, state } = lazyBody(300 * 1024 * 1024);
      const response = await responseOf(() =>
        action(args(streamedRequest(signed.headers, stream))),
      );
      expect(response.status).toBe(413);
      expect(state.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + 2 * 64 * 1024);
    });
  }

  it("still accepts a signed order just under the limit", async () => {
    const action = await actionOf("webhooks.orders.ts");
    const payload = orderPayload({ id: 9001, lines: [{ id: 1, productId: 1, price: "1.00" }] });
    const body = JSON.stringify({ ...payload, note: "x".repeat(MAX_WEBHOOK_BODY_BYTES - 2_000) });
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_WEBHOOK_BODY_BYTES);
    const request = rawWebhookRequest("/webhooks/orders", {
      topic: "orders/create",
      shop: TEST_SHOP,
      body,
    });
    const response = await responseOf(() => action(args(request)));
    expect(response.status).toBe(200);
    expect(await prisma.webhookEvent.count()).toBe(1);
  });
});

describe("webhook bodies that are not JSON or nest absurdly", { timeout: 60_000 }, () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);

  for (const file of webhookRoutes) {
    it(`${file}: 400 for a signed body that is not JSON`, async () => {
      const action = await actionOf(file);
      const request = rawWebhookRequest("/webhooks", {
        topic: "orders/create",
        shop: TEST_SHOP,
        body: "not json {",
      });
      expect((await responseOf(() => action(args(request)))).status).toBe(400);
    });

    it(`${file}: 400 for a signed body nested 100,000 deep`, async () => {
      const action = await actionOf(file);
      const request = rawWebhookRequest("/webhooks", {
        topic: "orders/create",
        shop: TEST_SHOP,
        body: deep,
      });
      expect((await responseOf(() => action(args(request)))).status).toBe(400);
    });
  }

  it("verifies the HMAC first: a forged body that is not JSON gets 401", async () => {
    const action = await actionOf("webhooks.orders.ts");
    const request = rawWebhookRequest("/webhooks", {
      topic: "orders/create",
      shop: TEST_SHOP,
      body: "not json {",
    });
    const headers = new Headers(request.headers);
    headers.set("X-Shopify-Hmac-Sha256", getHmac("not json {", `${API_SECRET_KEY}-forged`));
    const forged = new Request(request.url, { method: "POST", headers, body: "not json {" });
    expect((await responseOf(() => action(args(forged)))).status).toBe(401);
    expect(await prisma.webhookEvent.count()).toBe(0);
  });

  it("measures depth outside strings only", () => {
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(jsonDepthExceeds(nested(MAX_WEBHOOK_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_WEBHOOK_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ a: "[".repeat(1_000) + '\\"{' }))).toBe(false);
  });
});
