import { minorDigits } from "../engine";

const formatters = new Map<string, Intl.NumberFormat>();

/** "24.5" in USD → "$24.50": amounts as the admin shows them (the shop's currency). */
export function formatAmount(amount: string | number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    const digits = minorDigits(currency);
    formatter = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(currency, formatter);
  }
  const value = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(value) ? formatter.format(value) : String(amount);
}

/** The currency's symbol for input prefixes ("$", "€", "CHF"). */
export function currencySymbol(currency: string): string {
  const part = new Intl.NumberFormat("en-US", { style: "currency", currency })
    .formatToParts(0)
    .find((p) => p.type === "currency");
  return part?.value ?? currency;
}
