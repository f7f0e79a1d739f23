import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import prisma from "../db.server";
import { createOffer } from "../models/offers.server";
import { APP_SCOPES } from "../shopify/scopes";
import { DEMO_SHOP } from "./catalog";
import { DEMO_OFFERS, DEMO_SETTINGS } from "./demo-offers";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP_DOMAIN, DemoModeRefused } from "./mode.server";
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

/**
 * The demo shop's offers and guardrails, once: a shop that has settings has been set up before
 * (by this seed or by someone using the demo), and its offers are left as they are.
 */
async function seedDemoOffers(): Promise<void> {
  const existing = await prisma.shopSettings.findUnique({ where: { shop: DEMO_SHOP_DOMAIN } });
  if (existing) return;
  await prisma.shopSettings.create({
    data: {
      shop: DEMO_SHOP_DOMAIN,
      currency: DEMO_SHOP.currencyCode,
      settings: JSON.stringify(DEMO_SETTINGS),
    },
  });
  for (const offer of DEMO_OFFERS) await createOffer(DEMO_SHOP_DOMAIN, offer);
}

/**
 * The demo authenticates every visitor as the demo shop, so it must never open a database that
 * real shops have installed into: a session of any other shop means a real database.
 */
export async function refuseNonDemoDatabase(): Promise<void> {
  const others = await prisma.session.count({ where: { shop: { not: DEMO_SHOP_DOMAIN } } });
  if (others > 0) {
    throw new DemoModeRefused(
      `the database holds sessions of ${others === 1 ? "another shop" : `${others} other shops`}; ` +
        "the demo only runs on a database of its own.",
    );
  }
}

/** Seeds the demo shop (idempotent). Later features add their demo data here. */
export async function seedDemoShop(storage: SessionStorage): Promise<void> {
  await refuseNonDemoDatabase();
  const stored = await storage.storeSession(demoSession());
  if (!stored) throw new Error("Could not store the demo session");
  await seedDemoOffers();
  // A year of orders with a known effect (+6% AOV for treatment, 12% take rate), the same for
  // every start: Home's banner states that effect.
  await seedDemoOrders(DEMO_SHOP_DOMAIN);
}
