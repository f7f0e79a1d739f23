import { adminDocument, type UserError } from "./document";

export interface MetafieldValue {
  id: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

/** The fields every document here reads of a metafield (`MetafieldValue`). */
const METAFIELD_FIELDS = `#graphql
  fragment LadderMetafieldFields on Metafield {
    id
    namespace
    key
    type
    value
  }
`;

export interface ShopMetafieldData {
  shop: { id: string; metafield: MetafieldValue | null };
}

/** Reads one shop metafield; `$app` namespaces resolve to the app's reserved namespace. */
export const SHOP_METAFIELD_QUERY = adminDocument<
  ShopMetafieldData,
  { namespace: string; key: string }
>(`#graphql
  query LadderShopMetafield($namespace: String!, $key: String!) {
    shop {
      id
      metafield(namespace: $namespace, key: $key) {
        ...LadderMetafieldFields
      }
    }
  }
  ${METAFIELD_FIELDS}
`);

export interface MetafieldsSetInput {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

export interface MetafieldsSetData {
  metafieldsSet: {
    metafields: MetafieldValue[] | null;
    userErrors: UserError[];
  } | null;
}

export const METAFIELDS_SET_MUTATION = adminDocument<
  MetafieldsSetData,
  { metafields: MetafieldsSetInput[] }
>(`#graphql
  mutation LadderMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        ...LadderMetafieldFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
  ${METAFIELD_FIELDS}
`);

export interface AppInstallationData {
  currentAppInstallation: {
    id: string;
    metafield: MetafieldValue | null;
  };
}

/**
 * The app's installation on this shop, owner of the app-data metafields Liquid reads as
 * `app.metafields.NAMESPACE.KEY` (the storefront's copy of the published config).
 */
export const APP_INSTALLATION_METAFIELD_QUERY = adminDocument<
  AppInstallationData,
  { namespace: string; key: string }
>(`#graphql
  query LadderAppInstallationMetafield($namespace: String!, $key: String!) {
    currentAppInstallation {
      id
      metafield(namespace: $namespace, key: $key) {
        ...LadderMetafieldFields
      }
    }
  }
  ${METAFIELD_FIELDS}
`);
