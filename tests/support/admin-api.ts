import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { createAdminStandIn, type AdminStandIn } from "../../app/demo/admin-api.server";
import type { StandInExtension } from "../../app/demo/stand-in/index.server";
import { loadAdminSchema } from "../../app/shopify/admin-schema.server";
import { API_VERSION } from "../../app/shopify/api-version";

/** The access token `setUpValidSession` gives test sessions. */
export const TEST_ACCESS_TOKEN = "totally_real_token";

export interface RecordingStandIn extends AdminStandIn {
  /** The GraphQL documents the app sent, in order. */
  sent: { query: string; variables: unknown }[];
}

/**
 * Answers the app's outgoing Admin API calls for the test shop with the schema-backed stand-in
 * (so every document the code under test sends is validated against the real schema), and records
 * them. Install it in `beforeEach`.
 */
export function installAdminStandIn(
  shop = TEST_SHOP,
  options: {
    extensions?: readonly StandInExtension[];
    now?: () => Date;
    inventory?: ReadonlyMap<string, number>;
  } = {},
): RecordingStandIn {
  const standIn = createAdminStandIn({
    schema: loadAdminSchema(API_VERSION),
    apiVersion: API_VERSION,
    shop: { myshopifyDomain: shop },
    accessToken: TEST_ACCESS_TOKEN,
    ...options,
  });
  const sent: RecordingStandIn["sent"] = [];
  setAbstractFetchFunc(async (input, init) => {
    const body =
      typeof init?.body === "string"
        ? (JSON.parse(init.body) as { query: string; variables: unknown })
        : null;
    if (body) sent.push({ query: body.query, variables: body.variables });
    return standIn.fetch(input, init);
  });
  return { ...standIn, sent };
}
