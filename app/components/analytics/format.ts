/** Display formatting for analytics figures (amounts arrive in minor units). */

export function formatAmount(minor: number | null, currency: string, digits: number): string {
  if (minor === null || !Number.isFinite(minor)) return "—";
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

export function formatPercent(share: number | null, fractionDigits = 1): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return `${(share * 100).toFixed(fractionDigits)}%`;
}

export function formatSignedPercent(share: number, fractionDigits = 1): string {
  const text = formatPercent(Math.abs(share), fractionDigits);
  return share > 0 ? `+${text}` : share < 0 ? `−${text}` : text;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}
