/**
 * Order history backfill: the last 60 days of orders (what `read_orders` can see) through a bulk
 * operation, on install and on demand. Runs outside any request: it polls the operation, downloads
 * the JSONL result, and records the orders with `source: "backfill"`, which never overwrites an
 * order a webhook already recorded, so a re-run (or a run racing webhooks) counts each order once.
 * Progress is kept on the job row for the admin to show.
 */
import type { GraphQLClient } from "graphql-request";
import { BulkOrdersReader } from "../analytics/bulk-orders";
import { localDay } from "../analytics/order-facts";
import prisma from "../db.server";
import {
  BULK_OPERATION_QUERY,
  BULK_RUN_QUERY_MUTATION,
  ordersBulkQuery,
  SHOP_ANALYTICS_FACTS_QUERY,
} from "../graphql/bulk";
import type { GraphqlDocument } from "../graphql/document";
import { requireNoUserErrors } from "../shopify/admin.server";
import { saveShopFacts } from "./analytics-shop.server";
import { fromDbInt } from "./db-integers.server";
import { recordOrders } from "./orders.server";
import { mineProductPairs } from "./pairs.server";

export const BACKFILL_DAYS = 60;
const RUNNING = ["starting", "running", "importing"];
/** A job not updated for this long is considered dead (the process running it stopped). */
const STALE_MS = 15 * 60_000;

export type ClientForShop = (shop: string) => Promise<GraphQLClient | null>;

export interface BackfillOptions {
  clientFor: ClientForShop;
  now?: () => Date;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Give up polling after this long. */
  timeoutMs?: number;
}

async function gql<TData, TVariables>(
  client: GraphQLClient,
  document: GraphqlDocument<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  return client.request<TData>(document, variables as Record<string, unknown> | undefined);
}

export type BackfillJobView = Awaited<ReturnType<typeof latestBackfill>>;

export async function latestBackfill(shop: string) {
  const job = await prisma.backfillJob.findFirst({
    where: { shop },
    orderBy: { createdAt: "desc" },
  });
  if (!job) return null;
  return {
    id: job.id,
    status: job.status,
    since: job.since.toISOString(),
    objectCount: fromDbInt(job.objectCount),
    ordersImported: job.ordersImported,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    running: RUNNING.includes(job.status),
  };
}

/**
 * Starts a backfill unless one is running (then returns it). `onlyIfNever` (install) skips shops
 * that were backfilled before. Returns the job id and a promise of its completion.
 */
export async function startBackfill(
  shop: string,
  options: BackfillOptions & { onlyIfNever?: boolean },
): Promise<{ jobId: string; started: boolean; done: Promise<void> }> {
  const now = options.now ?? (() => new Date());
  const existing = await prisma.backfillJob.findFirst({
    where: { shop },
    orderBy: { createdAt: "desc" },
  });
  if (
    existing &&
    RUNNING.includes(existing.status) &&
    now().getTime() - existing.updatedAt.getTime() < STALE_MS
  ) {
    return { jobId: existing.id, started: false, done: Promise.resolve() };
  }
  if (existing && options.onlyIfNever)
    return { jobId: existing.id, started: false, done: Promise.resolve() };
  const since = new Date(now().getTime() - BACKFILL_DAYS * 86_400_000);
  const job = await prisma.backfillJob.create({ data: { shop, status: "starting", since } });
  const done = runBackfill(job.id, options).catch(async (error: unknown) => {
    await prisma.backfillJob.update({
      where: { id: job.id },
      data: {
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
        finishedAt: now(),
      },
    });
  });
  return { jobId: job.id, started: true, done };
}

async function runBackfill(jobId: string, options: BackfillOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const pollMs = options.pollMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 2 * 3_600_000;
  const job = await prisma.backfillJob.findUniqueOrThrow({ where: { id: jobId } });
  const { shop } = job;
  const update = (data: Parameters<typeof prisma.backfillJob.update>[0]["data"]) =>
    prisma.backfillJob.update({ where: { id: jobId }, data });

  const client = await options.clientFor(shop);
  if (!client) throw new Error("Ladder is not installed on this shop (no offline access token).");

  const { shop: facts } = await gql(client, SHOP_ANALYTICS_FACTS_QUERY);
  await saveShopFacts(shop, { currency: facts.currencyCode, timeZone: facts.ianaTimezone });

  const since = localDay(job.since, facts.ianaTimezone);
  const started = await gql(client, BULK_RUN_QUERY_MUTATION, { query: ordersBulkQuery(since) });
  const payload = requireNoUserErrors("bulkOperationRunQuery", started.bulkOperationRunQuery);
  const operationId = payload.bulkOperation?.id;
  if (!operationId) throw new Error("bulkOperationRunQuery returned no operation");
  await update({ status: "running", bulkOperationId: operationId });

  const deadline = now().getTime() + timeoutMs;
  let url: string | null;
  for (;;) {
    await sleep(pollMs);
    const { node } = await gql(client, BULK_OPERATION_QUERY, { id: operationId });
    if (!node || !("status" in node)) throw new Error(`Bulk operation ${operationId} not found`);
    // Shopify's UnsignedInt64, as a string: parsed whole (a number would round past 2^53).
    await update({ objectCount: /^\d+$/.test(node.objectCount) ? BigInt(node.objectCount) : 0n });
    if (node.status === "COMPLETED") {
      url = node.url;
      break;
    }
    if (["FAILED", "CANCELED", "EXPIRED"].includes(node.status)) {
      throw new Error(
        `Shopify's export ${node.status.toLowerCase()}${node.errorCode ? ` (${node.errorCode})` : ""}. Try again later.`,
      );
    }
    if (now().getTime() > deadline) throw new Error("The export took too long; try again later.");
  }

  await update({ status: "importing" });
  let imported = 0;
  if (url) {
    const reader = new BulkOrdersReader({
      currency: facts.currencyCode,
      timeZone: facts.ianaTimezone,
    });
    await readLines(url, (line) => reader.push(line));
    const { orders, problems } = reader.result();
    if (problems.length > 0)
      console.warn(`Backfill ${jobId}: ${problems.length} rows skipped`, problems.slice(0, 5));
    for (let i = 0; i < orders.length; i += 400) {
      const result = await recordOrders(shop, orders.slice(i, i + 400), { source: "backfill" });
      imported += result.created;
      await update({ ordersImported: imported });
    }
  }
  await mineProductPairs(shop);
  await update({ status: "completed", ordersImported: imported, finishedAt: now() });
}

/** Streams a JSONL file line by line (Shopify's signed storage URL, or the demo's data: URL). */
async function readLines(url: string, onLine: (line: string) => void): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || !response.body)
    throw new Error(`Downloading the export failed (HTTP ${response.status})`);
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    let newline = rest.indexOf("\n");
    while (newline >= 0) {
      onLine(rest.slice(0, newline));
      rest = rest.slice(newline + 1);
      newline = rest.indexOf("\n");
    }
  }
  rest += decoder.decode();
  if (rest) onLine(rest);
}
