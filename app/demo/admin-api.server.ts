/**
 * An in-process stand-in for the Shopify Admin GraphQL API.
 *
 * It executes every document with graphql-js against the REAL Admin schema of the app's API
 * version, so a misspelled field or a wrong argument fails here exactly as it would at Shopify
 * (HTTP 200 with `errors`), and answers from the demo catalog. It plugs in below the Shopify
 * client, as its fetch function, so the app's code path is the production one: the same client,
 * the same GraphqlQueryError on errors, the same userErrors handling.
 *
 * Objects are plain values; fields with arguments are functions (graphql-js's default resolver
 * calls them with the arguments). Fields the stand-in doesn't know resolve to null. Extend the
 * builders below when a later feature queries more.
 */
import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import {
  DEMO_COLLECTIONS,
  DEMO_PRODUCTS,
  DEMO_SHOP,
  findCollection,
  findProduct,
  findVariant,
  legacyId,
  productsInCollection,
  searchProducts,
  type DemoCollection,
  type DemoProduct,
  type DemoShopInfo,
  type DemoVariant,
} from "./catalog";
import { DEMO_DEFAULT_APP_URL } from "./mode.server";
import { absoluteImageUrl } from "./product-image";
import {
  STAND_IN_EXTENSIONS,
  type StandInContext,
  type StandInExtension,
} from "./stand-in/index.server";

export interface AdminStandInOptions {
  schema: GraphQLSchema;
  /** API version served at /admin/api/<version>/graphql.json. */
  apiVersion: string;
  /** Shop facts; defaults to the demo shop. `myshopifyDomain` is the host the stand-in answers. */
  shop?: Partial<DemoShopInfo>;
  /** When set, requests must carry this X-Shopify-Access-Token (401 otherwise, like Shopify). */
  accessToken?: string;
  /** Numeric app id that `$app` namespaces resolve to (`app--<id>`). */
  appId?: string;
  /** Fixed clock for timestamps, so tests are deterministic. */
  now?: () => Date;
  /** Areas of the API beyond the catalog (discounts, orders...); defaults to `STAND_IN_EXTENSIONS`. */
  extensions?: readonly StandInExtension[];
  /** Stock by variant id where it differs from the catalog's (tests sell items out). */
  inventory?: ReadonlyMap<string, number>;
  /**
   * The origin product image URLs are absolute on, as Shopify's CDN URLs are: the demo's app URL
   * (the demo serves the images); defaults to the demo's default one.
   */
  imageOrigin?: string;
}

export interface StoredMetafield {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface AdminStandIn {
  /** Executes a document as the Admin API would (errors in the result, never thrown). */
  execute(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
  /** A fetch function for `setAbstractFetchFunc`: answers Admin GraphQL requests for the shop. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Metafields written so far, keyed by owner. */
  metafields(): StoredMetafield[];
}

type Args = Record<string, unknown>;
type Obj = Record<string, unknown>;

export function createAdminStandIn(options: AdminStandInOptions): AdminStandIn {
  const shopInfo: DemoShopInfo = { ...DEMO_SHOP, ...options.shop };
  const appId = options.appId ?? "1000001";
  const now = options.now ?? (() => new Date());
  const imageOrigin = options.imageOrigin ?? DEMO_DEFAULT_APP_URL;
  const stored = new Map<string, StoredMetafield>();
  let nextMetafieldId = 9001;
  const createdAt = "2026-01-05T09:00:00Z";
  const appInstallationId = "gid://shopify/AppInstallation/1";

  // ---- metafields -------------------------------------------------------------------------------

  function resolveNamespace(namespace: unknown): string {
    const ns = typeof namespace === "string" && namespace !== "" ? namespace : "$app";
    if (ns === "$app") return `app--${appId}`;
    if (ns.startsWith("$app:")) return `app--${appId}--${ns.slice("$app:".length)}`;
    return ns;
  }

  const metafieldKey = (ownerId: string, namespace: string, key: string) =>
    `${ownerId} ${namespace} ${key}`;

  function metafieldObject(m: StoredMetafield): Obj {
    return {
      __typename: "Metafield",
      id: m.id,
      legacyResourceId: legacyId(m.id),
      namespace: m.namespace,
      key: m.key,
      type: m.type,
      value: m.value,
      jsonValue: parseJsonValue(m),
      ownerType: ownerType(m.ownerId),
      compareDigest: digest(m.value),
      sizeInBytes: new TextEncoder().encode(m.value).length,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      owner: () => nodeById(m.ownerId),
    };
  }

  function metafieldFields(ownerId: string): Obj {
    return {
      metafield: ({ namespace, key }: Args) => {
        const m = stored.get(metafieldKey(ownerId, resolveNamespace(namespace), String(key)));
        return m ? metafieldObject(m) : null;
      },
      metafields: (args: Args) => {
        const namespace = args.namespace === undefined ? null : resolveNamespace(args.namespace);
        const keys = Array.isArray(args.keys) ? args.keys.map(String) : null;
        const items = [...stored.values()].filter(
          (m) =>
            m.ownerId === ownerId &&
            (namespace === null || m.namespace === namespace) &&
            (keys === null || keys.includes(`${m.namespace}.${m.key}`)),
        );
        return connection(items.map(metafieldObject), args);
      },
    };
  }

  function metafieldsSet({ metafields }: Args): Obj {
    return writeMetafields(Array.isArray(metafields) ? (metafields as Args[]) : [], "metafields");
  }

  /**
   * Validates and writes metafields as metafieldsSet does (atomically: one bad input writes
   * nothing). `field` names the input list in userErrors; other areas reuse it for the
   * `metafields` of the objects they create (discounts...), where ownerId is implied.
   */
  function writeMetafields(inputs: Args[], field: string): Obj {
    const userErrors: Obj[] = [];
    const error = (index: number, name: string, code: string, message: string) =>
      userErrors.push({
        field: [field, String(index), name],
        message,
        code,
        elementIndex: index,
      });

    if (inputs.length > 25)
      error(
        0,
        field,
        "LESS_THAN_OR_EQUAL_TO",
        "Exceeded the maximum metafields input limit of 25.",
      );
    const planned = inputs.map((input, index) => {
      const ownerId = String(input.ownerId);
      const namespace = resolveNamespace(input.namespace);
      const key = String(input.key);
      const existing = stored.get(metafieldKey(ownerId, namespace, key));
      const type = typeof input.type === "string" ? input.type : existing?.type;
      const value = String(input.value);
      if (nodeById(ownerId) === null) error(index, "ownerId", "INVALID", "Owner does not exist.");
      if (key.length < 2 || key.length > 64)
        error(index, "key", "INVALID", "Key must be between 2 and 64 characters.");
      if (!type) error(index, "type", "BLANK", "Type can't be blank.");
      else if (isJsonType(type) && !isJson(value))
        error(index, "value", "INVALID_VALUE", "Value is invalid JSON.");
      return { ownerId, namespace, key, type: type ?? "", value, existing };
    });

    if (userErrors.length > 0) return { metafields: null, userErrors };

    const timestamp = now().toISOString();
    const written = planned.map((p) => {
      const m: StoredMetafield = {
        id: p.existing?.id ?? `gid://shopify/Metafield/${nextMetafieldId++}`,
        ownerId: p.ownerId,
        namespace: p.namespace,
        key: p.key,
        type: p.type,
        value: p.value,
        createdAt: p.existing?.createdAt ?? timestamp,
        updatedAt: timestamp,
      };
      stored.set(metafieldKey(p.ownerId, p.namespace, p.key), m);
      return metafieldObject(m);
    });
    return { metafields: written, userErrors: [] };
  }

  // ---- catalog objects ----------------------------------------------------------------------------

  const money = (amount: string) => ({ amount, currencyCode: shopInfo.currencyCode });

  function shopObject(): Obj {
    return {
      __typename: "Shop",
      id: shopInfo.id,
      name: shopInfo.name,
      email: shopInfo.email,
      contactEmail: shopInfo.email,
      myshopifyDomain: shopInfo.myshopifyDomain,
      url: `https://${shopInfo.myshopifyDomain}`,
      currencyCode: shopInfo.currencyCode,
      enabledPresentmentCurrencies: [shopInfo.currencyCode],
      ianaTimezone: shopInfo.ianaTimezone,
      plan: {
        __typename: "ShopPlan",
        shopifyPlus: shopInfo.shopifyPlus,
        partnerDevelopment: false,
        displayName: shopInfo.shopifyPlus ? "Shopify Plus" : "Basic",
        publicDisplayName: shopInfo.shopifyPlus ? "Shopify Plus" : "Basic",
      },
      currencyFormats: {
        moneyFormat: "${{amount}}",
        moneyInEmailsFormat: "${{amount}} USD",
        moneyWithCurrencyFormat: "${{amount}} USD",
        moneyWithCurrencyInEmailsFormat: "${{amount}} USD",
      },
      createdAt,
      updatedAt: createdAt,
      productTags: (args: Args) =>
        connection([...new Set(DEMO_PRODUCTS.flatMap((p) => p.tags))].sort(), args),
      productTypes: (args: Args) =>
        connection([...new Set(DEMO_PRODUCTS.map((p) => p.productType))].sort(), args),
      ...metafieldFields(shopInfo.id),
    };
  }

  function productObject(p: DemoProduct): Obj {
    const prices = p.variants.map((v) => Number(v.price));
    const min = p.variants[prices.indexOf(Math.min(...prices))]?.price ?? "0.00";
    const max = p.variants[prices.indexOf(Math.max(...prices))]?.price ?? "0.00";
    const image = p.imagePath
      ? {
          __typename: "Image",
          id: null,
          url: absoluteImageUrl(p.imagePath, imageOrigin),
          altText: p.title,
          width: null,
          height: null,
        }
      : null;
    return {
      __typename: "Product",
      id: p.id,
      legacyResourceId: legacyId(p.id),
      handle: p.handle,
      title: p.title,
      description: p.description,
      descriptionHtml: `<p>${p.description}</p>`,
      vendor: p.vendor,
      productType: p.productType,
      tags: p.tags,
      status: "ACTIVE",
      createdAt,
      updatedAt: createdAt,
      publishedAt: createdAt,
      hasOnlyDefaultVariant: p.variants.length === 1,
      totalInventory: p.variants.reduce(
        (sum, v) => sum + (options.inventory?.get(v.id) ?? v.inventoryQuantity),
        0,
      ),
      tracksInventory: true,
      isGiftCard: false,
      onlineStoreUrl: null,
      featuredImage: image,
      featuredMedia: image
        ? {
            __typename: "MediaImage",
            id: `gid://shopify/MediaImage/${legacyId(p.id)}`,
            alt: p.title,
            mediaContentType: "IMAGE",
            status: "READY",
            preview: { image, status: "READY" },
            image,
          }
        : null,
      priceRangeV2: { minVariantPrice: money(min), maxVariantPrice: money(max) },
      priceRange: { minVariantPrice: money(min), maxVariantPrice: money(max) },
      variantsCount: { count: p.variants.length, precision: "EXACT" },
      variants: (args: Args) =>
        connection(
          p.variants.map((v) => variantObject(v, p)),
          args,
        ),
      collections: (args: Args) =>
        connection(
          p.collectionIds.map(findCollection).filter(isDefined).map(collectionObject),
          args,
        ),
      inCollection: ({ id }: Args) => p.collectionIds.includes(String(id)),
      ...metafieldFields(p.id),
    };
  }

  function variantObject(v: DemoVariant, p: DemoProduct): Obj {
    const inventoryQuantity = options.inventory?.get(v.id) ?? v.inventoryQuantity;
    return {
      __typename: "ProductVariant",
      id: v.id,
      legacyResourceId: legacyId(v.id),
      title: v.title,
      displayName: v.title === "Default Title" ? p.title : `${p.title} - ${v.title}`,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      sku: v.sku,
      barcode: null,
      availableForSale: inventoryQuantity > 0,
      inventoryQuantity,
      inventoryPolicy: "DENY",
      position: p.variants.indexOf(v) + 1,
      taxable: true,
      image: null,
      // Demo variants have no images of their own: their product's featured image stands in.
      media: (args: Args) => connection([], args),
      selectedOptions: v.selectedOptions.map((o) => ({
        ...o,
        optionValue: {
          __typename: "ProductOptionValue",
          id: `gid://shopify/ProductOptionValue/${legacyId(v.id)}`,
          name: o.value,
          hasVariants: true,
        },
      })),
      createdAt,
      updatedAt: createdAt,
      product: () => productObject(p),
      ...metafieldFields(v.id),
    };
  }

  function collectionObject(c: DemoCollection): Obj {
    const products = productsInCollection(c.id);
    return {
      __typename: "Collection",
      id: c.id,
      legacyResourceId: legacyId(c.id),
      handle: c.handle,
      title: c.title,
      description: c.description,
      descriptionHtml: `<p>${c.description}</p>`,
      updatedAt: createdAt,
      image: null,
      sortOrder: "BEST_SELLING",
      productsCount: { count: products.length, precision: "EXACT" },
      products: (args: Args) => connection(products.map(productObject), args),
      hasProduct: ({ id }: Args) => products.some((p) => p.id === id),
      ...metafieldFields(c.id),
    };
  }

  function appInstallationObject(): Obj {
    return {
      __typename: "AppInstallation",
      id: appInstallationId,
      launchUrl: `https://admin.shopify.com/store/${shopInfo.myshopifyDomain.split(".")[0]}/apps/ladder`,
      ...metafieldFields(appInstallationId),
    };
  }

  const context: StandInContext = {
    shop: shopInfo,
    now,
    money,
    metafieldFields,
    writeMetafields: (inputs, field) => writeMetafields(inputs, field),
    productObject,
    variantObject,
    nodeById: (id) => nodeById(id),
  };
  const extensions = (options.extensions ?? STAND_IN_EXTENSIONS).map((extend) => extend(context));

  function nodeById(id: string): Obj | null {
    for (const extension of extensions) {
      const node = extension.node?.(id);
      if (node) return node;
    }
    if (id === shopInfo.id) return shopObject();
    if (id === appInstallationId) return appInstallationObject();
    const product = findProduct(id);
    if (product) return productObject(product);
    const found = findVariant(id);
    if (found) return variantObject(found.variant, found.product);
    const c = findCollection(id);
    if (c) return collectionObject(c);
    return null;
  }

  const rootValue: Obj = {
    shop: shopObject,
    currentAppInstallation: appInstallationObject,
    products: (args: Args) => {
      const found = sortProducts(searchProducts(args.query as string | undefined), args.sortKey);
      return connection(found.map(productObject), args);
    },
    productsCount: (args: Args) => ({
      count: searchProducts(args.query as string | undefined).length,
      precision: "EXACT",
    }),
    product: ({ id }: Args) => {
      const p = findProduct(String(id));
      return p ? productObject(p) : null;
    },
    productByHandle: ({ handle }: Args) => {
      const p = DEMO_PRODUCTS.find((x) => x.handle === handle);
      return p ? productObject(p) : null;
    },
    productVariant: ({ id }: Args) => {
      const found = findVariant(String(id));
      return found ? variantObject(found.variant, found.product) : null;
    },
    productVariants: (args: Args) =>
      connection(
        searchProducts(args.query as string | undefined).flatMap((p) =>
          p.variants.map((v) => variantObject(v, p)),
        ),
        args,
      ),
    collections: (args: Args) => {
      const q = typeof args.query === "string" ? args.query.toLowerCase() : "";
      return connection(
        DEMO_COLLECTIONS.filter((c) =>
          c.title.toLowerCase().includes(q.replace(/^title:/, "")),
        ).map(collectionObject),
        args,
      );
    },
    collection: ({ id }: Args) => {
      const c = findCollection(String(id));
      return c ? collectionObject(c) : null;
    },
    node: ({ id }: Args) => nodeById(String(id)),
    nodes: ({ ids }: Args) => (Array.isArray(ids) ? ids.map((id) => nodeById(String(id))) : []),
    metafieldsSet,
    ...Object.assign({}, ...extensions.map((extension) => extension.root ?? {})),
  };

  // ---- transport ---------------------------------------------------------------------------------

  async function run(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    const errors = validate(options.schema, document);
    if (errors.length > 0) return { errors };
    return execute({
      schema: options.schema,
      document,
      rootValue,
      variableValues: variables ?? {},
    });
  }

  const endpoint = `/admin/api/${options.apiVersion}/graphql.json`;

  async function fetchHandler(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== shopInfo.myshopifyDomain) {
      // The demo has no network: anything but the shop's Admin API is a programming error.
      throw new TypeError(`Admin API stand-in: no route to ${url.origin} (demo mode is offline)`);
    }
    if (url.pathname !== endpoint || request.method !== "POST") {
      return json({ errors: `Not Found: the stand-in serves POST ${endpoint}` }, 404);
    }
    if (
      options.accessToken &&
      request.headers.get("X-Shopify-Access-Token") !== options.accessToken
    ) {
      return json(
        { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
        401,
      );
    }
    let body: { query?: unknown; variables?: unknown };
    try {
      body = (await request.json()) as typeof body;
    } catch {
      return json({ errors: "Bad Request: body must be JSON" }, 400);
    }
    if (typeof body.query !== "string") {
      return json({ errors: { query: "Required parameter missing or invalid" } }, 400);
    }
    const variables =
      body.variables && typeof body.variables === "object"
        ? (body.variables as Record<string, unknown>)
        : undefined;
    const result = await run(body.query, variables);
    // Like Shopify: GraphQL errors (syntax, validation, execution) come back with HTTP 200.
    return json(result, 200);
  }

  return {
    execute: run,
    fetch: fetchHandler,
    metafields: () => [...stored.values()],
  };
}

// ---- helpers -------------------------------------------------------------------------------------

interface ConnectionArgs {
  first?: unknown;
  last?: unknown;
  after?: unknown;
  before?: unknown;
  reverse?: unknown;
}

/** Relay connection over an in-memory list, with Shopify's first/last/after/before/reverse. */
export function connection<T>(items: T[], args: ConnectionArgs) {
  const all = args.reverse === true ? [...items].reverse() : items;
  const cursors = all.map((_, index) => encodeCursor(index));
  let start = 0;
  let end = all.length;
  if (typeof args.after === "string") start = Math.max(start, decodeCursor(args.after) + 1);
  if (typeof args.before === "string") end = Math.min(end, decodeCursor(args.before));
  if (typeof args.first === "number") end = Math.min(end, start + args.first);
  if (typeof args.last === "number") start = Math.max(start, end - args.last);
  const slice = all.slice(start, end);
  return {
    nodes: slice,
    edges: slice.map((node, i) => ({ node, cursor: cursors[start + i] })),
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursors[start] : null,
      endCursor: slice.length ? cursors[end - 1] : null,
    },
  };
}

function encodeCursor(index: number): string {
  return Buffer.from(`ladder-demo:${index}`).toString("base64url");
}

function decodeCursor(cursor: string): number {
  const match = /^ladder-demo:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : -1;
}

function sortProducts(products: DemoProduct[], sortKey: unknown): DemoProduct[] {
  if (sortKey === "TITLE") return [...products].sort((a, b) => a.title.localeCompare(b.title));
  return products; // ID order is catalog order
}

function ownerType(ownerId: string): string {
  const type = /^gid:\/\/shopify\/(\w+)\//.exec(ownerId)?.[1] ?? "";
  const map: Record<string, string> = {
    Shop: "SHOP",
    Product: "PRODUCT",
    ProductVariant: "PRODUCTVARIANT",
    Collection: "COLLECTION",
    Customer: "CUSTOMER",
    AppInstallation: "API_PERMISSION",
    DiscountAutomaticNode: "DISCOUNT",
  };
  return map[type] ?? "SHOP";
}

function isJsonType(type: string): boolean {
  return type === "json" || type === "json_string";
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

function parseJsonValue(m: StoredMetafield): unknown {
  if (isJsonType(m.type)) return JSON.parse(m.value);
  if (m.type === "number_integer" || m.type === "number_decimal") return Number(m.value);
  if (m.type === "boolean") return m.value === "true";
  return m.value;
}

function digest(value: string): string {
  // Stable fingerprint of the value (the real API uses a hash for compare-and-set).
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}
