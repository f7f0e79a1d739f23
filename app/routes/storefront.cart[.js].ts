import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerCartRequest } from "../storefront/cart-route.server";

/** GET /storefront/cart.js: the visitor's cart, as Shopify's AJAX Cart API answers it. */
export const loader = ({ request }: LoaderFunctionArgs) => answerCartRequest(request, "get");
