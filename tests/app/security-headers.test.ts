import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import {
  addSecurityHeaders,
  FRAME_ANCESTORS_WITHOUT_SHOP,
  withSecurityHeaders,
} from "../../app/shopify/headers.server";

const csp = (headers: Headers) => headers.get("Content-Security-Policy") ?? "";

describe("frame-ancestors", () => {
  it("lets the shop's admin frame a document requested with ?shop", () => {
    const headers = new Headers();
    addSecurityHeaders(new Request(`https://app.example/app?shop=${TEST_SHOP}`), headers);
    expect(csp(headers)).toContain(
      `frame-ancestors https://${TEST_SHOP} https://admin.shopify.com`,
    );
  });

  it("is set without ?shop too, allowing only Shopify's admin", () => {
    for (const url of ["https://app.example/app", "https://app.example/?shop=not a shop"]) {
      const headers = new Headers();
      addSecurityHeaders(new Request(url), headers);
      expect(csp(headers)).toBe(FRAME_ANCESTORS_WITHOUT_SHOP);
      expect(csp(headers)).not.toContain("myshopify.com");
    }
  });

  it("is added to data responses (client navigations), keeping status, headers and body", async () => {
    const original = Response.json(
      { ok: true },
      { status: 202, headers: { "X-Remix-Response": "yes" } },
    );
    const response = withSecurityHeaders(new Request("https://app.example/app.data"), original);
    expect(response.status).toBe(202);
    expect(response.headers.get("X-Remix-Response")).toBe("yes");
    expect(csp(response.headers)).toBe(FRAME_ANCESTORS_WITHOUT_SHOP);
    expect(await response.json()).toEqual({ ok: true });
  });
});
