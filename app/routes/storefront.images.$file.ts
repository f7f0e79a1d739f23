import type { LoaderFunctionArgs } from "@remix-run/node";
import { productImageFile } from "../storefront/images.server";
import { isDemoMode } from "../shopify.server";

/** GET /storefront/images/{handle}.svg: the demo catalog's generated product images. */
export const loader = ({ params }: LoaderFunctionArgs) => {
  const svg = isDemoMode ? productImageFile(params.file ?? "") : null;
  if (svg === null) return new Response("Not Found", { status: 404 });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    },
  });
};
