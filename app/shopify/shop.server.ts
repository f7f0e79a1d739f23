import { SHOP_QUERY, type ShopQueryData } from "../graphql/shop";
import { adminRequest, type AdminApi } from "./admin.server";

export type ShopSummary = ShopQueryData["shop"];

export async function getShopSummary(admin: AdminApi): Promise<ShopSummary> {
  const { shop } = await adminRequest(admin, SHOP_QUERY);
  return shop;
}
