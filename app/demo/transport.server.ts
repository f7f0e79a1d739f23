import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { loadAdminSchema } from "../shopify/admin-schema.server";
import { API_VERSION } from "../shopify/api-version";
import { createAdminStandIn, type AdminStandIn } from "./admin-api.server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP_DOMAIN } from "./mode.server";

/**
 * Routes the Shopify client's outgoing requests to the in-process stand-in. The client reads its
 * fetch function through the library's runtime hook, so nothing above this seam changes.
 * `appUrl` is where the demo answers: its product images' URLs are absolute on it.
 */
export function installDemoAdminApi(appUrl: string): AdminStandIn {
  const standIn = createAdminStandIn({
    imageOrigin: appUrl,
    schema: loadAdminSchema(API_VERSION),
    apiVersion: API_VERSION,
    shop: { myshopifyDomain: DEMO_SHOP_DOMAIN },
    accessToken: DEMO_ACCESS_TOKEN,
  });
  setAbstractFetchFunc(standIn.fetch);
  return standIn;
}
