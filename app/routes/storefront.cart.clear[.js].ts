import type { ActionFunctionArgs } from "@remix-run/node";
import { answerCartRequest } from "../storefront/cart-route.server";

/** POST /storefront/cart/clear.js: removes every line, as Shopify's AJAX Cart API. */
export const action = ({ request }: ActionFunctionArgs) => answerCartRequest(request, "clear");
