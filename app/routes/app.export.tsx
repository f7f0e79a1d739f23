import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportConfig } from "../models/transfer.server";
import { authenticate } from "../shopify.server";

/** The shop's offers and settings as an offer config v1 file (the ladder CLI's format). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const file = await exportConfig(session.shop);
  return new Response(file.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Ladder-Left-Out": String(file.leftOut.length),
    },
  });
};
