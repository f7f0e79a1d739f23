import * as z from "zod";
import { parseInstant, type CheckoutInput } from "../engine";
import { toProblems, type Validated } from "./validate";

const required = (what: string) => ({
  error: (i: { input: unknown }) => (i.input === undefined ? "is required" : `must be ${what}`),
});

/** Cart amounts may be zero (free items) but never negative. */
const amount = (digits: number) => {
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  return z.string(required("an amount, as a string")).regex(pattern, {
    error:
      digits === 0
        ? "must be a whole amount ≥ 0"
        : `must be an amount ≥ 0 with at most ${digits} decimals`,
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
        .refine((q) => Number.isInteger(q) && q >= 1, { error: "must be a whole number ≥ 1" }),
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
      lines: z.array(line, required("an array of lines")).check((ctx) => {
        const seen = new Map<string, number>();
        ctx.value.forEach((l, i) => {
          const first = seen.get(l.id);
          if (first !== undefined) {
            ctx.issues.push({
              code: "custom",
              input: l.id,
              path: [i, "id"],
              message: `duplicate line id "${l.id}" (also lines[${first}].id)`,
            });
          } else seen.set(l.id, i);
        });
      }),
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

/**
 * Validates a checkout input (DESIGN §3.2). Fields it does not know are ignored: adapters may
 * send more than the engine reads. `now` defaults to `defaultNow` when absent.
 */
export function validateCheckout(
  input: unknown,
  digits: number,
  defaultNow: string,
): Validated<CheckoutInput> {
  const result = checkoutSchema(digits).safeParse(input);
  if (!result.success) return { ok: false, problems: toProblems(result.error.issues, "checkout") };
  const { now, ...rest } = result.data;
  return { ok: true, value: { ...rest, now: now ?? defaultNow } };
}
