import { GraphqlQueryError } from "@shopify/shopify-api";
import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { createAdminStandIn } from "../../app/demo/admin-api.server";
import { DEMO_PRODUCTS } from "../../app/demo/catalog";
import { CATALOG_NODES_QUERY, PRODUCT_SEARCH_QUERY } from "../../app/graphql/products";
import { SHOP_QUERY } from "../../app/graphql/shop";
import { seedDemoShop } from "../../app/demo/seed.server";
import { adminRequest, AdminUserErrors, type AdminApi } from "../../app/shopify/admin.server";
import { loadAdminSchema } from "../../app/shopify/admin-schema.server";
import { API_VERSION } from "../../app/shopify/api-version";
import { readShopAppMetafield, writeShopAppMetafield } from "../../app/shopify/metafields.server";
import { sessionStorage, unauthenticated } from "../../app/shopify.server";
import { setUpValidSession } from "@shopify/shopify-api/test-helpers";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";

const schema = loadAdminSchema(API_VERSION);

describe("Admin API stand-in: schema validation", () => {
  const standIn = createAdminStandIn({ schema, apiVersion: API_VERSION });

  it("rejects an invalid document with the schema's error message, executing nothing", async () => {
    const result = await standIn.execute(`query { shop { nmae } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.message)).toEqual([
      'Cannot query field "nmae" on type "Shop". Did you mean "name"?',
    ]);
  });

  it("rejects a syntax error", async () => {
    const result = await standIn.execute(`query { shop { name }`);
    expect(result.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });

  it("rejects variables of the wrong type, as the real API does", async () => {
    const result = await standIn.execute(PRODUCT_SEARCH_QUERY, { first: "ten" });
    expect(result.errors?.[0]?.message).toMatch(/\$first.*Int cannot represent/);
  });

  it("answers over HTTP with 200 and `errors`, like Shopify", async () => {
    const response = await standIn.fetch(
      `https://ladder-demo.myshopify.com/admin/api/${API_VERSION}/graphql.json`,
      { method: "POST", body: JSON.stringify({ query: "{ shop { nmae } }" }) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toContain('Cannot query field "nmae"');
  });

  it("answers 401 to a wrong access token and refuses other hosts", async () => {
    const guarded = createAdminStandIn({ schema, apiVersion: API_VERSION, accessToken: "right" });
    const url = `https://ladder-demo.myshopify.com/admin/api/${API_VERSION}/graphql.json`;
    const response = await guarded.fetch(url, {
      method: "POST",
      headers: { "X-Shopify-Access-Token": "wrong" },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect(response.status).toBe(401);
    await expect(guarded.fetch("https://example.com/")).rejects.toThrow(/no route/);
  });
});

describe("Admin API stand-in: catalog answers", () => {
  const standIn = createAdminStandIn({ schema, apiVersion: API_VERSION });

  it("searches products with Shopify's query syntax and pages through them", async () => {
    const result = await standIn.execute(PRODUCT_SEARCH_QUERY, { query: "tag:lens", first: 1 });
    expect(result.errors).toBeUndefined();
    const products = (
      result.data as {
        products: {
          nodes: { title: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }
    ).products;
    expect(products.nodes.map((p) => p.title)).toEqual(["Lens kit"]);
    expect(products.pageInfo.hasNextPage).toBe(true);

    const next = await standIn.execute(PRODUCT_SEARCH_QUERY, {
      query: "tag:lens",
      first: 5,
      after: products.pageInfo.endCursor,
    });
    expect(
      (next.data as { products: { nodes: { title: string }[] } }).products.nodes.map(
        (p) => p.title,
      ),
    ).toEqual(["Pro lens"]);
  });

  it("resolves product and variant GIDs through nodes, null for unknown ones", async () => {
    const result = await standIn.execute(CATALOG_NODES_QUERY, {
      ids: [
        "gid://shopify/Product/1101",
        "gid://shopify/ProductVariant/2303",
        "gid://shopify/Product/999",
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      nodes: [
        {
          __typename: "Product",
          title: "Camera",
          priceRangeV2: { minVariantPrice: { amount: "600.00", currencyCode: "USD" } },
          // The demo draws its product images (app/demo/product-image.ts) and serves them; the
          // URL is absolute on the demo's app URL, as Shopify's CDN URLs are absolute.
          featuredMedia: {
            preview: {
              image: {
                url: "http://localhost:3000/storefront/images/camera.svg",
                altText: "Camera",
              },
            },
          },
          variants: { nodes: [{ id: "gid://shopify/ProductVariant/2101", price: "600.00" }] },
        },
        {
          __typename: "ProductVariant",
          title: "Clear",
          price: "30.00",
          product: { title: "Phone case" },
        },
        null,
      ],
    });
  });

  it("gives image URLs absolute on the origin it is given (the demo's app URL)", async () => {
    const elsewhere = createAdminStandIn({
      schema,
      apiVersion: API_VERSION,
      imageOrigin: "http://127.0.0.1:4321",
    });
    const result = await elsewhere.execute(CATALOG_NODES_QUERY, {
      ids: ["gid://shopify/Product/1302"],
    });
    expect(result.data).toMatchObject({
      nodes: [
        {
          featuredMedia: {
            preview: { image: { url: "http://127.0.0.1:4321/storefront/images/phone-case.svg" } },
          },
        },
      ],
    });
  });

  it("tells every catalog story with the agreed prices", () => {
    const prices = Object.fromEntries(DEMO_PRODUCTS.map((p) => [p.title, p.variants[0]?.price]));
    expect(prices).toEqual({
      "Standard wash": "20.00",
      "Premium wash": "35.00",
      Waxing: "15.00",
      "Tire shine": "8.00",
      Camera: "600.00",
      "Lens kit": "250.00",
      "Pro lens": "1400.00",
      "Dark chocolate": "6.00",
      "Milk chocolate": "5.00",
      Pralines: "12.00",
      "Truffle sauce": "9.00",
      Phone: "799.00",
      "Phone case": "30.00",
      "Screen protector": "15.00",
    });
  });

  it("resolves fields it has no data for to null instead of inventing values", async () => {
    const nullable = await standIn.execute(
      `{ product(id: "gid://shopify/Product/1001") { title templateSuffix } }`,
    );
    expect(nullable).toEqual({
      data: { product: { title: "Standard wash", templateSuffix: null } },
    });

    // A non-null field without data is an execution error, as a broken API would report it.
    const nonNull = await standIn.execute(
      `{ product(id: "gid://shopify/Product/1001") { seo { title } } }`,
    );
    expect(nonNull.errors?.[0]?.message).toBe(
      "Cannot return null for non-nullable field Product.seo.",
    );
  });
});

describe("through the Shopify client (the demo's production code path)", () => {
  let admin: AdminApi;
  let adminApi: RecordingStandIn;

  beforeEach(async () => {
    adminApi = installAdminStandIn();
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    ({ admin } = await unauthenticated.admin(TEST_SHOP));
  });

  it("turns an invalid document into the client's GraphqlQueryError", async () => {
    const broken = `query LadderBroken { shop { nmae } }` as typeof SHOP_QUERY;
    const failure = await adminRequest(admin, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphqlQueryError);
    expect(String((failure as GraphqlQueryError).message)).toContain('Cannot query field "nmae"');
  });

  it("writes and reads an app-owned shop metafield (metafieldsSet userErrors checked)", async () => {
    const { shop } = await adminRequest(admin, SHOP_QUERY);
    const stored = await writeShopAppMetafield(admin, shop.id, "config", {
      version: 1,
      offers: [],
    });
    expect(stored).toMatchObject({ key: "config", type: "json", namespace: "app--1000001" });

    const read = await readShopAppMetafield(admin, "config");
    expect(read?.value).toBe(JSON.stringify({ version: 1, offers: [] }));
    expect(adminApi.metafields()).toHaveLength(1);
  });

  it("surfaces userErrors as AdminUserErrors and writes nothing", async () => {
    const failure = await writeShopAppMetafield(
      admin,
      "gid://shopify/Shop/404",
      "config",
      {},
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminUserErrors);
    expect((failure as AdminUserErrors).message).toBe(
      "metafieldsSet failed: metafields.0.ownerId: Owner does not exist.",
    );
    expect(adminApi.metafields()).toEqual([]);
  });

  it("seeds the demo session the demo authenticates with", async () => {
    // A demo database holds no other shop's session (seeding refuses one): drop this file's.
    await prisma.session.deleteMany({ where: { shop: { not: "ladder-demo.myshopify.com" } } });
    await seedDemoShop(sessionStorage);
    const session = await sessionStorage.loadSession("offline_ladder-demo.myshopify.com");
    expect(session?.accessToken).toBe("ladder-demo-access-token");
  });
});
