import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { API_VERSION } from "./api-version";
import { SCHEMA_CACHE_DIR, schemaFileName } from "./schema-cache.server";

/** Which access scopes a type or field of the Admin API needs (any one of `offlineScopes`). */
export interface ScopeRequirement {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  offlineScopes: string[];
}

interface CachedSchemaFile {
  data: IntrospectionQuery;
  offline_scopes?: { items: ScopeRequirement[] };
}

const files = new Map<string, CachedSchemaFile>();
const schemas = new Map<string, GraphQLSchema>();

function readSchemaFile(version: string): CachedSchemaFile {
  const cached = files.get(version);
  if (cached) return cached;
  const file = path.join(SCHEMA_CACHE_DIR, schemaFileName("admin", version));
  if (!existsSync(file)) {
    throw new Error(
      `The Admin GraphQL schema ${version} is not cached at ${file}. Run \`npm run schema\` ` +
        "(it needs the npm registry once).",
    );
  }
  const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as CachedSchemaFile;
  files.set(version, parsed);
  return parsed;
}

/** The real Admin GraphQL schema of an API version (the app's by default), built once. */
export function loadAdminSchema(version: string = API_VERSION): GraphQLSchema {
  let schema = schemas.get(version);
  if (!schema) {
    schema = buildClientSchema(readSchemaFile(version).data);
    schemas.set(version, schema);
  }
  return schema;
}

/** Shopify's published scope requirements per type and field for an API version. */
export function loadAdminScopeRequirements(version: string = API_VERSION): ScopeRequirement[] {
  return readSchemaFile(version).offline_scopes?.items ?? [];
}
