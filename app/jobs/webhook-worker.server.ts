/**
 * The in-process worker that drains the webhook inbox. Started with the server: it drains what is
 * pending at start (events acknowledged before a restart), whenever a webhook is acknowledged, and
 * every 15 s for retries that came due. Several app instances may run it: claims are exclusive.
 */
import {
  claimDueEvents,
  completeEvent,
  completeEvents,
  expireFailedPayloads,
  failEvent,
  onWebhookEnqueued,
  pruneProcessedEvents,
} from "../models/webhook-inbox.server";
import {
  processOrderBatches,
  processWebhookEvent,
  type AdminForShop,
} from "../models/webhook-processor.server";
import { backgroundAdmin } from "../shopify.server";

export interface DrainOptions {
  now?: () => Date;
  adminFor?: AdminForShop;
  /** Stop after this many events (a drain never runs unbounded). */
  maxEvents?: number;
  /** Events claimed at once (orders among them are recorded in one transaction per shop). */
  batchSize?: number;
  /** Called after each event with the time it took; the background worker yields here. */
  pace?: (spentMs: number) => Promise<void>;
}

export interface DrainResult {
  processed: number;
  failed: number;
}

const DAY_MS = 24 * 3_600_000;
const KEEP_PROCESSED_MS = 7 * DAY_MS;

export async function drainWebhookInbox({
  now = () => new Date(),
  adminFor = backgroundAdmin,
  maxEvents = 1_000,
  batchSize = 100,
  pace,
}: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { processed: 0, failed: 0 };
  while (result.processed + result.failed < maxEvents) {
    const events = await claimDueEvents(now(), batchSize);
    if (events.length === 0) break;
    // Orders first, a shop's in one transaction with set-based rollup updates; what the batch
    // cannot take (other topics, or a batch that failed) goes one event at a time below.
    const started = performance.now();
    const { done, rest } = await processOrderBatches(events, adminFor);
    if (done.length > 0) {
      await completeEvents(done, now());
      result.processed += done.length;
      await pace?.(performance.now() - started);
    }
    for (const event of rest) {
      const started = performance.now();
      try {
        await processWebhookEvent(event, adminFor);
        await completeEvent(event, now());
        result.processed++;
      } catch (error) {
        await failEvent(event, error, now());
        result.failed++;
      }
      await pace?.(performance.now() - started);
    }
  }
  return result;
}

let started = false;
let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setInterval> | null = null;
let unsubscribe: (() => void) | null = null;
let lastAcknowledgedAt = 0;
let busySince = 0;

/** Deliveries closer together than this make a burst. */
const BUSY_WINDOW_MS = 250;
/** During a burst processing waits this long at most (a minute), then takes a fifth of the time. */
const MAX_DEFERRAL_MS = 60_000;
const BUSY_DUTY_CYCLE = 0.2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Acknowledging comes first: SQLite has one writer and Node one thread. During a burst of
 * deliveries the worker waits (up to a minute), then works at most a fifth of the time; once the
 * burst ends it runs at full speed. Processing lags a burst; acknowledgements never wait for it.
 */
async function yieldToAcknowledgements(spentMs: number): Promise<void> {
  for (;;) {
    const now = Date.now();
    const busy = now - lastAcknowledgedAt < BUSY_WINDOW_MS;
    if (!busy) return new Promise<void>((resolve) => setImmediate(resolve));
    if (now - busySince < MAX_DEFERRAL_MS) {
      await sleep(BUSY_WINDOW_MS);
      continue;
    }
    await sleep((spentMs * (1 - BUSY_DUTY_CYCLE)) / BUSY_DUTY_CYCLE);
    return;
  }
}

function schedule(): void {
  if (!started) return;
  if (running) {
    again = true;
    return;
  }
  running = yieldToAcknowledgements(0)
    .then(() => drainWebhookInbox({ pace: yieldToAcknowledgements }))
    .then(() => pruneProcessedEvents(new Date(Date.now() - KEEP_PROCESSED_MS)))
    .then(() => expireFailedPayloads(new Date()))
    .then(() => undefined)
    .catch((error: unknown) => {
      console.error("Webhook worker: drain failed; pending events stay queued.", error);
    })
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        schedule();
      }
    });
}

/** Starts the worker once per process (idempotent). */
export function startWebhookWorker(intervalMs = 15_000): void {
  if (started) return;
  started = true;
  unsubscribe = onWebhookEnqueued(() => {
    const now = Date.now();
    if (now - lastAcknowledgedAt >= BUSY_WINDOW_MS) busySince = now;
    lastAcknowledgedAt = now;
    setImmediate(schedule);
  });
  schedule();
  timer = setInterval(schedule, intervalMs);
  timer.unref();
}

export async function stopWebhookWorker(): Promise<void> {
  started = false;
  unsubscribe?.();
  unsubscribe = null;
  if (timer) clearInterval(timer);
  timer = null;
  await running;
}
