/**
 * The webhook inbox: deliveries are stored first (so acknowledging takes one insert), processed
 * afterwards by the worker, retried with backoff when processing fails, and never lost: an event
 * whose retries are exhausted stays as `failed` with its error until it is retried on demand.
 */
import { Prisma } from "@prisma/client";
import { payloadCustomerId } from "../analytics/payloads";
import prisma from "../db.server";

export const MAX_ATTEMPTS = 8;
/** How long a claimed event is reserved for the worker that claimed it (a crash frees it then). */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** 30 s, 2 min, 8 min, 32 min... capped at 6 h: a transient outage is retried soon, a long one hourly. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export interface IncomingWebhook {
  shop: string;
  topic: string;
  eventId: string;
  payload: unknown;
  customerId: string | null;
}

const enqueuedListeners = new Set<() => void>();

/** The worker subscribes here to drain as soon as something is queued. */
export function onWebhookEnqueued(listener: () => void): () => void {
  enqueuedListeners.add(listener);
  return () => enqueuedListeners.delete(listener);
}

/**
 * The webhook routes' one call: stores the delivery (once per event id) and wakes the worker.
 * Returns false for a repeated delivery, which is acknowledged all the same.
 */
export async function acceptWebhook(event: Omit<IncomingWebhook, "customerId">): Promise<boolean> {
  const stored = await enqueueWebhook({
    ...event,
    customerId: payloadCustomerId(event.topic, event.payload),
  });
  if (stored) for (const listener of enqueuedListeners) listener();
  return stored;
}

/** Stores a delivery once per (shop, event id). Returns false for a repeated delivery. */
export async function enqueueWebhook(event: IncomingWebhook): Promise<boolean> {
  try {
    await prisma.webhookEvent.create({
      data: {
        shop: event.shop,
        topic: event.topic,
        eventId: event.eventId,
        payload: JSON.stringify(event.payload),
        customerId: event.customerId,
      },
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return false;
    }
    throw error;
  }
}

export interface ClaimedEvent {
  id: string;
  shop: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

/**
 * Claims up to `limit` due events. Claiming moves `nextAttemptAt` past the lease with a
 * conditional update, so two workers (two app instances) never process one event at once, and an
 * event claimed by a worker that died becomes due again when its lease ends.
 */
export async function claimDueEvents(now: Date, limit = 25): Promise<ClaimedEvent[]> {
  const due = await prisma.webhookEvent.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true, nextAttemptAt: true },
  });
  const claimed: ClaimedEvent[] = [];
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS);
  for (const event of due) {
    const { count } = await prisma.webhookEvent.updateMany({
      where: { id: event.id, status: "pending", nextAttemptAt: event.nextAttemptAt },
      data: { nextAttemptAt: lease, attempts: { increment: 1 } },
    });
    if (count !== 1) continue;
    const row = await prisma.webhookEvent.findUnique({
      where: { id: event.id },
      select: { id: true, shop: true, topic: true, payload: true, attempts: true },
    });
    if (!row) continue;
    claimed.push({
      id: row.id,
      shop: row.shop,
      topic: row.topic,
      payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown),
      attempts: row.attempts,
    });
  }
  return claimed;
}

/** Processed: the payload (customer details) is dropped; the row stays as the idempotency key. */
export async function completeEvent(id: string, now: Date): Promise<void> {
  await prisma.webhookEvent.updateMany({
    where: { id },
    data: { status: "done", payload: null, processedAt: now, lastError: null },
  });
}

/** Records a failure and schedules the retry; after MAX_ATTEMPTS the event waits as `failed`. */
export async function failEvent(
  event: Pick<ClaimedEvent, "id" | "attempts">,
  error: unknown,
  now: Date,
): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const exhausted = event.attempts >= MAX_ATTEMPTS;
  await prisma.webhookEvent.updateMany({
    where: { id: event.id },
    data: {
      status: exhausted ? "failed" : "pending",
      lastError: message,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(event.attempts)),
    },
  });
}

/** Puts a shop's failed events back in the queue (the merchant's "Retry" button). */
export async function retryFailedEvents(shop: string, now: Date): Promise<number> {
  const { count } = await prisma.webhookEvent.updateMany({
    where: { shop, status: "failed" },
    data: { status: "pending", attempts: 0, nextAttemptAt: now },
  });
  return count;
}

export interface InboxHealth {
  pending: number;
  failed: number;
  lastError: string | null;
}

export async function inboxHealth(shop: string): Promise<InboxHealth> {
  const [pending, failed, latestFailure] = await Promise.all([
    prisma.webhookEvent.count({ where: { shop, status: "pending" } }),
    prisma.webhookEvent.count({ where: { shop, status: "failed" } }),
    prisma.webhookEvent.findFirst({
      where: { shop, status: { in: ["failed", "pending"] }, NOT: { lastError: null } },
      orderBy: { receivedAt: "desc" },
      select: { lastError: true },
    }),
  ]);
  return { pending, failed, lastError: latestFailure?.lastError ?? null };
}

/** Processed events older than this are pruned (their ids only guard against late repeats). */
export async function pruneProcessedEvents(before: Date): Promise<number> {
  const { count } = await prisma.webhookEvent.deleteMany({
    where: { status: "done", processedAt: { lt: before } },
  });
  return count;
}
