import type { Minor } from "./types";

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * "24.50" → 2450 (two digits). Returns null for anything that is not a non-negative decimal with
 * at most `digits` fraction digits, or that would not be a safe integer.
 */
export function parseMoney(value: string, digits: number): Minor | null {
  const match = DECIMAL.exec(value);
  if (!match) return null;
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 2450 → "24.50" (two digits); negative amounts keep their sign. */
export function formatMoney(minor: Minor, digits: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const SIGNED_DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * Lenient reading for amounts that come from a cart rather than from a merchant: any number of
 * fraction digits, rounded half-up to the currency's. Null when it is not a decimal at all.
 */
export function parseMoneyRounded(value: string, digits: number): Minor | null {
  // Fast path for what carts send ("19.99", "20.0", "20"): a float product rounds exactly while
  // the amount has no more digits than the currency and stays far below 2^53.
  const dot = value.indexOf(".");
  if (dot > 0 ? value.length - dot - 1 <= digits : dot < 0) {
    const n = Number(value);
    const minor = Math.round(n * 10 ** digits);
    if (n >= 0 && value !== "" && Number.isSafeInteger(minor) && minor < 2 ** 50) return minor;
  }
  const match = SIGNED_DECIMAL.exec(value.trim());
  if (!match) return null;
  const fraction = match[2] ?? "";
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  const roundUp = (fraction[digits] ?? "0") >= "5" ? 1 : 0;
  const minor = Number((match[1] ?? "") + kept) + roundUp;
  return Number.isSafeInteger(minor) ? minor : null;
}
