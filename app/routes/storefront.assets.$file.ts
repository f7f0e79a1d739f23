import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDemoMode } from "../shopify.server";
import { extensionAsset } from "../storefront/assets.server";

/** GET /storefront/assets/{file}: the theme extension's assets, as Shopify's CDN serves them. */
export const loader = ({ params }: LoaderFunctionArgs) => {
  const asset = isDemoMode ? extensionAsset(params.file ?? "") : null;
  if (!asset) return new Response("Not Found", { status: 404 });
  return new Response(asset.body, {
    headers: { "Content-Type": asset.type, "Cache-Control": "no-cache" },
  });
};
