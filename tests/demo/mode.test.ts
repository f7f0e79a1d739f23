import { describe, expect, it } from "vitest";
import {
  DEMO_API_KEY,
  DEMO_API_SECRET,
  demoModeFromEnv,
  demoHost,
  DemoModeRefused,
} from "../../app/demo/mode.server";

describe("demo mode guard", () => {
  it("is off unless LADDER_DEMO=1", () => {
    expect(demoModeFromEnv({})).toBeNull();
    expect(demoModeFromEnv({ LADDER_DEMO: "0" })).toBeNull();
    expect(demoModeFromEnv({ LADDER_DEMO: "" })).toBeNull();
  });

  it("rejects a malformed flag instead of guessing", () => {
    expect(() => demoModeFromEnv({ LADDER_DEMO: "yes" })).toThrow(DemoModeRefused);
  });

  it("turns on with no credentials, on an SQLite file, at the port given", () => {
    expect(demoModeFromEnv({ LADDER_DEMO: "1", NODE_ENV: "production", PORT: "4000" })).toEqual({
      apiKey: DEMO_API_KEY,
      apiSecretKey: DEMO_API_SECRET,
      appUrl: "http://localhost:4000",
      shop: "ladder-demo.myshopify.com",
    });
  });

  it("refuses production credentials", () => {
    const production = {
      LADDER_DEMO: "1",
      NODE_ENV: "production",
      SHOPIFY_API_KEY: "4f1c0e2b9d7a",
      SHOPIFY_API_SECRET: "shpss_realsecret",
      DATABASE_URL: "file:./prisma/prod.sqlite",
    };
    expect(() => demoModeFromEnv(production)).toThrow(/SHOPIFY_API_KEY holds real app credentials/);
    expect(() => demoModeFromEnv({ ...production, SHOPIFY_API_KEY: DEMO_API_KEY })).toThrow(
      /SHOPIFY_API_SECRET holds real app credentials/,
    );
  });

  it("refuses a server database", () => {
    expect(() =>
      demoModeFromEnv({ LADDER_DEMO: "1", DATABASE_URL: "postgres://ladder@db.internal/ladder" }),
    ).toThrow(/not an SQLite file/);
  });

  it("listens on loopback unless HOST says otherwise", () => {
    expect(demoHost({})).toBe("127.0.0.1");
    expect(demoHost({ HOST: "" })).toBe("127.0.0.1");
    expect(demoHost({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
  });
});
