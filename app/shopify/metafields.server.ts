import {
  APP_INSTALLATION_METAFIELD_QUERY,
  METAFIELDS_SET_MUTATION,
  SHOP_METAFIELD_QUERY,
  type MetafieldValue,
} from "../graphql/metafields";
import { adminRequest, requireNoUserErrors, type AdminApi } from "./admin.server";

/** App-owned namespace: only Ladder can write it; the checkout extension reads it. */
export const APP_NAMESPACE = "$app";

export async function readShopAppMetafield(
  admin: AdminApi,
  key: string,
): Promise<MetafieldValue | null> {
  const { shop } = await adminRequest(admin, SHOP_METAFIELD_QUERY, {
    namespace: APP_NAMESPACE,
    key,
  });
  return shop.metafield;
}

/** Writes a JSON value to an app-owned shop metafield and returns what Shopify stored. */
export async function writeShopAppMetafield(
  admin: AdminApi,
  shopId: string,
  key: string,
  value: unknown,
): Promise<MetafieldValue> {
  const data = await adminRequest(admin, METAFIELDS_SET_MUTATION, {
    metafields: [
      {
        ownerId: shopId,
        namespace: APP_NAMESPACE,
        key,
        type: "json",
        value: JSON.stringify(value),
      },
    ],
  });
  const payload = requireNoUserErrors("metafieldsSet", data.metafieldsSet);
  const stored = payload.metafields?.[0];
  if (!stored) throw new Error("metafieldsSet returned no metafield");
  return stored;
}

/** App-data metafield with the storefront's config: Liquid reads `app.metafields.ladder.config`. */
export const STOREFRONT_NAMESPACE = "ladder";
export const STOREFRONT_CONFIG_KEY = "config";

/** The storefront's copy of the published config on the app installation, if any. */
export async function readStorefrontConfig(admin: AdminApi): Promise<MetafieldValue | null> {
  const { currentAppInstallation } = await adminRequest(admin, APP_INSTALLATION_METAFIELD_QUERY, {
    namespace: STOREFRONT_NAMESPACE,
    key: STOREFRONT_CONFIG_KEY,
  });
  return currentAppInstallation.metafield;
}

/**
 * Writes the published config (checkout form) to the app installation's app-data metafield
 * `ladder`/`config`, which the theme app extension inlines (DESIGN §3.5).
 */
export async function writeStorefrontConfig(
  admin: AdminApi,
  value: unknown,
): Promise<MetafieldValue> {
  const { currentAppInstallation } = await adminRequest(admin, APP_INSTALLATION_METAFIELD_QUERY, {
    namespace: STOREFRONT_NAMESPACE,
    key: STOREFRONT_CONFIG_KEY,
  });
  const data = await adminRequest(admin, METAFIELDS_SET_MUTATION, {
    metafields: [
      {
        ownerId: currentAppInstallation.id,
        namespace: STOREFRONT_NAMESPACE,
        key: STOREFRONT_CONFIG_KEY,
        type: "json",
        value: JSON.stringify(value),
      },
    ],
  });
  const payload = requireNoUserErrors("metafieldsSet", data.metafieldsSet);
  const stored = payload.metafields?.[0];
  if (!stored) throw new Error("metafieldsSet returned no metafield");
  return stored;
}
