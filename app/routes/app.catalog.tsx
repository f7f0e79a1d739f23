import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogAnswer } from "../models/catalog.server";
import { authenticate } from "../shopify.server";

/** JSON for the offer editor's pickers: `?type=product|collection&query=…` or `?ids=gid,gid`. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const type = url.searchParams.get("type") === "collection" ? "collection" : "product";
  const ids = (url.searchParams.get("ids") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.startsWith("gid://shopify/"));
  const answer = await catalogAnswer(session.shop, admin, {
    type,
    query: url.searchParams.get("query"),
    ids,
  });
  return Response.json(answer);
};
