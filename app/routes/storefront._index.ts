import type { LoaderFunctionArgs } from "@remix-run/node";
import { homePage, htmlResponse } from "../storefront/pages.server";
import { storefrontVisitor } from "../storefront/visitor.server";

/** GET /storefront: the demo catalog (demo mode only). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { visitor, headers } = await storefrontVisitor(request);
  return htmlResponse(await homePage(visitor), headers);
};
