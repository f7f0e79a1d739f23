import type { LoaderFunctionArgs } from "@remix-run/node";
import { cartPage, htmlResponse } from "../storefront/pages.server";
import { storefrontVisitor } from "../storefront/visitor.server";

/** GET /storefront/cart: the cart as the function prices it, with Ladder's cart offers block. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { visitor, headers } = await storefrontVisitor(request);
  return htmlResponse(await cartPage(visitor), headers);
};
