import { existsSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "../../app/shopify/api-version";
import { APP_SCOPES } from "../../app/shopify/scopes";

interface AppToml {
  embedded: boolean;
  access_scopes: { scopes: string };
  webhooks: {
    api_version: string;
    subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[];
  };
}

const toml = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as AppToml;

/** The Remix flat-routes file for a URL path (`/webhooks/app/uninstalled` → webhooks.app.uninstalled). */
function routeFile(uri: string): string | undefined {
  const base = `app/routes/${uri.replace(/^\//, "").replaceAll("/", ".")}`;
  return [".ts", ".tsx", "/route.ts", "/route.tsx"].map((ext) => base + ext).find(existsSync);
}

describe("shopify.app.toml", () => {
  it("subscribes webhooks at the app's API version", () => {
    expect(toml.webhooks.api_version).toBe(API_VERSION);
  });

  it("requests exactly the scopes the code declares", () => {
    expect(toml.access_scopes.scopes.split(",")).toEqual([...APP_SCOPES]);
  });

  it("subscribes the lifecycle, catalog, orders, customers and all three compliance topics", () => {
    const topics = toml.webhooks.subscriptions.flatMap((s) => [
      ...(s.topics ?? []),
      ...(s.compliance_topics ?? []),
    ]);
    expect(topics.sort()).toEqual([
      "app/scopes_update",
      "app/uninstalled",
      "customers/data_request",
      "customers/redact",
      "customers/update",
      "inventory_levels/update",
      "orders/create",
      "orders/updated",
      "products/delete",
      "products/update",
      "refunds/create",
      "shop/redact",
    ]);
  });

  it.each(toml.webhooks.subscriptions.map((s) => s.uri))(
    "%s has a route with an action",
    async (uri) => {
      const file = routeFile(uri);
      expect(file, `no route file for ${uri}`).toBeDefined();
      const route = (await import(/* @vite-ignore */ `../../${file}`)) as { action?: unknown };
      expect(typeof route.action).toBe("function");
    },
  );
});
