import { formatMoney, minorDigits, parseMoney } from "../engine";
import type { Problem } from "./validate";

const has = (offer: Record<string, unknown>, key: string) => offer[key] !== undefined;

/**
 * The discount value rules that relate two fields (DESIGN §3.1 "Discount value"): an upgrade or
 * add-on gives at most one of `discountPercent` and `discountAmount`; a bundle exactly one of
 * `discountPercent` and `bundlePrice`, the set price lower than the set's list total. Fields of
 * the wrong type are left to the schema.
 */
export function discountValueProblems(
  offer: Record<string, unknown>,
  at: string,
  currency: unknown,
): Problem[] {
  if (offer.kind === "upgrade" || offer.kind === "cross-sell") {
    if (has(offer, "discountPercent") && has(offer, "discountAmount")) {
      return [
        {
          path: `${at}.discountAmount`,
          message: "give either discountPercent or discountAmount, not both",
        },
      ];
    }
    return [];
  }
  if (offer.kind !== "bundle") return [];
  const percent = has(offer, "discountPercent");
  const price = has(offer, "bundlePrice");
  if (!percent && !price) {
    return [{ path: `${at}.discountPercent`, message: "is required, or give bundlePrice" }];
  }
  if (percent && price) {
    return [
      {
        path: `${at}.bundlePrice`,
        message: "give either discountPercent or bundlePrice, not both",
      },
    ];
  }
  if (!price || typeof offer.bundlePrice !== "string" || !Array.isArray(offer.items)) return [];
  const digits =
    typeof currency === "string" && /^[A-Z]{3}$/.test(currency) ? minorDigits(currency) : 2;
  const setPrice = parseMoney(offer.bundlePrice, digits);
  let listTotal = 0;
  for (const value of offer.items as unknown[]) {
    const item = (typeof value === "object" && value !== null ? value : {}) as Record<
      string,
      unknown
    >;
    const unit = typeof item.price === "string" ? parseMoney(item.price, digits) : null;
    const quantity = item.quantity === undefined ? 1 : item.quantity;
    if (unit === null || typeof quantity !== "number" || !Number.isInteger(quantity)) return [];
    listTotal += unit * quantity;
  }
  if (setPrice === null || setPrice < listTotal) return [];
  return [
    {
      path: `${at}.bundlePrice`,
      message: `must be lower than the set's list total (${formatMoney(listTotal, digits)})`,
    },
  ];
}
