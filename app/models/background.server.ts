/**
 * Work a request starts but does not wait for (e.g. republishing after a product webhook, so
 * Shopify's delivery is acknowledged at once). The process keeps running it after the response;
 * `backgroundSettled` lets tests and shutdown wait for it.
 */
const pending = new Set<Promise<void>>();

export function runInBackground(label: string, task: () => Promise<void>): void {
  const run = (async () => {
    try {
      await task();
    } catch (error) {
      console.error(`[ladder] ${label} failed:`, error);
    }
  })();
  pending.add(run);
  void run.finally(() => pending.delete(run));
}

export async function backgroundSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
