import {
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
