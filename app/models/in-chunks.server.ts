/**
 * SQLite binds at most 999 parameters to one statement (older builds; newer ones 32,766), so every
 * `IN` list built from data (an order's products, a customer's orders) goes in chunks well below
 * that, leaving room for the statement's other parameters.
 */
export const IN_LIST_CHUNK = 500;

/** `list` in consecutive slices of at most `size` items. */
export function chunked<T>(list: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Runs `query` once per chunk of `ids` and concatenates the rows. */
export async function findInChunks<T, R>(
  ids: readonly T[],
  query: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunked(ids)) rows.push(...(await query(chunk)));
  return rows;
}

/** Runs a counting write (deleteMany, updateMany) once per chunk and sums the counts. */
export async function countInChunks<T>(
  ids: readonly T[],
  write: (chunk: T[]) => Promise<{ count: number }>,
): Promise<number> {
  let count = 0;
  for (const chunk of chunked(ids)) count += (await write(chunk)).count;
  return count;
}
