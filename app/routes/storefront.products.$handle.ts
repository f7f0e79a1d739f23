import type { LoaderFunctionArgs } from "@remix-run/node";
import { htmlResponse, productPage } from "../storefront/pages.server";
import { storefrontVisitor } from "../storefront/visitor.server";

/** GET /storefront/products/{handle}: a product with Ladder's product offers block. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { visitor, headers } = await storefrontVisitor(request);
  return htmlResponse(await productPage(visitor, params.handle ?? ""), headers);
};
