import type { AdminApi } from "../shopify/admin.server";
import { loadHomeDashboard } from "./analytics.server";
import { getStarted } from "./get-started.server";

/** Home: the get-started path until offers are published, and the dashboard's figures. */
export async function loadHome(
  shop: string,
  admin: AdminApi,
  params: URLSearchParams,
  demo: boolean,
) {
  const [home, firstRun] = await Promise.all([
    loadHomeDashboard(shop, params),
    getStarted(shop, admin, demo),
  ]);
  return { ...home, getStarted: firstRun };
}
