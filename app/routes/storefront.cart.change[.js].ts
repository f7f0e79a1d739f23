import type { ActionFunctionArgs } from "@remix-run/node";
import { answerCartRequest } from "../storefront/cart-route.server";

/** POST /storefront/cart/change.js: sets one line's quantity or properties (`id` = line key or variant, or `line`), as Shopify's AJAX Cart API. */
export const action = ({ request }: ActionFunctionArgs) => answerCartRequest(request, "change");
