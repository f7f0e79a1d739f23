/**
 * Set-based writes for the rollups: one statement per batch instead of one per row, on SQLite and
 * PostgreSQL alike.
 *
 * The rows travel as one JSON text parameter and are read back as typed columns in SQL
 * (`json_to_recordset` on PostgreSQL, `json_each` with explicit casts on SQLite), so no statement
 * nears SQLite's bind limit and no number is bound raw: SQLite binds an integral JS number as a
 * 64-bit integer, which Σx⁴ (a Float column, often an integer beyond 2^63) does not fit. JSON
 * numbers are exact (shortest round-trip digits) and the casts make every Float a REAL.
 */
import { Prisma } from "@prisma/client";
import type { RollupDelta } from "../analytics/order-facts";
import { isZeroDelta } from "../analytics/order-facts";
import { databaseProvider, databaseUrl } from "../db-adapter.server";

type Tx = Prisma.TransactionClient;

type ColumnType = "text" | "int" | "bigint" | "float";

const POSTGRES_TYPES: Record<ColumnType, string> = {
  text: "text",
  int: "integer",
  bigint: "bigint",
  float: "double precision",
};

const SQLITE_CASTS: Record<ColumnType, string | null> = {
  text: null,
  int: "INTEGER",
  bigint: "INTEGER",
  float: "REAL",
};

function onPostgres(): boolean {
  return databaseProvider(databaseUrl()) === "postgresql";
}

const quoted = (name: string) => `"${name}"`;

/**
 * `SELECT <columns> FROM <rows>`: the objects of `rows` as typed columns, in their order. Column
 * names are constants of the caller (never data), so they are spliced into the SQL; the values
 * are one bound parameter.
 */
function jsonRowsSelect(
  columns: readonly (readonly [name: string, type: ColumnType])[],
  rows: readonly Record<string, string | number | null>[],
): Prisma.Sql {
  const json = JSON.stringify(rows);
  const names = columns.map(([name]) => quoted(name)).join(", ");
  if (onPostgres()) {
    const definitions = columns
      .map(([name, type]) => `${quoted(name)} ${POSTGRES_TYPES[type]}`)
      .join(", ");
    return Prisma.sql`SELECT ${Prisma.raw(names)} FROM json_to_recordset(${json}::json) AS r(${Prisma.raw(definitions)})`;
  }
  const extracts = columns
    .map(([name, type]) => {
      const value = `json_extract(value, '$.${name}')`;
      const cast = SQLITE_CASTS[type];
      return `${cast ? `CAST(${value} AS ${cast})` : value} AS ${quoted(name)}`;
    })
    .join(", ");
  // `WHERE true` keeps SQLite from reading the upsert's ON CONFLICT as a join constraint.
  return Prisma.sql`SELECT ${Prisma.raw(extracts)} FROM json_each(${json}) WHERE true`;
}

/**
 * `INSERT INTO table (shop, columns) SELECT … ON CONFLICT (key) DO UPDATE SET c = c + excluded.c`
 * for the `added` columns, or `DO NOTHING`.
 */
async function upsertRows(
  tx: Tx,
  table: string,
  shop: string,
  key: readonly string[],
  columns: readonly (readonly [name: string, type: ColumnType])[],
  rows: readonly Record<string, string | number | null>[],
  onConflict: { added: readonly string[] } | "nothing",
): Promise<void> {
  if (rows.length === 0) return;
  const names = ["shop", ...columns.map(([name]) => name)].map(quoted).join(", ");
  const select = jsonRowsSelect(
    [["shop", "text"], ...columns],
    rows.map((row) => ({ shop, ...row })),
  );
  const action =
    onConflict === "nothing"
      ? "DO NOTHING"
      : `DO UPDATE SET ${onConflict.added
          .map((c) => `${quoted(c)} = ${quoted(table)}.${quoted(c)} + excluded.${quoted(c)}`)
          .join(", ")}`;
  await tx.$executeRaw`INSERT INTO ${Prisma.raw(quoted(table))} (${Prisma.raw(names)}) ${select} ON CONFLICT (${Prisma.raw(key.map(quoted).join(", "))}) ${Prisma.raw(action)}`;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const ROLLUP_COLUMNS = [
  ["day", "text"],
  ["group", "text"],
  ["offerId", "text"],
  ["orders", "int"],
  ["valueSum", "float"],
  ["valueSumSq", "float"],
  ["valueSumCube", "float"],
  ["valueSumQuad", "float"],
  ["acceptedOrders", "int"],
  ["attributed", "float"],
  ["impressions", "int"],
] as const;

/**
 * Adds the deltas to the daily rollups in one upsert. Rows go in key order, so two transactions
 * lock the rows they share in the same order and never deadlock on them.
 */
export async function applyRollupDeltas(
  tx: Tx,
  shop: string,
  deltas: Map<string, RollupDelta>,
): Promise<void> {
  const rows = [...deltas.values()]
    .filter((d) => !isZeroDelta(d))
    .sort((a, b) => byText(`${a.day}|${a.group}|${a.offerId}`, `${b.day}|${b.group}|${b.offerId}`))
    .map((d) => ({
      day: d.day,
      group: d.group,
      offerId: d.offerId,
      orders: d.orders,
      valueSum: d.valueSum,
      valueSumSq: d.valueSumSq,
      valueSumCube: d.valueSumCube,
      valueSumQuad: d.valueSumQuad,
      acceptedOrders: d.acceptedOrders,
      attributed: d.attributed,
      impressions: d.impressions,
    }));
  await upsertRows(
    tx,
    "DailyRollup",
    shop,
    ["shop", "day", "group", "offerId"],
    ROLLUP_COLUMNS,
    rows,
    {
      added: ROLLUP_COLUMNS.slice(3).map(([name]) => name),
    },
  );
}

export interface CohortDelta {
  month: string;
  group: string;
  customers: number;
  orders: number;
  revenue: number;
}

/** Adds the deltas to the cohort rollups in one upsert, in key order like the daily rollups. */
export async function applyCohortDeltas(
  tx: Tx,
  shop: string,
  deltas: Iterable<CohortDelta>,
): Promise<void> {
  const rows = [...deltas]
    .filter((d) => d.customers !== 0 || d.orders !== 0 || d.revenue !== 0)
    .sort((a, b) => byText(`${a.month}|${a.group}`, `${b.month}|${b.group}`))
    .map((d) => ({ ...d }));
  await upsertRows(
    tx,
    "CohortRollup",
    shop,
    ["shop", "month", "group"],
    [
      ["month", "text"],
      ["group", "text"],
      ["customers", "int"],
      ["orders", "int"],
      ["revenue", "float"],
    ],
    rows,
    { added: ["customers", "orders", "revenue"] },
  );
}

/** The advisory lock space of customer locks (two-key advisory locks: apart from one-key ones). */
const CUSTOMER_LOCKS = 0x4c414443;

/**
 * PostgreSQL: holds these customers (transaction-scoped advisory locks, taken in one order) so two
 * instances recording orders of one customer re-derive the customer one after the other: the
 * second reads the first's orders instead of overwriting its aggregate. SQLite has one writer.
 */
export async function lockCustomers(
  tx: Tx,
  shop: string,
  customerIds: readonly string[],
): Promise<void> {
  if (customerIds.length === 0 || !onPostgres()) return;
  const ids = JSON.stringify([...new Set(customerIds)]);
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(${CUSTOMER_LOCKS}::integer, k)) FROM (
      SELECT DISTINCT hashtext(${shop}::text || '|' || id) AS k
      FROM json_array_elements_text(${ids}::json) AS id ORDER BY k) AS sorted`;
}

/** Products seen in orders, inserted unless already known (the first line seen stays). */
export async function insertNewProducts(
  tx: Tx,
  shop: string,
  products: readonly {
    productId: string;
    title: string;
    variantId: string;
    variantTitle: string | null;
    unitPrice: number;
  }[],
): Promise<void> {
  const rows = [...products]
    .sort((a, b) => byText(a.productId, b.productId))
    .map((p) => ({ ...p }));
  await upsertRows(
    tx,
    "AnalyticsProduct",
    shop,
    ["shop", "productId"],
    [
      ["productId", "text"],
      ["title", "text"],
      ["variantId", "text"],
      ["variantTitle", "text"],
      ["unitPrice", "bigint"],
    ],
    rows,
    "nothing",
  );
}
