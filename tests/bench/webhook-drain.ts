/**
 * Webhook processing benchmark on PostgreSQL (DESIGN §4: ≥ 300 events/s per instance, scaling
 * with instances; admin pages p95 ≤ 500 ms while webhooks drain). For 1 and 2 worker instances
 * (separate processes on one PostgreSQL): a fresh database with the committed migrations, a burst
 * of 5,000 orders/create deliveries plus 500 repeated deliveries accepted through the inbox, then
 * the instances drain it while a third process loads the analytics page in a loop. Prints lost
 * events, events processed twice, drain time, events/s and the analytics page's p50/p95.
 *
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhook-drain
 *
 * Loopback only and bounded (5,500 deliveries, drain capped at 5 minutes).
 */
import { execFileSync, fork } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const SHOP = "bench-drain.myshopify.com";
const EVENTS = 5_000;
const DUPLICATES = 500;
/** BENCH_INSTANCES=1 (or 2) runs one of the two. */
const INSTANCES = process.env.BENCH_INSTANCES ? [Number(process.env.BENCH_INSTANCES)] : [1, 2];
const MAX_DRAIN_MS = 300_000;

function order(n: number) {
  return {
    id: 7_000_000 + n,
    name: `#D${n}`,
    created_at: `2026-11-${String(1 + (n % 28)).padStart(2, "0")}T10:00:00-05:00`,
    updated_at: `2026-11-${String(1 + (n % 28)).padStart(2, "0")}T10:00:00-05:00`,
    currency: "USD",
    customer: n % 3 === 0 ? null : { id: 80_000 + (n % 1_500) },
    note_attributes: [
      { name: "_ladder_group", value: n % 10 === 0 ? "holdout" : "treatment" },
      { name: "_ladder_shown", value: "lens-kit" },
    ],
    line_items: [
      {
        id: n * 10 + 1,
        product_id: 1101,
        variant_id: 2101,
        title: "Camera",
        quantity: 1,
        price: "600.00",
        discount_allocations: [],
        properties: [],
      },
      {
        id: n * 10 + 2,
        product_id: 1102 + (n % 40),
        variant_id: 2102 + (n % 40),
        title: "Lens kit",
        quantity: 1,
        price: "250.00",
        discount_allocations: [],
        properties: n % 8 === 0 ? [{ name: "_ladder_offer", value: "lens-kit" }] : [],
      },
    ],
    refunds: [],
  };
}

/** Child: accepts the burst through the inbox (the route's one call), as acknowledgements do. */
async function enqueue() {
  const { acceptWebhook } = await import("../../app/models/webhook-inbox.server");
  let stored = 0;
  let repeats = 0;
  const deliveries = [
    ...Array.from({ length: EVENTS }, (_, i) => i),
    ...Array.from({ length: DUPLICATES }, (_, i) => (i * 7) % EVENTS),
  ];
  for (let i = 0; i < deliveries.length; i += 20) {
    const results = await Promise.all(
      deliveries.slice(i, i + 20).map((n) =>
        acceptWebhook({
          shop: SHOP,
          topic: "ORDERS_CREATE",
          eventId: `drain-${n}`,
          payload: order(n),
        }),
      ),
    );
    for (const r of results) {
      if (r) stored++;
      else repeats++;
    }
  }
  process.send?.({ stored, repeats });
}

/** Child: one app instance's worker, draining until nothing is due. */
async function work() {
  const { drainWebhookInbox } = await import("../../app/jobs/webhook-worker.server");
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  let processed = 0;
  let failed = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (;;) {
    const r = await drainWebhookInbox({ adminFor: () => Promise.resolve(null), maxEvents: 1_000 });
    processed += r.processed;
    failed += r.failed;
    if (r.processed + r.failed === 0) break;
  }
  const used = process.cpuUsage(cpu);
  process.send?.({
    processed,
    failed,
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
  });
}

/** Child: the admin's analytics page model, loaded in a loop until told to stop. */
async function admin() {
  const { loadAnalyticsPage } = await import("../../app/models/analytics.server");
  await loadAnalyticsPage(SHOP);
  let stop = false;
  process.on("message", () => (stop = true));
  process.send?.("ready");
  const times: number[] = [];
  while (!stop) {
    const t = performance.now();
    await loadAnalyticsPage(SHOP);
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  process.send?.({ times });
}

const children: ReturnType<typeof fork>[] = [];
// No child outlives the benchmark, even when it fails.
process.on("exit", () => {
  for (const c of children) c.kill();
});

function child(mode: string, url: string) {
  const proc = fork(import.meta.filename, [mode], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: "production",
      SHOPIFY_API_KEY: "bench-api-key",
      SHOPIFY_API_SECRET: "bench-secret",
      SHOPIFY_APP_URL: "http://localhost",
    },
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(proc);
  return proc;
}

function next<T>(proc: ReturnType<typeof fork>): Promise<T> {
  return new Promise((resolve, reject) => {
    proc.once("message", (m) => resolve(m as T));
    proc.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

/** psql on the server (the way migrations apply offline): -At for bare values. */
function psql(url: string, args: string[]): string {
  return execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAt", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

function freshDatabase(base: string, name: string): string {
  psql(base, ["-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  psql(base, ["-c", `CREATE DATABASE ${name}`]);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const dir = path.join("prisma", "postgresql", "migrations");
  for (const folder of readdirSync(dir)
    .filter((f) => /^\d{14}_/.test(f))
    .sort()) {
    psql(url.toString(), ["-f", path.join(dir, folder, "migration.sql")]);
  }
  return url.toString();
}

function dropDatabase(base: string, name: string): void {
  psql(base, ["-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}

function count(url: string, sql: string): number {
  return Number(psql(url, ["-c", sql]));
}

/**
 * Rows of the maintained aggregates that differ from a recomputation over the stored orders:
 * daily rollups (all orders), customers (orders, revenue, first order) and cohorts (from the
 * customers). Concurrent instances must leave none.
 */
const ROLLUP_DRIFT = `
  WITH daily AS (
    SELECT day, "group", count(*) AS orders, sum(value)::float8 AS value
    FROM "AnalyticsOrder" WHERE NOT cancelled GROUP BY 1, 2),
  stored_daily AS (
    SELECT day, "group", orders::bigint AS orders, "valueSum" AS value FROM "DailyRollup"
    WHERE "offerId" = '' AND (orders <> 0 OR "valueSum" <> 0)),
  customers AS (
    SELECT "customerId", count(*) AS orders, sum(value) AS revenue, min("createdAt") AS first
    FROM "AnalyticsOrder" WHERE NOT cancelled AND "customerId" IS NOT NULL GROUP BY 1),
  cohorts AS (
    SELECT "cohortMonth" AS month, "group", count(*) AS customers, sum(orders) AS orders,
      sum(revenue)::float8 AS revenue
    FROM "AnalyticsCustomer" GROUP BY 1, 2),
  stored_cohorts AS (
    SELECT month, "group", customers::bigint AS customers, orders::numeric AS orders, revenue
    FROM "CohortRollup" WHERE customers <> 0 OR orders <> 0 OR revenue <> 0)
  SELECT
    (SELECT count(*) FROM daily d FULL JOIN stored_daily s USING (day, "group")
      WHERE d.orders IS DISTINCT FROM s.orders OR d.value IS DISTINCT FROM s.value)
  + (SELECT count(*) FROM customers b FULL JOIN "AnalyticsCustomer" c USING ("customerId")
      WHERE b.orders IS DISTINCT FROM c.orders OR b.revenue IS DISTINCT FROM c.revenue
        OR b.first IS DISTINCT FROM c."firstOrderAt")
  + (SELECT count(*) FROM cohorts b FULL JOIN stored_cohorts s USING (month, "group")
      WHERE b.customers IS DISTINCT FROM s.customers OR b.orders IS DISTINCT FROM s.orders
        OR b.revenue IS DISTINCT FROM s.revenue)`;

const WORKER_APP = "ladder-bench-worker";

/** CPU time a server process used so far (ms), from /proc: the server runs on this machine. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Samples the server's sessions on the bench database every 50 ms while the workers drain: how
 * often a worker inside a transaction waits for a lock (rows, advisory locks) rather than working.
 * Stopping also reads the CPU time of the workers' server sessions (null when unreadable).
 */
async function sampleLockWaits(
  url: string,
): Promise<{ stop: () => Promise<{ lockWaits: number; serverCpuMs: number | null }> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let busy = 0;
  let waiting = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ busy: string; waiting: string }>(
        `SELECT count(*) FILTER (WHERE state IN ('active', 'idle in transaction')) AS busy,
           count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
         FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [WORKER_APP],
      );
      busy += Number(rows[0]?.busy ?? 0);
      waiting += Number(rows[0]?.waiting ?? 0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const { rows } = await client.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
        [WORKER_APP],
      );
      await client.end();
      const cpu = rows.map((r) => processCpuMs(r.pid));
      return {
        lockWaits: busy === 0 ? 0 : waiting / busy,
        serverCpuMs: cpu.some((ms) => ms === null)
          ? null
          : cpu.reduce<number>((sum, ms) => sum + (ms ?? 0), 0),
      };
    },
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function main() {
  const base = process.env.BENCH_POSTGRES_URL;
  if (!base?.startsWith("postgres"))
    throw new Error("Set BENCH_POSTGRES_URL to a PostgreSQL server (loopback)");
  const rows: string[] = [];
  for (const instances of INSTANCES) {
    const name = `ladder_bench_drain_${instances}`;
    const url = freshDatabase(base, name);
    const loader = child("--enqueue", url);
    const accepted = await next<{ stored: number; repeats: number }>(loader);
    loader.kill();

    const dashboard = child("--admin", url);
    await next(dashboard);
    // Named, so the lock sampling below counts the workers' sessions only.
    const workers = Array.from({ length: instances }, () =>
      child("--work", `${url}?application_name=${WORKER_APP}`),
    );
    // Give each worker time to import the app before the clock starts.
    await new Promise((r) => setTimeout(r, 4_000));
    const done = workers.map((w) => next<{ processed: number; failed: number; cpuMs: number }>(w));
    const waits = await sampleLockWaits(url);
    const started = performance.now();
    for (const w of workers) w.send("go");
    const results = await Promise.race([
      Promise.all(done),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("drain over 5 min")), MAX_DRAIN_MS),
      ),
    ]);
    const drainMs = performance.now() - started;
    const { lockWaits, serverCpuMs } = await waits.stop();
    const timesMsg = next<{ times: number[] }>(dashboard);
    dashboard.send("stop");
    const times = (await timesMsg).times.sort((a, b) => a - b);
    dashboard.kill();
    for (const w of workers) w.kill();

    const recorded = count(url, `SELECT count(*) AS n FROM "AnalyticsOrder"`);
    const doneEvents = await count(
      url,
      `SELECT count(*) AS n FROM "WebhookEvent" WHERE status = 'done'`,
    );
    const twice = count(url, `SELECT count(*) AS n FROM "WebhookEvent" WHERE attempts > 1`);
    const rollupOrders = await count(
      url,
      `SELECT coalesce(sum(orders), 0) AS n FROM "DailyRollup" WHERE "offerId" = ''`,
    );
    const drift = count(url, ROLLUP_DRIFT);
    const processed = results.reduce((s, r) => s + r.processed, 0);
    const cpuPerEvent = results.reduce((s, r) => s + r.cpuMs, 0) / Math.max(1, processed);
    const lost = EVENTS - Math.min(recorded, doneEvents);
    rows.push(
      [
        String(instances).padStart(9),
        String(accepted.stored).padStart(8),
        String(accepted.repeats).padStart(7),
        String(lost).padStart(4),
        String(Math.max(twice, processed - accepted.stored)).padStart(15),
        String(rollupOrders).padStart(13),
        String(drift).padStart(12),
        (drainMs / 1000).toFixed(1).padStart(7),
        ((accepted.stored * 1000) / drainMs).toFixed(0).padStart(8),
        pct(times, 50).toFixed(0).padStart(9),
        pct(times, 95).toFixed(0).padStart(9),
        cpuPerEvent.toFixed(2).padStart(16),
        (serverCpuMs === null ? "n/a" : (serverCpuMs / Math.max(1, processed)).toFixed(2)).padStart(
          16,
        ),
        `${(lockWaits * 100).toFixed(1)}%`.padStart(10),
      ].join(" | "),
    );
    dropDatabase(base, name);
  }
  console.log(
    `Webhook processing benchmark — Node ${process.version}, PostgreSQL, loopback, ${EVENTS} events + ${DUPLICATES} repeated deliveries\n`,
  );
  console.log(
    "instances | accepted | repeats | lost | processed twice | rollup orders | rollup drift | drain s | events/s | admin p50 | admin p95 | worker CPU ms/ev | server CPU ms/ev | lock waits",
  );
  for (const row of rows) console.log(row);
  console.log(
    "\n(admin: the analytics page's model, loaded in a loop during the drain, ms; worker CPU: the" +
      " workers' own CPU time per event; server CPU: their PostgreSQL sessions' CPU time per event; lock waits: share of the workers' in-transaction samples" +
      " that waited for a lock, sampled every 50 ms)",
  );
}

if (process.argv.includes("--enqueue")) await enqueue();
else if (process.argv.includes("--work")) await work();
else if (process.argv.includes("--admin")) await admin();
else {
  await main();
  // The forked children's IPC channels would keep the process alive.
  process.exit(0);
}
