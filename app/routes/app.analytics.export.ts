import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCsv, parseRange, shopToday } from "../models/analytics.server";
import { authenticate } from "../shopify.server";

/** CSV export of the dashboard's range: `?table=daily|offers&from=&to=`. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const table = params.get("table") ?? "daily";
  if (table !== "daily" && table !== "offers") {
    return new Response("table: must be daily or offers", { status: 400 });
  }
  const range = parseRange(params, await shopToday(session.shop));
  if (!range.ok) return new Response(range.error, { status: 400 });
  const csv = await exportCsv(session.shop, range.range, table);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ladder-${table}-${range.range.from}-to-${range.range.to}.csv"`,
    },
  });
};
