import type { ActionFunctionArgs } from "@remix-run/node";
import { answerCartRequest } from "../storefront/cart-route.server";

/** POST /storefront/cart/add.js: adds items (`id`, `quantity`, `properties`, or `items: [...]`), as Shopify's AJAX Cart API. */
export const action = ({ request }: ActionFunctionArgs) => answerCartRequest(request, "add");
