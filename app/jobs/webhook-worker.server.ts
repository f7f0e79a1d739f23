/**
 * The in-process worker that drains the webhook inbox. Started with the server: it drains what is
 * pending at start (events acknowledged before a restart), whenever a webhook is acknowledged, and
 * every 15 s for retries that came due. Several app instances may run it: claims are exclusive.
 */
import {
  claimDueEvents,
  completeEvent,
  failEvent,
  onWebhookEnqueued,
  pruneProcessedEvents,
} from "../models/webhook-inbox.server";
import { processWebhookEvent, type AdminForShop } from "../models/webhook-processor.server";
import { backgroundAdmin } from "../shopify.server";

export interface DrainOptions {
  now?: () => Date;
  adminFor?: AdminForShop;
  /** Stop after this many events (a drain never runs unbounded). */
  maxEvents?: number;
}

export interface DrainResult {
  processed: number;
  failed: number;
}

const KEEP_PROCESSED_MS = 7 * 24 * 3_600_000;

export async function drainWebhookInbox({
  now = () => new Date(),
  adminFor = backgroundAdmin,
  maxEvents = 1_000,
}: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { processed: 0, failed: 0 };
  while (result.processed + result.failed < maxEvents) {
    const events = await claimDueEvents(now());
    if (events.length === 0) break;
    for (const event of events) {
      try {
        await processWebhookEvent(event, adminFor);
        await completeEvent(event.id, now());
        result.processed++;
      } catch (error) {
        await failEvent(event, error, now());
        result.failed++;
      }
    }
  }
  return result;
}

let started = false;
let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setInterval> | null = null;
let unsubscribe: (() => void) | null = null;

function schedule(): void {
  if (!started) return;
  if (running) {
    again = true;
    return;
  }
  running = drainWebhookInbox()
    .then(() => pruneProcessedEvents(new Date(Date.now() - KEEP_PROCESSED_MS)))
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
  unsubscribe = onWebhookEnqueued(() => setImmediate(schedule));
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
