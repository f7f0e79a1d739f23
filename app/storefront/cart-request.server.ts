/**
 * Reading AJAX Cart API requests the way Shopify accepts them: a JSON body, or a form body
 * (`application/x-www-form-urlencoded` or `multipart/form-data`, as theme forms send) whose
 * bracketed names nest (`properties[_ladder_offer]=x`, `updates[]=2`, `items[0][id]=…`). Every
 * refusal is a 400 CartError naming the field.
 */
import { CartError, type AddItem, type CartUpdate, type ChangeLine } from "./cart-store.server";

type Body = Record<string, unknown>;

const isRecord = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `a[b][]` → ["a", "b", ""]. Null when the name is not well-formed. */
function nameParts(name: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match?.[1]) return null;
  const rest = [...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "");
  return [match[1], ...rest];
}

/** Form fields into the nested object Shopify reads them as. */
export function nestFormFields(fields: Iterable<[string, string]>): Body {
  const root: Body = {};
  for (const [name, value] of fields) {
    const parts = nameParts(name);
    if (!parts) throw new CartError(400, `${name}: not a valid field name`);
    let node: Body | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsList = parts[i + 1] === "";
      if (Array.isArray(node)) {
        if (last) node.push(value);
        else {
          const child: Body | unknown[] = nextIsList ? [] : {};
          node.push(child);
          node = child;
        }
        return;
      }
      if (last) {
        node[part] = value;
        return;
      }
      const existing = node[part];
      const child: Body | unknown[] =
        Array.isArray(existing) || isRecord(existing) ? existing : nextIsList ? [] : {};
      node[part] = child;
      node = child;
    });
  }
  return root;
}

/** The body of a cart request as an object; a 400 when it cannot be read. */
export async function readCartBody(request: Request): Promise<Body> {
  // A read has no body, whatever its Content-Type says (Ladder's script sends one on every call).
  if (request.method === "GET" || request.method === "HEAD") return {};
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = await request.json();
    } catch {
      throw new CartError(400, "The request body is not valid JSON");
    }
    if (!isRecord(parsed)) throw new CartError(400, "The request body must be a JSON object");
    return parsed;
  }
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new CartError(400, "The request body is not a valid form");
    }
    const fields: [string, string][] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") fields.push([name, value]);
    }
    return nestFormFields(fields);
  }
  const text = await request.text();
  if (text.trim() === "") return {};
  throw new CartError(400, "Send the body as JSON or as a form");
}

function integer(value: unknown, field: string, fallback?: number): number {
  if (value === undefined || value === null || value === "") {
    if (fallback !== undefined) return fallback;
    throw new CartError(400, `${field}: required`);
  }
  const number = typeof value === "number" ? value : Number(String(value).trim());
  if (!Number.isInteger(number)) throw new CartError(400, `${field}: must be a whole number`);
  return number;
}

function id(value: unknown, field: string): string | number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  throw new CartError(400, `${field}: required`);
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new CartError(400, `${field}: must be an object of texts`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined) out[key] = "";
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      out[key] = String(v);
    } else throw new CartError(400, `${field}.${key}: must be a text`);
  }
  return out;
}

/** `/cart/add.js`: `{items: [{id, quantity, properties}]}` or one item's fields at the top. */
export function parseAdd(body: Body): { items: AddItem[]; single: boolean } {
  const single = body.items === undefined;
  const raw = single ? [body] : body.items;
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : null;
  if (!list) throw new CartError(400, "items: must be a list");
  const items = list.map((entry, i) => {
    const field = single ? "" : `items[${i}].`;
    if (!isRecord(entry)) throw new CartError(400, `items[${i}]: must be an object`);
    return {
      id: id(entry.id, `${field}id`),
      quantity: integer(entry.quantity, `${field}quantity`, 1),
      properties: stringMap(entry.properties, `${field}properties`),
    };
  });
  return { items, single };
}

/** `/cart/change.js`: `id` (line key or variant) or `line`, `quantity`, `properties`. */
export function parseChange(body: Body): ChangeLine {
  const change: ChangeLine = {};
  if (body.line !== undefined) change.line = integer(body.line, "line");
  else if (body.id !== undefined) change.id = id(body.id, "id");
  else throw new CartError(400, "no valid id or line parameter");
  if (body.quantity !== undefined) change.quantity = integer(body.quantity, "quantity");
  if (body.properties !== undefined) change.properties = stringMap(body.properties, "properties");
  return change;
}

/** `/cart/update.js`: `updates` (by key or variant, or by position), `attributes`, `note`. */
export function parseUpdate(body: Body): CartUpdate {
  const update: CartUpdate = {};
  const updates = body.updates;
  if (Array.isArray(updates)) {
    update.updates = updates.map((q, i) => integer(q, `updates[${i}]`));
  } else if (isRecord(updates)) {
    update.updates = Object.fromEntries(
      Object.entries(updates).map(([key, q]) => [key, integer(q, `updates[${key}]`)]),
    );
  } else if (updates !== undefined) {
    throw new CartError(400, "updates: must be an object or a list");
  }
  if (body.attributes !== undefined) update.attributes = stringMap(body.attributes, "attributes");
  if (body.note !== undefined) {
    if (typeof body.note !== "string") throw new CartError(400, "note: must be a text");
    update.note = body.note;
  }
  return update;
}
