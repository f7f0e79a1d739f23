/** Reading a published config defensively: every check throws `MalformedConfig`. */
import { DEFAULT_SETTINGS } from "./defaults";
import { expandId, type GidType } from "./ids";
import type { RuntimeSettings } from "./types";

/** A published config that is not what `compile` writes; checkout then shows and applies nothing. */
export class MalformedConfig extends Error {
  constructor() {
    super("malformed published config");
  }
}

export function fail(): never {
  throw new MalformedConfig();
}

export type Raw = Record<string, unknown>;

export function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string {
  return typeof value === "string" ? value : fail();
}

export function int(value: unknown, min: number): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min ? value : fail();
}

export function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fail();
}

export function percent(value: unknown): number {
  const p = num(value);
  return p > 0 && p <= 100 ? p : fail();
}

export function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : fail();
}

export function lowerStrings(value: unknown): string[] {
  const out: string[] = [];
  for (const v of array(value)) out.push(str(v).toLowerCase());
  return out;
}

export function ref(value: unknown, type: GidType): string {
  if (typeof value === "number" || typeof value === "string") return expandId(value, type);
  return fail();
}

export function loadSettings(value: unknown, digits: number): RuntimeSettings {
  const s = value === undefined ? {} : isRecord(value) ? value : fail();
  return {
    maxOffers: s.mo === undefined ? DEFAULT_SETTINGS.maxOffers : int(s.mo, 1),
    maxPriceRatio: s.pr === undefined ? DEFAULT_SETTINGS.maxPriceRatio : num(s.pr),
    cooldownDays: s.cd === undefined ? DEFAULT_SETTINGS.cooldownDays : num(s.cd),
    holdoutPercent: s.hp === undefined ? DEFAULT_SETTINGS.holdoutPercent : int(s.hp, 0),
    suppressTags: s.st === undefined ? DEFAULT_SETTINGS.suppressTags : lowerStrings(s.st),
    budgetTags: s.bt === undefined ? DEFAULT_SETTINGS.budgetTags : lowerStrings(s.bt),
    frequentMinOrders: s.fo === undefined ? DEFAULT_SETTINGS.frequentMinOrders : int(s.fo, 0),
    premiumTags: s.pt === undefined ? DEFAULT_SETTINGS.premiumTags : lowerStrings(s.pt),
    premiumMinSpent:
      s.ps === undefined ? DEFAULT_SETTINGS.premiumMinSpentMajor * 10 ** digits : int(s.ps, 0),
  };
}
