import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { APP_SCOPES } from "../shopify/scopes";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP_DOMAIN } from "./mode.server";
import { seedDemoOrders } from "./seed-orders.server";

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
  // A year of orders with a known effect (+6% AOV for treatment, 12% take rate).
  await seedDemoOrders(DEMO_SHOP_DOMAIN);
}
