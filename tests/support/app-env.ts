/**
 * Per test file: a private copy of the migrated database, and the app's production configuration
 * with the credentials of Shopify's test helpers, so `app/shopify.server.ts` (unchanged) accepts
 * the session tokens and HMACs those helpers sign.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import { inject } from "vitest";
import { APP_SCOPES } from "../../app/shopify/scopes";
import { createTestDatabase } from "./postgres";

async function privateDatabase(template: string): Promise<string> {
  // The SQLite template is a file path; the PostgreSQL one a postgres:// URL.
  if (/^postgres(ql)?:\/\//.test(template)) return createTestDatabase(template);
  const database = path.join(path.dirname(template), `${randomUUID()}.sqlite`);
  copyFileSync(template, database);
  return `file:${database}`;
}

const config = testConfig();
process.env.DATABASE_URL = await privateDatabase(inject("templateDatabase"));
process.env.SHOPIFY_API_KEY = config.apiKey;
process.env.SHOPIFY_API_SECRET = config.apiSecretKey;
process.env.SHOPIFY_APP_URL = config.appUrl;
process.env.SCOPES = APP_SCOPES.join(",");
delete process.env.LADDER_DEMO;
delete process.env.SHOP_CUSTOM_DOMAIN;
