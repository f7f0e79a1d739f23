/**
 * Stand-in area: customers, and bulk operations exporting orders (the app's order history
 * backfill). A bulk operation advances one step per status poll (CREATED → RUNNING with a growing
 * objectCount → COMPLETED), and its result file is a data: URL, so downloading it never leaves
 * the process.
 */
import { demoCustomers, demoOrderHistory, type DemoCustomer, type DemoOrder } from "../orders";
import type { StandInContext, StandInExtension } from "./index.server";

type Obj = Record<string, unknown>;

export interface OrdersStandInData {
  customers: DemoCustomer[];
  orders: DemoOrder[];
}

interface BulkOperation {
  id: string;
  query: string;
  createdAt: string;
  completedAt: string | null;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED";
  polls: number;
  rows: string[] | null;
  rootCount: number;
}

/** Polls before a bulk operation completes (progress is visible in between). */
const POLLS_TO_COMPLETE = 3;

export function ordersStandIn(data: (now: Date) => OrdersStandInData): StandInExtension {
  return (context) => {
    let cached: OrdersStandInData | null = null;
    const store = () => (cached ??= data(context.now()));
    const operations: BulkOperation[] = [];

    function customerObject(c: DemoCustomer): Obj {
      const id = `gid://shopify/Customer/${c.id}`;
      const orders = store().orders.filter((o) => o.customerId === c.id);
      const spent = orders.reduce(
        (sum, o) => sum + o.lines.reduce((s, l) => s + l.quantity * l.unitPrice - l.discount, 0),
        0,
      );
      return {
        __typename: "Customer",
        id,
        legacyResourceId: String(c.id),
        firstName: c.firstName,
        displayName: c.firstName,
        tags: c.tags,
        numberOfOrders: String(orders.length),
        amountSpent: context.money((spent / 100).toFixed(2)),
        ...context.metafieldFields(id),
      };
    }

    function findCustomer(id: string): Obj | null {
      const match = /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(id);
      const c = match ? store().customers.find((x) => String(x.id) === match[1]) : undefined;
      return c ? customerObject(c) : null;
    }

    function operationObject(op: BulkOperation): Obj {
      // Each status read is one poll: the export makes progress between them.
      op.polls++;
      if (op.status === "CREATED") op.status = "RUNNING";
      else if (op.status === "RUNNING" && op.polls >= POLLS_TO_COMPLETE) {
        op.status = "COMPLETED";
        op.completedAt = context.now().toISOString();
      }
      const rows = (op.rows ??= exportRows(op.query, store().orders, context));
      const done = op.status === "COMPLETED";
      const shown = done ? rows.length : Math.floor((rows.length * op.polls) / POLLS_TO_COMPLETE);
      const body = rows.join("\n") + (rows.length ? "\n" : "");
      return {
        __typename: "BulkOperation",
        id: op.id,
        status: op.status,
        errorCode: null,
        createdAt: op.createdAt,
        completedAt: op.completedAt,
        objectCount: String(shown),
        rootObjectCount: String(done ? op.rootCount : Math.floor(op.rootCount / 2)),
        fileSize: done ? String(Buffer.byteLength(body)) : null,
        query: op.query,
        type: "QUERY",
        url:
          done && rows.length > 0
            ? `data:application/jsonl;base64,${Buffer.from(body).toString("base64")}`
            : null,
        partialDataUrl: null,
      };
    }

    function bulkOperationRunQuery({ query }: Obj): Obj {
      const text = String(query);
      const userError = (message: string) => ({
        bulkOperation: null,
        userErrors: [{ field: ["query"], message, code: "INVALID" }],
      });
      if (operations.some((op) => op.status === "CREATED" || op.status === "RUNNING")) {
        return {
          bulkOperation: null,
          userErrors: [
            {
              field: null,
              message: "A bulk query operation for this app and shop is already in progress.",
              code: "OPERATION_IN_PROGRESS",
            },
          ],
        };
      }
      if (!/\borders\s*\(/.test(text)) return userError("The stand-in exports orders only.");
      const op: BulkOperation = {
        id: `gid://shopify/BulkOperation/${7000 + operations.length}`,
        query: text,
        createdAt: context.now().toISOString(),
        completedAt: null,
        status: "CREATED",
        polls: 0,
        rows: null,
        rootCount: 0,
      };
      op.rows = exportRows(text, store().orders, context);
      op.rootCount = op.rows.filter((r) => !r.includes('"__parentId"')).length;
      operations.push(op);
      return {
        bulkOperation: {
          __typename: "BulkOperation",
          id: op.id,
          status: op.status,
          errorCode: null,
          objectCount: "0",
          rootObjectCount: "0",
          url: null,
          partialDataUrl: null,
          createdAt: op.createdAt,
          query: op.query,
          type: "QUERY",
        },
        userErrors: [],
      };
    }

    return {
      root: {
        customer: ({ id }: Obj) => findCustomer(String(id)),
        bulkOperationRunQuery,
        currentBulkOperation: () => {
          const last = operations.at(-1);
          return last ? operationObject(last) : null;
        },
      },
      node: (id) => {
        if (id.startsWith("gid://shopify/Customer/")) return findCustomer(id);
        const op = operations.find((o) => o.id === id);
        return op ? operationObject(op) : null;
      },
    };
  };
}

/** The JSONL rows of the app's order export (ORDERS_BULK_QUERY), orders created since the filter. */
function exportRows(
  query: string,
  orders: readonly DemoOrder[],
  context: StandInContext,
): string[] {
  const since = /created_at:>=['"]?(\d{4}-\d{2}-\d{2})/.exec(query)?.[1];
  const from = since ? new Date(`${since}T00:00:00Z`).getTime() : 0;
  const rows: string[] = [];
  const money = (minor: number) => ({ shopMoney: { amount: (minor / 100).toFixed(2) } });
  for (const order of orders) {
    if (order.createdAt.getTime() < from || order.createdAt > context.now()) continue;
    const orderGid = `gid://shopify/Order/${order.id}`;
    const refunds = order.refunds.filter((r) => r.createdAt <= context.now());
    rows.push(
      JSON.stringify({
        id: orderGid,
        name: order.name,
        createdAt: order.createdAt.toISOString(),
        updatedAt: (refunds.at(-1)?.createdAt ?? order.createdAt).toISOString(),
        cancelledAt: null,
        currencyCode: context.shop.currencyCode,
        customer: order.customerId ? { id: `gid://shopify/Customer/${order.customerId}` } : null,
        customAttributes: [
          { key: "_ladder_group", value: order.group },
          ...(order.shown.length ? [{ key: "_ladder_shown", value: order.shown.join(",") }] : []),
        ],
        refunds: refunds.map((r) => ({
          id: `gid://shopify/Refund/${r.id}`,
          createdAt: r.createdAt.toISOString(),
        })),
      }),
    );
    for (const line of order.lines) {
      const refunded = refunds.some((r) => r.lineId === line.id);
      rows.push(
        JSON.stringify({
          id: `gid://shopify/LineItem/${line.id}`,
          title: line.title,
          variantTitle: line.variantTitle,
          quantity: line.quantity,
          currentQuantity: refunded ? 0 : line.quantity,
          product: { id: `gid://shopify/Product/${line.productId}` },
          variant: { id: `gid://shopify/ProductVariant/${line.variantId}` },
          customAttributes: line.offerId ? [{ key: "_ladder_offer", value: line.offerId }] : [],
          originalUnitPriceSet: money(line.unitPrice),
          discountAllocations: line.discount ? [{ allocatedAmountSet: money(line.discount) }] : [],
          __parentId: orderGid,
        }),
      );
    }
  }
  return rows;
}

/** The demo store's customers and the last year of its orders, generated once per stand-in. */
export const demoOrdersStandIn: StandInExtension = ordersStandIn((now) => ({
  customers: demoCustomers(),
  orders: demoOrderHistory({ end: now }),
}));
