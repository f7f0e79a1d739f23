import type { Session } from "@shopify/shopify-api";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

/**
 * What `authenticate.admin` gives routes, in production and in demo mode alike: the Admin API
 * client, the shop's session and an embedded-safe redirect.
 */
export interface AdminRequestContext {
  admin: AdminApiContext;
  session: Session;
  redirect: (url: string, init?: number | ResponseInit) => Response;
}
