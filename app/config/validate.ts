import type * as z from "zod";
import { minorDigits, type OfferConfig } from "../engine";
import { crossFieldProblems } from "./cross-field";
import { configSchema } from "./schema";

/** One thing wrong with an input, at a JSON path like `offers[2].tiers[0].discountPercent`. */
export interface Problem {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `["offers", 2, "tiers", 0]` → `offers[2].tiers[0]`; the empty path is the document itself. */
export function formatPath(path: readonly PropertyKey[], root: string): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || root;
}

/** Zod issues → our problems: one per field, in plain words, unknown keys one per key. */
export function toProblems(issues: readonly z.core.$ZodIssue[], root: string): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ path: formatPath([...issue.path, key], root), message: "unknown field" });
      }
      continue;
    }
    problems.push({ path: formatPath(issue.path, root), message: issue.message });
  }
  return problems;
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}`;
}

/**
 * Validates an offer config v1 (DESIGN §3.1) as parsed from JSON. Money rules follow the
 * config's own currency, so the currency is read first.
 */
export function validateConfig(input: unknown): Validated<OfferConfig> {
  const currency =
    typeof input === "object" && input !== null && "currency" in input ? input.currency : undefined;
  const digits =
    typeof currency === "string" && /^[A-Z]{3}$/.test(currency) ? minorDigits(currency) : 2;
  const result = configSchema(digits).safeParse(input);
  const problems = [
    ...(result.success ? [] : toProblems(result.error.issues, "config")),
    ...crossFieldProblems(input),
  ];
  if (result.success && problems.length === 0) return { ok: true, value: result.data };
  return { ok: false, problems: inDocumentOrder(problems) };
}

/** Top-level problems first, then offer by offer, each keeping the order it was found in. */
function inDocumentOrder(problems: Problem[]): Problem[] {
  const offerIndex = (p: Problem) => {
    const match = /^offers\[(\d+)\]/.exec(p.path);
    return match ? Number(match[1]) : -1;
  };
  return problems
    .map((problem, order) => ({ problem, order, offer: offerIndex(problem) }))
    .sort((a, b) => a.offer - b.offer || a.order - b.order)
    .map((entry) => entry.problem);
}
