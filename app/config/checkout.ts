import * as z from "zod";
import { parseInstant, parseMoney, type CheckoutInput } from "../engine";
import { amountLimitError, amountText, LIMITS, withinAmountLimit } from "./schema";
import { toProblems, type Problem, type Validated } from "./validate";

const required = (what: string) => ({
  error: (i: { input: unknown }) => (i.input === undefined ? "is required" : `must be ${what}`),
});

/** Cart amounts may be zero (free items) but never negative. */
const amount = (digits: number) => {
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  return z
    .string(required("an amount, as a string"))
    .regex(pattern, {
      error:
        digits === 0
          ? "must be a whole amount ≥ 0"
          : `must be an amount ≥ 0 with at most ${digits} decimals`,
    })
    .refine((v) => !pattern.test(v) || withinAmountLimit(v, digits), {
      error: amountLimitError(digits),
    });
};

const instant = () =>
  z.string(required("an ISO 8601 date-time string")).refine((v) => parseInstant(v) !== null, {
    error: 'must be an ISO 8601 date-time, like "2026-11-22T12:00:00Z"',
  });

const strings = (what: string) =>
  z.array(z.string(required(what)), required(`an array of ${what}s`));

function checkoutSchema(digits: number) {
  const line = z.object(
    {
      id: z.string(required("a string")).min(1, { error: "must not be empty" }),
      variantId: z.string(required("a string")).min(1, { error: "must not be empty" }),
      productId: z.string(required("a string")).min(1, { error: "must not be empty" }),
      title: z.string(required("a string")).optional(),
      quantity: z
        .number(required("a number"))
        .refine((q) => Number.isInteger(q) && q >= 1, { error: "must be a whole number ≥ 1" })
        .refine((q) => !(Number.isInteger(q) && q >= 1) || q <= LIMITS.maxQuantity, {
          error: `must be at most ${LIMITS.maxQuantity}`,
        }),
      unitPrice: amount(digits),
      collectionIds: strings("id").optional(),
      tags: strings("tag").optional(),
      attributes: z
        .record(z.string(), z.string(required("a string")), required("an object"))
        .optional(),
    },
    required("an object"),
  );
  const customer = z.object(
    {
      id: z.string(required("a string")).nullish(),
      firstName: z.string(required("a string")).nullish(),
      tags: strings("tag").optional(),
      ordersCount: z
        .number(required("a number"))
        .refine((n) => Number.isInteger(n) && n >= 0, { error: "must be a whole number ≥ 0" })
        .optional(),
      amountSpent: amount(digits).optional(),
      lastAcceptedAt: instant().nullish(),
    },
    required("an object or null"),
  );
  return z.object(
    {
      lines: z.array(line, required("an array of lines")),
      customer: customer.nullish(),
      countryCode: z
        .string(required("a 2-letter country code"))
        .regex(/^[A-Za-z]{2}$/, { error: 'must be a 2-letter country code, like "US"' })
        .nullish(),
      visitorKey: z.string(required("a string")).nullish(),
      now: instant().optional(),
    },
    required("a JSON object"),
  );
}

/** Line ids repeated in the raw input: found even when other fields of the lines are wrong. */
function duplicateLineIds(input: unknown): Problem[] {
  const lines = asRecord(input).lines;
  if (!Array.isArray(lines)) return [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  lines.forEach((line: unknown, i) => {
    const id = asRecord(line).id;
    if (typeof id !== "string" || id === "") return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else {
      problems.push({
        path: `lines[${i}].id`,
        message: `duplicate line id "${id}" (also lines[${first}].id)`,
      });
    }
  });
  return problems;
}

/** Fields of the input the engine does not read: reported as warnings, never an error. */
function unknownFields(input: unknown): Problem[] {
  const found: Problem[] = [];
  const unknownIn = (value: unknown, known: readonly string[], at: string) => {
    for (const key of Object.keys(asRecord(value))) {
      if (!known.includes(key))
        found.push({ path: at ? `${at}.${key}` : key, message: "unknown field, ignored" });
    }
  };
  const record = asRecord(input);
  unknownIn(record, KNOWN.checkout, "");
  if (record.customer !== null) unknownIn(record.customer, KNOWN.customer, "customer");
  if (Array.isArray(record.lines)) {
    record.lines.forEach((line: unknown, i) => unknownIn(line, KNOWN.line, `lines[${i}]`));
  }
  return found;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const KNOWN = (() => {
  const schema = checkoutSchema(2);
  const unwrap = (field: z.ZodType): z.ZodObject => {
    let inner: unknown = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
    return inner as z.ZodObject;
  };
  const lines = schema.shape.lines as z.ZodArray<z.ZodObject>;
  return {
    checkout: Object.keys(schema.shape),
    line: Object.keys(lines.element.shape),
    customer: Object.keys(unwrap(schema.shape.customer).shape),
  };
})();

/**
 * Validates a checkout input (DESIGN §3.2). Fields it does not know are ignored (adapters may send
 * more than the engine reads) and listed in `warnings`, so a misspelt optional field is noticed.
 * `now` defaults to `defaultNow` when absent.
 */
export function validateCheckout(
  input: unknown,
  digits: number,
  defaultNow: string,
): Validated<CheckoutInput> & { warnings: Problem[] } {
  const warnings = unknownFields(input);
  const result = checkoutSchema(digits).safeParse(input);
  const problems = [
    ...(result.success ? [] : toProblems(result.error.issues, "checkout")),
    ...duplicateLineIds(input),
  ];
  if (result.success && problems.length === 0) {
    const total = result.data.lines.reduce(
      (sum, line) => sum + (parseMoney(line.unitPrice, digits) ?? 0) * line.quantity,
      0,
    );
    if (total > LIMITS.maxCartTotalMinor) {
      problems.push({
        path: "lines",
        message: `the cart's total (unit prices × quantities) must be at most ${amountText(LIMITS.maxCartTotalMinor, digits)}`,
      });
    }
  }
  if (!result.success || problems.length > 0) {
    return { ok: false, problems: inLineOrder(problems), warnings };
  }
  const { now, ...rest } = result.data;
  return { ok: true, value: { ...rest, now: now ?? defaultNow }, warnings };
}

/** Problems in document order: by field as the schema lists them, then line by line. */
function inLineOrder(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => {
    const field = /^[A-Za-z]+/.exec(p.path)?.[0] ?? "";
    const line = Number(/^lines\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
    return [KNOWN.checkout.indexOf(field), line] as const;
  };
  return problems
    .map((problem, order) => ({ problem, order, rank: rank(problem) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.order - b.order)
    .map((entry) => entry.problem);
}
