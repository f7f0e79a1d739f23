import type { LoaderFunctionArgs } from "@remix-run/node";
import { dataRequestReport } from "../models/compliance.server";
import { notFound } from "../routing.server";
import { authenticate } from "../shopify.server";

/** One data request's report: what Ladder holds about the customer now, as JSON. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const report = await dataRequestReport(session.shop, params.key ?? "");
  if (!report) return notFound("Data request");
  return new Response(JSON.stringify(report, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ladder-customer-${report.customerId}.json"`,
      "Cache-Control": "no-store",
    },
  });
};
