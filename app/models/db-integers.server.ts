/**
 * Money and large counters are BigInt columns (64-bit on SQLite and PostgreSQL), which Prisma
 * reads as `bigint`. The app computes with numbers: integer minor units are exact up to 2^53, and
 * numbers serialise to JSON where a `bigint` throws. These two functions are the only crossing
 * points, and both refuse a value they cannot carry exactly instead of rounding it.
 */

/** A stored BigInt as a number; throws beyond ±2^53, where a number would lose precision. */
export function fromDbInt(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Stored integer ${value} is beyond the exact range of a number`);
  }
  return Number(value);
}

/** A number for a BigInt column; throws when it is not an exact integer. */
export function toDbInt(value: number): bigint {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${value} is not an integer that can be stored exactly`);
  }
  return BigInt(value);
}
