/** REST webhook payloads (orders/create|updated, refunds/create) as Shopify sends them. */

export interface TestLine {
  id: number;
  productId: number;
  variantId?: number;
  price: string;
  quantity?: number;
  discount?: string;
  offerId?: string;
  title?: string;
}

export interface TestRefund {
  id: number;
  lines: { lineId: number; amount: string; quantity?: number }[];
  createdAt?: string;
}

export function orderPayload({
  id,
  customerId = null,
  group,
  shown,
  lines,
  refunds = [],
  createdAt = "2026-11-02T10:00:00-05:00",
  updatedAt = createdAt,
  cancelledAt = null,
  currency = "USD",
}: {
  id: number;
  customerId?: number | null;
  group?: string;
  shown?: string;
  lines: TestLine[];
  refunds?: TestRefund[];
  createdAt?: string;
  updatedAt?: string;
  cancelledAt?: string | null;
  currency?: string;
}) {
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    created_at: createdAt,
    updated_at: updatedAt,
    cancelled_at: cancelledAt,
    currency,
    email: "ana@example.com",
    customer: customerId === null ? null : { id: customerId, email: "ana@example.com", tags: "" },
    note_attributes: [
      ...(group !== undefined ? [{ name: "_ladder_group", value: group }] : []),
      ...(shown !== undefined ? [{ name: "_ladder_shown", value: shown }] : []),
    ],
    line_items: lines.map((l) => ({
      id: l.id,
      product_id: l.productId,
      variant_id: l.variantId ?? l.productId + 1000,
      title: l.title ?? `Product ${l.productId}`,
      variant_title: null,
      quantity: l.quantity ?? 1,
      price: l.price,
      price_set: { shop_money: { amount: l.price, currency_code: currency } },
      discount_allocations: l.discount
        ? [{ amount: l.discount, amount_set: { shop_money: { amount: l.discount } } }]
        : [],
      properties: l.offerId ? [{ name: "_ladder_offer", value: l.offerId }] : [],
    })),
    refunds: refunds.map((r) => refundPayload(id, r)),
  };
}

export function refundPayload(orderId: number, refund: TestRefund) {
  return {
    id: refund.id,
    order_id: orderId,
    created_at: refund.createdAt ?? "2026-11-05T10:00:00-05:00",
    refund_line_items: refund.lines.map((l) => ({
      line_item_id: l.lineId,
      quantity: l.quantity ?? 1,
      subtotal: l.amount,
      subtotal_set: { shop_money: { amount: l.amount } },
    })),
  };
}
