/**
 * What the demo storefront reads of a publication, from where Shopify would hand it over: the
 * storefront's copy of the config from the app installation's app-data metafield (what Liquid
 * inlines as `app.metafields.ladder.config`: the checkout form plus the product-page index), and
 * the discount function's config parts and input variables from Ladder's automatic discount.
 * Read through the Admin API (the demo's stand-in), so the storefront charges exactly what
 * publishing wrote, and nothing before the first publish.
 */
import prisma from "../db.server";
import { discountNodeId, OFFER_DISCOUNT_QUERY } from "../graphql/discounts";
import { adminRequest, type AdminApi } from "../shopify/admin.server";
import { readStorefrontConfig } from "../shopify/metafields.server";

export interface FunctionMetafields {
  /** The config parts' parsed values, in the function's `CONFIG_KEYS` order. */
  parts: unknown[];
  /** The input query's variables t0, t1, t2 (shop-local date-times). */
  variables: [string, string, string];
}

export interface PublishedState {
  /** The storefront's copy of the config, parsed; null before the first publish. */
  storefrontConfig: unknown;
  /** null before the first publish: nothing is discounted. */
  discount: FunctionMetafields | null;
}

const PAD = "2000-01-01T00:00:00";

function parseJson(value: string | null | undefined): unknown {
  if (value === null || value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function inputVariables(value: string | null | undefined): [string, string, string] {
  const parsed = parseJson(value);
  const read = (key: string) => {
    if (typeof parsed !== "object" || parsed === null) return PAD;
    const v = (parsed as Record<string, unknown>)[key];
    return typeof v === "string" ? v : PAD;
  };
  return [read("t0"), read("t1"), read("t2")];
}

export async function readPublishedState(shop: string, admin: AdminApi): Promise<PublishedState> {
  const [metafield, stored] = await Promise.all([
    readStorefrontConfig(admin),
    prisma.offerDiscount.findUnique({ where: { shop } }),
  ]);
  const storefrontConfig = parseJson(metafield?.value) ?? null;
  if (!stored) return { storefrontConfig, discount: null };
  const { discountNode: node } = await adminRequest(admin, OFFER_DISCOUNT_QUERY, {
    id: discountNodeId(stored.discountId),
  });
  if (!node) return { storefrontConfig, discount: null };
  const parts = [node.config, node.config2, node.config3, node.config4].map((m) =>
    parseJson(m?.value),
  );
  return { storefrontConfig, discount: { parts, variables: inputVariables(node.input?.value) } };
}
