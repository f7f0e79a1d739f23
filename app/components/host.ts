import { useRouteLoaderData } from "@remix-run/react";

interface AppLayoutData {
  embedded: boolean;
  shop: string;
}

/**
 * Whether the admin runs inside Shopify (App Bridge: resource picker, save bar, toasts) or as the
 * demo store's plain web page, which gets stand-ins for them.
 */
export function useEmbedded(): boolean {
  const data = useRouteLoaderData<AppLayoutData>("routes/app");
  return data?.embedded ?? false;
}
