import "@shopify/shopify-app-remix/adapters/node";
import {
  AppDistribution,
  SessionNotFoundError,
  shopifyApp,
  type AdminApiContext,
} from "@shopify/shopify-app-remix/server";
import {
  LogSeverity,
  shopifyApi,
  WebhookType,
  WebhookValidationErrorReason,
} from "@shopify/shopify-api";
import { abstractFetch } from "@shopify/shopify-api/runtime";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { GraphQLClient } from "graphql-request";
import prisma from "./db.server";
import { demoAdminAuthenticator } from "./demo/auth.server";
import { demoModeFromEnv } from "./demo/mode.server";
import { installDemoAdminApi } from "./demo/transport.server";
import { startBackfill } from "./models/backfill.server";
import { API_VERSION } from "./shopify/api-version";
import type { AdminApi } from "./shopify/admin.server";
import type { AdminRequestContext } from "./shopify/context.server";
import { APP_SCOPES } from "./shopify/scopes";
import { readCappedBody, requireJsonBody, withBody } from "./shopify/webhook-body.server";

export { API_VERSION };
export type { AdminApiContext, AdminRequestContext };

// Throws at startup when demo mode is requested where it must not run.
const demo = demoModeFromEnv(process.env);

const apiKey = demo?.apiKey ?? process.env.SHOPIFY_API_KEY;
const apiSecretKey = demo?.apiSecretKey ?? process.env.SHOPIFY_API_SECRET ?? "";
const appUrl = demo?.appUrl ?? process.env.SHOPIFY_APP_URL ?? "";

const shopify = shopifyApp({
  apiKey,
  apiSecretKey,
  apiVersion: API_VERSION,
  scopes: process.env.SCOPES?.split(",") ?? [...APP_SCOPES],
  appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  // Webhooks are subscribed app-specifically in shopify.app.toml, not registered from here.
  hooks: {
    // On install (the first offline token), import the last 60 days of orders in the background.
    afterAuth: async ({ session }) => {
      await startBackfill(session.shop, { clientFor: offlineGraphqlClient, onlyIfNever: true });
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN
    ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] }
    : {}),
});

if (demo) {
  installDemoAdminApi(demo.appUrl);
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

export type WebhookContext = Awaited<ReturnType<typeof shopify.authenticate.webhook>> & {
  /** The body exactly as signed (ids beyond 2^53 can be read from it). */
  rawBody: string;
};

/**
 * Every webhook route's authentication: the body is read with a byte cap first (413 past
 * MAX_WEBHOOK_BODY_BYTES, before it is held whole), then the library verifies the HMAC (401),
 * then a body that is not JSON or nests absurdly is refused with 400.
 */
async function authenticateWebhook(request: Request): Promise<WebhookContext> {
  if (request.method !== "POST") {
    // The library answers 405 without reading the body.
    return { ...(await shopify.authenticate.webhook(request)), rawBody: "" };
  }
  const rawBody = await readCappedBody(request);
  let context: Awaited<ReturnType<typeof shopify.authenticate.webhook>>;
  try {
    context = await shopify.authenticate.webhook(withBody(request, rawBody));
  } catch (error) {
    // The library parses the body only once the HMAC is verified; a parse failure is bad input.
    if (error instanceof SyntaxError) requireJsonBody(rawBody);
    throw error;
  }
  requireJsonBody(rawBody);
  return { ...context, rawBody };
}

/** A webhook for the inbox: who sent it, what it says, and the body exactly as signed. */
export interface InboxWebhook {
  shop: string;
  topic: string;
  eventId: string | undefined;
  webhookId: string;
  payload: unknown;
  rawBody: string;
}

let signatureChecker: ReturnType<typeof shopifyApi> | null = null;

/** The library's webhook validation alone, made on first use (same key, secret and version). */
function webhookSignatures(): ReturnType<typeof shopifyApi> {
  if (signatureChecker) return signatureChecker;
  const url = new URL(appUrl);
  signatureChecker = shopifyApi({
    apiKey: apiKey ?? "",
    apiSecretKey,
    apiVersion: API_VERSION,
    hostName: url.host,
    hostScheme: url.protocol === "http:" ? "http" : "https",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });
  return signatureChecker;
}

/**
 * The inbox routes' authentication (orders, refunds, customers/update): the same body cap, HMAC
 * check (401) and JSON checks (400) as `authenticateWebhook`, without loading the shop's offline
 * session, which those routes never use. That lookup was about a third of an acknowledgement's
 * CPU, and acknowledging is what a burst of orders waits on.
 */
async function authenticateInboxWebhook(request: Request): Promise<InboxWebhook> {
  if (request.method !== "POST") throw new Response(undefined, { status: 405 });
  const rawBody = await readCappedBody(request);
  const check = await webhookSignatures().webhooks.validate({ rawBody, rawRequest: request });
  if (!check.valid) {
    const forged = check.reason === WebhookValidationErrorReason.InvalidHmac;
    throw new Response(undefined, { status: forged ? 401 : 400 });
  }
  return {
    shop: check.domain,
    topic: check.topic,
    eventId: check.webhookType === WebhookType.Webhooks ? check.eventId : undefined,
    webhookId: check.webhookId,
    payload: requireJsonBody(rawBody),
    rawBody,
  };
}

export const authenticate = {
  admin: demo ? demoAdminAuthenticator(shopify.unauthenticated.admin) : authenticateAdmin,
  webhook: authenticateWebhook,
  inboxWebhook: authenticateInboxWebhook,
};

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;

/**
 * Admin API access outside a request (the webhook worker): the library's client on the shop's
 * offline session. Null when the shop has no offline session (the app was uninstalled).
 */
export async function backgroundAdmin(shop: string): Promise<AdminApi | null> {
  try {
    const { admin } = await shopify.unauthenticated.admin(shop);
    return admin;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

/**
 * A graphql-request client on the shop's offline token, for the order history backfill: a job
 * that outlives the request that started it and polls a bulk operation for minutes. The token
 * comes through the library (which refreshes an expiring offline token first), and requests go
 * through the library's fetch function, so the demo and the tests answer them in process.
 */
export async function offlineGraphqlClient(shop: string): Promise<GraphQLClient | null> {
  let accessToken: string | undefined;
  try {
    ({
      session: { accessToken },
    } = await shopify.unauthenticated.admin(shop));
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
  if (!accessToken) return null;
  return new GraphQLClient(`https://${shop}/admin/api/${API_VERSION}/graphql.json`, {
    headers: { "X-Shopify-Access-Token": accessToken },
    fetch: (input, init) => abstractFetch(input, init),
  });
}
