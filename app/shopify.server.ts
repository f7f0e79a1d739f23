import "@shopify/shopify-app-remix/adapters/node";
import {
  AppDistribution,
  shopifyApp,
  type AdminApiContext,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { demoAdminAuthenticator } from "./demo/auth.server";
import { demoModeFromEnv } from "./demo/mode.server";
import { installDemoAdminApi } from "./demo/transport.server";
import { API_VERSION } from "./shopify/api-version";
import type { AdminRequestContext } from "./shopify/context.server";
import { APP_SCOPES } from "./shopify/scopes";

export { API_VERSION };
export type { AdminApiContext, AdminRequestContext };

// Throws at startup when demo mode is requested where it must not run.
const demo = demoModeFromEnv(process.env);

const shopify = shopifyApp({
  apiKey: demo?.apiKey ?? process.env.SHOPIFY_API_KEY,
  apiSecretKey: demo?.apiSecretKey ?? process.env.SHOPIFY_API_SECRET ?? "",
  apiVersion: API_VERSION,
  scopes: process.env.SCOPES?.split(",") ?? [...APP_SCOPES],
  appUrl: demo?.appUrl ?? process.env.SHOPIFY_APP_URL ?? "",
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  // Webhooks are subscribed app-specifically in shopify.app.toml, not registered from here.
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN
    ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] }
    : {}),
});

if (demo) {
  installDemoAdminApi();
}

/** True when the admin runs as the offline demo store (never in front of real merchants). */
export const isDemoMode = demo !== null;

/** What the /app layout hands App Bridge: the demo runs as a plain web page, not embedded. */
export function appBridgeSettings(): { apiKey: string; embedded: boolean } {
  return demo
    ? { apiKey: "", embedded: false }
    : { apiKey: process.env.SHOPIFY_API_KEY ?? "", embedded: true };
}

async function authenticateAdmin(request: Request): Promise<AdminRequestContext> {
  const { admin, session, redirect } = await shopify.authenticate.admin(request);
  return { admin, session, redirect };
}

export const authenticate = {
  admin: demo ? demoAdminAuthenticator(shopify.unauthenticated.admin) : authenticateAdmin,
  webhook: shopify.authenticate.webhook,
};

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
