import type { ActionFunctionArgs } from "@remix-run/node";
import { answerCartRequest } from "../storefront/cart-route.server";

/** POST /storefront/cart/update.js: sets quantities (`updates`), cart `attributes` and the `note`, as Shopify's AJAX Cart API. */
export const action = ({ request }: ActionFunctionArgs) => answerCartRequest(request, "update");
