import { parseInstant } from "../engine";
import { discountValueProblems } from "./discount-fields";
import type { Problem } from "./validate";

function records(value: unknown): Record<string, unknown>[] | null {
  return Array.isArray(value)
    ? value.map((v) => (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>)
    : null;
}

/**
 * Rules that relate several fields: unique offer ids, unique bundle variants, tiers in order,
 * schedules that end after they start. They read the raw document so they are reported together
 * with every field problem, not only once the rest is valid; fields of the wrong type are left
 * to the schema.
 */
export function crossFieldProblems(input: unknown): Problem[] {
  if (typeof input !== "object" || input === null) return [];
  const offers = records((input as Record<string, unknown>).offers);
  if (!offers) return [];
  const problems: Problem[] = [];
  const ids = new Map<string, number>();
  offers.forEach((offer, i) => {
    const at = `offers[${i}]`;
    if (typeof offer.id === "string") {
      const id = offer.id.trim();
      const first = ids.get(id);
      if (first !== undefined) {
        problems.push({
          path: `${at}.id`,
          message: `duplicate id "${id}" (also offers[${first}].id)`,
        });
      } else ids.set(id, i);
    }

    const copies = new Map<string, number>();
    records(offer.variants)?.forEach((variant, j) => {
      if (typeof variant.id !== "string") return;
      const first = copies.get(variant.id);
      if (first !== undefined) {
        problems.push({
          path: `${at}.variants[${j}].id`,
          message: `duplicate variant id "${variant.id}" (also variants[${first}].id)`,
        });
      } else copies.set(variant.id, j);
    });
    problems.push(...discountValueProblems(offer, at, (input as Record<string, unknown>).currency));

    if (offer.kind === "bundle") {
      const variants = new Map<string, number>();
      records(offer.items)?.forEach((item, j) => {
        if (typeof item.variantId !== "string") return;
        const first = variants.get(item.variantId);
        if (first !== undefined) {
          problems.push({
            path: `${at}.items[${j}].variantId`,
            message: `variant "${item.variantId}" is already items[${first}]; set its quantity instead`,
          });
        } else variants.set(item.variantId, j);
      });
    }

    if (offer.kind === "volume") {
      const tiers = records(offer.tiers) ?? [];
      tiers.forEach((tier, j) => {
        const previous = tiers[j - 1];
        if (!previous) return;
        const [min, prevMin] = [tier.minQuantity, previous.minQuantity];
        if (typeof min === "number" && typeof prevMin === "number" && min <= prevMin) {
          problems.push({
            path: `${at}.tiers[${j}].minQuantity`,
            message: `must be greater than the previous tier's (${prevMin})`,
          });
        }
        const [pct, prevPct] = [tier.discountPercent, previous.discountPercent];
        if (typeof pct === "number" && typeof prevPct === "number" && pct < prevPct) {
          problems.push({
            path: `${at}.tiers[${j}].discountPercent`,
            message: `must not be lower than the previous tier's (${prevPct})`,
          });
        }
      });
    }

    if (typeof offer.startsAt === "string" && typeof offer.endsAt === "string") {
      const from = parseInstant(offer.startsAt);
      const to = parseInstant(offer.endsAt);
      if (from !== null && to !== null && to <= from) {
        problems.push({ path: `${at}.endsAt`, message: "must be after startsAt" });
      }
    }
  });
  return problems;
}
