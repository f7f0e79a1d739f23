/**
 * An offer body as the admin stores it: validated as the CLI validates a config, checked for
 * whether even a draft may be stored, and turned into the columns lists filter and sort on.
 */
import { validateConfig, type Problem } from "../config";
import { parseInstant, type Offer } from "../engine";
import { byteLength } from "../offers/bytes";

/** Problems that keep even a draft from being stored: without them it can't be listed or found. */
const IDENTITY_FIELDS = new Set(["", "id", "title", "kind", "status"]);
/** An offer body is at most this big (a full offer with 500-character texts is far smaller). */
const MAX_BODY_BYTES = 32 * 1024;

/** Validates one offer as the CLI would inside a config; paths are relative to the offer. */
export function checkOffer(
  offer: unknown,
  currency: string,
): { ok: true; value: Offer } | { ok: false; problems: Problem[] } {
  const result = validateConfig({ version: 1, currency, offers: [offer] });
  if (result.ok) {
    const [value] = result.value.offers;
    if (value) return { ok: true, value };
  }
  const problems = result.ok
    ? [{ path: "", message: "is missing" }]
    : result.problems.map((p) => ({
        path: p.path.replace(/^offers\[0\]\.?/, ""),
        message: p.message,
      }));
  return { ok: false, problems };
}

/**
 * Values out of their range (a 150% discount, a negative threshold): a draft may be incomplete
 * (a blank field), never invalid, so a value given out of range keeps even a draft from storage.
 */
const OUT_OF_RANGE =
  /must be between|must be .+ from -?\d|must be .+ ≥|must be greater than 0|must be at most|must have at most \d+ decimals|must be a positive/;

/** The value at a validator path relative to the offer (`tiers[1].discountPercent`). */
function valueAt(body: Record<string, unknown>, path: string): unknown {
  let at: unknown = body;
  for (const part of path.split(/\.|\[|\]\.?/).filter(Boolean)) {
    if (Array.isArray(at)) at = at[Number(part)];
    else if (typeof at === "object" && at !== null) at = (at as Record<string, unknown>)[part];
    else return undefined;
  }
  return at;
}

function isBlocking(problem: Problem, body: Record<string, unknown>): boolean {
  if (IDENTITY_FIELDS.has(problem.path)) return true;
  if (!OUT_OF_RANGE.test(problem.message)) return false;
  const value = valueAt(body, problem.path);
  return value !== undefined && value !== null && value !== "";
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The offered items of an offer body, with their paths: the upgrade target, the add-on... */
export function offeredItems(
  body: Record<string, unknown>,
): { path: string; item: Record<string, unknown> }[] {
  const found: { path: string; item: Record<string, unknown> }[] = [];
  if (body.kind === "upgrade") found.push({ path: "to", item: record(body.to) });
  if (body.kind === "cross-sell" || body.kind === "gift") {
    found.push({ path: "item", item: record(body.item) });
  }
  if (body.kind === "bundle" && Array.isArray(body.items)) {
    body.items.forEach((item, i) => found.push({ path: `items[${i}]`, item: record(item) }));
  }
  // A cross-sell's A/B copies may offer their own add-on.
  if (body.kind === "cross-sell" && Array.isArray(body.variants)) {
    body.variants.forEach((variant, i) => {
      const item = record(variant).item;
      if (item !== undefined) found.push({ path: `variants[${i}].item`, item: record(item) });
    });
  }
  return found;
}

/** `|gid|gid|` of every product an offer references, for the product webhooks' lookups. */
export function productRefsOf(body: Record<string, unknown>): string {
  const ids = new Set<string>();
  for (const { item } of offeredItems(body)) {
    if (typeof item.productId === "string" && item.productId) ids.add(item.productId);
  }
  for (const id of stringList(record(body.trigger).productIds)) ids.add(id);
  return `|${[...ids].join("|")}${ids.size ? "|" : ""}`;
}

function instantOrNull(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const ms = parseInstant(value);
  return ms === null ? null : new Date(ms);
}

/** The columns stored for an offer body (the body itself, and what lists filter and sort on). */
export function offerRowData(body: Record<string, unknown>, complete: boolean) {
  const priority = typeof body.priority === "number" && Number.isInteger(body.priority);
  return {
    kind: String(body.kind),
    status: body.status === "active" ? "active" : "draft",
    title: String(body.title),
    priority: priority ? Number(body.priority) : 0,
    startsAt: instantOrNull(body.startsAt),
    endsAt: instantOrNull(body.endsAt),
    body: JSON.stringify(body),
    complete,
    productRefs: productRefsOf(body),
  };
}

/**
 * Checks an offer for storing: strict problems, and whether it may be stored at all. Active
 * offers must be complete; drafts only need their identity (id, title, kind, status).
 */
export function admissibility(
  body: Record<string, unknown>,
  currency: string,
  extra: Problem[] = [],
): { storable: boolean; complete: boolean; problems: Problem[]; value: Offer | null } {
  const size = byteLength(JSON.stringify(body));
  if (size > MAX_BODY_BYTES) {
    return {
      storable: false,
      complete: false,
      problems: [
        { path: "", message: `is ${size} bytes; an offer may be at most ${MAX_BODY_BYTES}` },
      ],
      value: null,
    };
  }
  const checked = checkOffer(body, currency);
  const problems = [...extra, ...(checked.ok ? [] : checked.problems)];
  const complete = problems.length === 0;
  const storable =
    complete || (body.status !== "active" && !problems.some((p) => isBlocking(p, body)));
  return { storable, complete, problems, value: checked.ok && complete ? checked.value : null };
}
