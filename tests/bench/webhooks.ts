/**
 * Webhook acknowledgement benchmark (DESIGN §4: p99 ≤ 100 ms at 200 req/s, and at 500 req/s on one
 * instance with nothing lost). A plain Node HTTP
 * server around the real `/webhooks/orders` route action (HMAC check, one inbox insert, 200), with
 * the inbox worker running alongside as in production, on a fresh SQLite database. Autocannon sends
 * signed orders/create deliveries (every one a new event) at a fixed rate over loopback, bounded in
 * count and time. Prints a table. `npm run bench:webhooks`
 */
import { execFileSync, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const SECRET = "bench-webhook-secret";
const SHOP = "bench-shop.myshopify.com";
const SECONDS = 15;
const RATES = [50, 200, 500];

async function serve() {
  const database = process.env.DATABASE_URL ?? "";
  Object.assign(process.env, {
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "http://localhost",
    NODE_ENV: "production",
  });
  delete process.env.LADDER_DEMO;
  if (!database.startsWith("file:")) throw new Error("DATABASE_URL must be the bench database");

  const { action } = await import("../../app/routes/webhooks.orders");
  const { startWebhookWorker } = await import("../../app/jobs/webhook-worker.server");
  const { default: prisma } = await import("../../app/db.server");

  const server = createServer(async (req, res) => {
    if (req.url === "/__stats") {
      const [recorded, pending] = await Promise.all([
        prisma.analyticsOrder.count(),
        prisma.webhookEvent.count({ where: { status: "pending" } }),
      ]);
      res.end(JSON.stringify({ recorded, pending }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://localhost${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: Buffer.concat(chunks),
    });
    let response: Response;
    try {
      response = await action({ request, params: {}, context: {} });
    } catch (thrown) {
      response = thrown instanceof Response ? thrown : new Response("error", { status: 500 });
    }
    res.writeHead(response.status);
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  if (!process.env.BENCH_NO_WORKER) startWebhookWorker(1_000);
  process.send?.({ port: (server.address() as AddressInfo).port });
}

let sequence = 0;
function delivery() {
  sequence++;
  const body = JSON.stringify({
    id: 9_000_000 + sequence,
    name: `#B${sequence}`,
    created_at: "2026-11-02T10:00:00-05:00",
    updated_at: "2026-11-02T10:00:00-05:00",
    currency: "USD",
    customer: null,
    note_attributes: [
      { name: "_ladder_group", value: sequence % 10 === 0 ? "holdout" : "treatment" },
      { name: "_ladder_shown", value: "lens-kit" },
    ],
    line_items: [
      {
        id: sequence * 10 + 1,
        product_id: 1101,
        variant_id: 2101,
        title: "Camera",
        quantity: 1,
        price: "600.00",
        discount_allocations: [],
        properties: [],
      },
      {
        id: sequence * 10 + 2,
        product_id: 1102,
        variant_id: 2102,
        title: "Lens kit",
        quantity: 1,
        price: "250.00",
        discount_allocations: [],
        properties: sequence % 8 === 0 ? [{ name: "_ladder_offer", value: "lens-kit" }] : [],
      },
    ],
    refunds: [],
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": `bench-delivery-${sequence}`,
      "x-shopify-event-id": `bench-event-${sequence}`,
      "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * An open-loop load: request i leaves at start + i / rate whatever happened to the others, the
 * way independent deliveries arrive, so a slow answer shows as latency instead of slowing the
 * load down. (A closed-loop tool with many connections at a fixed overall rate sends them in
 * synchronized bursts, which measures the bursts.) Each latency is from the scheduled send time.
 */
async function openLoop(port: number, rate: number, count: number) {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = delivery();
    inflight.push(
      fetch(`http://127.0.0.1:${port}/webhooks/orders`, { method: "POST", headers, body }).then(
        async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - due);
          if (response.ok) ok += 1;
          else failed += 1;
        },
        () => {
          latencies.push(performance.now() - due);
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return { latencies, ok, failed };
}

async function load() {
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-bench-webhooks-"));
  const database = `file:${path.join(dir, "bench.sqlite")}`;
  execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: database },
    stdio: "pipe",
  });
  // The app in its own process, so the load generator does not share its event loop.
  const child = fork(import.meta.filename, ["--serve"], {
    env: { ...process.env, DATABASE_URL: database },
    execArgv: process.execArgv,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve) =>
    child.once("message", (m: { port: number }) => resolve(m.port)),
  );
  const stats = async () =>
    (await (await fetch(`http://127.0.0.1:${port}/__stats`)).json()) as {
      recorded: number;
      pending: number;
    };

  // Warm-up (not reported): JIT, Prisma's first queries, the database file's first pages.
  await openLoop(port, 50, 300);
  await new Promise((r) => setTimeout(r, 2_000));

  const rows: string[] = [];
  for (const rate of RATES) {
    const result = await openLoop(port, rate, rate * SECONDS);
    const at = (p: number) => percentile(result.latencies, p).toFixed(1).padStart(6);
    rows.push(
      `${String(rate).padStart(7)} | ${String(result.latencies.length).padStart(8)} | ${String(result.ok).padStart(5)} | ${String(result.failed).padStart(6)} | ${at(50)} | ${at(90)} | ${at(99)} | ${at(100)}`,
    );
  }

  // The worker drains what was acknowledged: how long until every order is recorded.
  const drainStart = performance.now();
  let last = await stats();
  while (last.pending > 0 && performance.now() - drainStart < 180_000) {
    await new Promise((r) => setTimeout(r, 250));
    last = await stats();
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  child.kill();
  rmSync(dir, { recursive: true, force: true });
  const { recorded, pending } = last;

  console.log(
    `Webhook acknowledgement benchmark — Node ${process.version}, SQLite, loopback, worker running, ${SECONDS} s per rate\n`,
  );
  console.log("req/s   | requests |   2xx | errors | p50 ms | p90 ms | p99 ms | max ms");
  for (const row of rows) console.log(row);
  console.log(
    `\nAfter the load: ${recorded} orders recorded, ${pending} events pending, drained ${drainSeconds.toFixed(1)} s after the last request.`,
  );
}

if (process.argv.includes("--serve")) await serve();
else await load();
