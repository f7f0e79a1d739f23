import { redirect } from "@remix-run/node";
import {
  SessionNotFoundError,
  type UnauthenticatedAdminContext,
} from "@shopify/shopify-app-remix/server";
import type { AdminRequestContext } from "../shopify/context.server";
import { DEMO_SHOP_DOMAIN } from "./mode.server";

type UnauthenticatedAdmin = (shop: string) => Promise<UnauthenticatedAdminContext>;

/**
 * Demo authentication: every admin request acts for the demo shop with its seeded offline
 * session, as if Shopify had sent a valid session token. The Admin client is the library's own
 * (the stand-in sits below it as the fetch function).
 */
export function demoAdminAuthenticator(unauthenticatedAdmin: UnauthenticatedAdmin) {
  return async function authenticateDemoAdmin(_request: Request): Promise<AdminRequestContext> {
    try {
      const { admin, session } = await unauthenticatedAdmin(DEMO_SHOP_DOMAIN);
      return { admin, session, redirect };
    } catch (error) {
      if (error instanceof SessionNotFoundError) {
        throw new Error(`The demo shop is not seeded. Start the demo with \`npm run demo\`.`, {
          cause: error,
        });
      }
      throw error;
    }
  };
}
