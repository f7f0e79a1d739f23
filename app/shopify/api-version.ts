import { ApiVersion } from "@shopify/shopify-api";

/**
 * The one Admin API version the app speaks. The webhook subscriptions in shopify.app.toml,
 * the Admin schema used by the demo stand-in and the document tests all follow this constant.
 */
export const API_VERSION = ApiVersion.October26;
