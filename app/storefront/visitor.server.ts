/**
 * Who is visiting the demo storefront: a first-party cookie holds the visitor key (the cart's
 * token, and the key Ladder's holdout bucket is computed from), another the simulated buyer the
 * switch picked. The storefront exists in demo mode only: elsewhere every route answers 404.
 */
import { randomBytes } from "node:crypto";
import { DEMO_SHOP_DOMAIN } from "../demo/catalog";
import { isDemoMode, unauthenticated } from "../shopify.server";
import type { StorefrontVisitor } from "./cart-api.server";
import { isSimulatedCustomerKind, type SimulatedCustomerKind } from "./customers";

export const VISITOR_COOKIE = "ladder_visitor";
export const CUSTOMER_COOKIE = "ladder_customer";
const COOKIE_ATTRIBUTES = "Path=/storefront; SameSite=Lax; HttpOnly; Max-Age=1209600";
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const pair of header.split(";")) {
    const [key, ...rest] = pair.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function customerCookie(kind: SimulatedCustomerKind): string {
  return `${CUSTOMER_COOKIE}=${kind}; ${COOKIE_ATTRIBUTES}`;
}

/**
 * The visitor of a storefront request, and the Set-Cookie header a first visit needs. Throws a
 * 404 response outside demo mode.
 */
export async function storefrontVisitor(
  request: Request,
): Promise<{ visitor: StorefrontVisitor; headers: Headers }> {
  if (!isDemoMode) throw new Response("Not Found", { status: 404 });
  const headers = new Headers();
  let token = readCookie(request, VISITOR_COOKIE);
  if (!token || !TOKEN.test(token)) {
    token = randomBytes(16).toString("hex");
    headers.append("Set-Cookie", `${VISITOR_COOKIE}=${token}; ${COOKIE_ATTRIBUTES}`);
  }
  const kind = readCookie(request, CUSTOMER_COOKIE);
  const { admin } = await unauthenticated.admin(DEMO_SHOP_DOMAIN);
  return {
    visitor: {
      shop: DEMO_SHOP_DOMAIN,
      admin,
      token,
      customer: isSimulatedCustomerKind(kind) ? kind : "guest",
      origin: new URL(request.url).origin,
    },
    headers,
  };
}
