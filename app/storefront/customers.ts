/**
 * The demo storefront's simulated buyers: the switch on every storefront page lets a merchant see
 * what a guest, a returning customer, a customer with an open complaint and a budget-conscious one
 * each see. Tags follow the published guardrails (`suppressTags`, `budgetTags`).
 */
import { DEFAULT_SETTINGS } from "../engine";

export const SIMULATED_CUSTOMERS = ["guest", "returning", "complaint", "budget"] as const;
export type SimulatedCustomerKind = (typeof SIMULATED_CUSTOMERS)[number];

export const CUSTOMER_LABELS: Record<SimulatedCustomerKind, string> = {
  guest: "Guest",
  returning: "Returning customer",
  complaint: "Customer with an open complaint",
  budget: "Budget-conscious customer",
};

export interface SimulatedCustomer {
  kind: Exclude<SimulatedCustomerKind, "guest">;
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  tags: string[];
  ordersCount: number;
  /** Decimal string in the shop currency. */
  amountSpent: string;
}

export function isSimulatedCustomerKind(value: unknown): value is SimulatedCustomerKind {
  return typeof value === "string" && (SIMULATED_CUSTOMERS as readonly string[]).includes(value);
}

/** The published guardrail tags (checkout form `s.st` / `s.bt`), or the defaults. */
function guardrailTags(checkoutConfig: unknown): { suppress: string; budget: string } {
  const settings =
    typeof checkoutConfig === "object" && checkoutConfig !== null
      ? (checkoutConfig as { s?: { st?: unknown; bt?: unknown } }).s
      : undefined;
  const first = (list: unknown, fallback: string) =>
    Array.isArray(list) && typeof list[0] === "string" ? list[0] : fallback;
  return {
    suppress: first(settings?.st, DEFAULT_SETTINGS.suppressTags[0] ?? "open-complaint"),
    budget: first(settings?.bt, DEFAULT_SETTINGS.budgetTags[0] ?? "budget-sensitive"),
  };
}

/** The buyer for a switch value; null for a guest. */
export function simulatedCustomer(
  kind: SimulatedCustomerKind,
  checkoutConfig: unknown,
): SimulatedCustomer | null {
  if (kind === "guest") return null;
  const tags = guardrailTags(checkoutConfig);
  const base = { kind, email: "ana@ladder-demo.example", firstName: "Ana", lastName: "Silva" };
  switch (kind) {
    case "returning":
      return {
        ...base,
        id: "gid://shopify/Customer/7001",
        tags: [],
        ordersCount: 3,
        amountSpent: "240.00",
      };
    case "complaint":
      return {
        ...base,
        id: "gid://shopify/Customer/7002",
        tags: [tags.suppress],
        ordersCount: 2,
        amountSpent: "180.00",
      };
    case "budget":
      return {
        ...base,
        id: "gid://shopify/Customer/7003",
        tags: [tags.budget],
        ordersCount: 1,
        amountSpent: "45.00",
      };
  }
}
