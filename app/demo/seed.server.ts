import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { APP_SCOPES } from "../shopify/scopes";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP_DOMAIN } from "./mode.server";

/** The offline session the demo authenticates with, as OAuth would have stored it. */
export function demoSession(): Session {
  return new Session({
    id: `offline_${DEMO_SHOP_DOMAIN}`,
    shop: DEMO_SHOP_DOMAIN,
    state: "demo",
    isOnline: false,
    scope: APP_SCOPES.join(","),
    accessToken: DEMO_ACCESS_TOKEN,
  });
}

/** Seeds the demo shop (idempotent). Later features add their demo data here. */
export async function seedDemoShop(storage: SessionStorage): Promise<void> {
  const stored = await storage.storeSession(demoSession());
  if (!stored) throw new Error("Could not store the demo session");
}
