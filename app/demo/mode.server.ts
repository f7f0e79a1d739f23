/**
 * Demo mode: the admin runs outside Shopify with a fixed demo session and the in-process Admin API
 * stand-in. It must never switch on by accident where real merchants are served, so it needs an
 * explicit flag and refuses to start next to real credentials or a non-SQLite database.
 */
import { DEMO_SHOP_DOMAIN } from "./catalog";

export { DEMO_SHOP_DOMAIN };
export const DEMO_FLAG = "LADDER_DEMO";
export const DEMO_API_KEY = "ladder-demo-api-key";
export const DEMO_API_SECRET = "ladder-demo-api-secret";
export const DEMO_ACCESS_TOKEN = "ladder-demo-access-token";
export const DEMO_DATABASE_URL = "file:./prisma/demo.sqlite";
/** The demo bypasses authentication, so it listens on loopback unless HOST says otherwise. */
export const DEMO_DEFAULT_HOST = "127.0.0.1";

/** Where the demo answers when PORT is unset: its app URL, and the origin of its images. */
export const DEMO_DEFAULT_APP_URL = "http://localhost:3000";

/** The address the demo server listens on. */
export function demoHost(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOST || DEMO_DEFAULT_HOST;
}

export interface DemoSettings {
  apiKey: string;
  apiSecretKey: string;
  appUrl: string;
  shop: string;
}

export class DemoModeRefused extends Error {
  constructor(reason: string) {
    super(`Refusing to start in demo mode (${DEMO_FLAG}=1): ${reason}`);
    this.name = "DemoModeRefused";
  }
}

/**
 * Reads demo mode from the environment: null when off, the demo settings when on. Throws when the
 * flag is malformed or demo mode would run with real credentials or a production database.
 */
export function demoModeFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): DemoSettings | null {
  const flag = env[DEMO_FLAG];
  if (flag === undefined || flag === "" || flag === "0") return null;
  if (flag !== "1") {
    throw new DemoModeRefused(`${DEMO_FLAG} must be "1" (on) or unset (off), got "${flag}".`);
  }

  // Real credentials mean a real app (any NODE_ENV): demo auth would bypass Shopify's.
  for (const [name, demoValue] of [
    ["SHOPIFY_API_KEY", DEMO_API_KEY],
    ["SHOPIFY_API_SECRET", DEMO_API_SECRET],
  ] as const) {
    const value = env[name];
    if (value && value !== demoValue) {
      throw new DemoModeRefused(`${name} holds real app credentials; unset it to run the demo.`);
    }
  }

  const databaseUrl = env.DATABASE_URL ?? DEMO_DATABASE_URL;
  if (!databaseUrl.startsWith("file:")) {
    throw new DemoModeRefused(
      "DATABASE_URL is not an SQLite file; the demo never runs against a server database.",
    );
  }

  return {
    apiKey: DEMO_API_KEY,
    apiSecretKey: DEMO_API_SECRET,
    appUrl: env.PORT ? `http://localhost:${env.PORT}` : DEMO_DEFAULT_APP_URL,
    shop: DEMO_SHOP_DOMAIN,
  };
}
