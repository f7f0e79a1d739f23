import path from "node:path";

/** Where Shopify's GraphQL schemas are cached (gitignored, filled by scripts/admin-schema.ts). */
export const SCHEMA_CACHE_DIR = path.resolve(process.env.LADDER_SCHEMA_CACHE ?? ".schema-cache");

/** The npm package that ships Shopify's schemas as introspection JSON. */
export const SCHEMA_PACKAGE = "@shopify/dev-mcp@1.16.0";

/** File name of a schema inside the package and the cache, e.g. `admin_2026-10.json.gz`. */
export function schemaFileName(api: "admin" | "functions_discount", version: string): string {
  return `${api}_${version}.json.gz`;
}
