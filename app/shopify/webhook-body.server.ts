/**
 * Webhook bodies are read with a byte cap before anything else: a forged, huge POST is refused
 * with 413 without being held in memory, and a signed body that is not JSON, or nests absurdly
 * deep, is refused with 400 instead of failing later (JSON.stringify and validators recurse).
 */

/**
 * The largest webhook body accepted, in bytes. Shopify's order payloads are a few kilobytes per
 * line item; 4 MiB holds orders with hundreds of lines with room to spare.
 */
export const MAX_WEBHOOK_BODY_BYTES = 4 * 1024 * 1024;

/** Deepest JSON nesting accepted. Shopify's REST payloads nest fewer than ten levels. */
export const MAX_WEBHOOK_JSON_DEPTH = 64;

function refuse(status: 400 | 413, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain" } });
}

/**
 * The request's body as text, read at most `limit` bytes. Throws a 413 Response when the declared
 * Content-Length or the bytes actually sent exceed it (the stream is cancelled, nothing more read).
 */
export async function readCappedBody(
  request: Request,
  limit = MAX_WEBHOOK_BODY_BYTES,
): Promise<string> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw refuse(413, `Webhook body over ${limit} bytes`);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw refuse(413, `Webhook body over ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/**
 * How deep the JSON text nests, scanning once without recursion (strings skipped, escapes
 * honoured). Stops counting once `max` is exceeded.
 */
export function jsonDepthExceeds(text: string, max = MAX_WEBHOOK_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Checks the already verified body: JSON, not nested deeper than the limit. Returns it parsed;
 * throws a 400 Response naming the problem.
 */
export function requireJsonBody(text: string): unknown {
  if (jsonDepthExceeds(text)) {
    throw refuse(400, `Webhook body nests deeper than ${MAX_WEBHOOK_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refuse(400, "Webhook body is not JSON");
  }
}

/** The same request with its body replaced by the text already read (headers kept). */
export function withBody(request: Request, body: string): Request {
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  return new Request(request.url, { method: request.method, headers, body });
}
