/** Small helpers shared by route modules (request parsing and standard error responses). */

export const MAX_JSON_BYTES = 1024 * 1024;

/** The request's JSON body; a Response (400/413) is thrown when it isn't JSON or is too large. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_JSON_BYTES) {
    throw new Response(`The request is larger than ${MAX_JSON_BYTES / 1024} KB`, { status: 413 });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Response("The request body must be JSON", { status: 400 });
  }
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function notFound(what: string): Response {
  return new Response(`${what} not found`, { status: 404, statusText: "Not Found" });
}
