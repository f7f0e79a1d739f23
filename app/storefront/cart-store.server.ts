/**
 * The demo storefront's carts: one per visitor cookie, in memory (the demo is one process and a
 * cart is throwaway), with the operations of Shopify's AJAX Cart API. Prices are not stored: a
 * line is a variant, a quantity and its properties, priced from the catalog when it is shown.
 */
import { findVariant, legacyId } from "../demo/catalog";

export interface StoredLine {
  /** Shopify's line key: `variantId:hash of the properties`. */
  key: string;
  variantId: string;
  quantity: number;
  properties: Record<string, string>;
}

export interface StoredCart {
  token: string;
  lines: StoredLine[];
  attributes: Record<string, string>;
  note: string;
}

/** A refusal with the status and body Shopify's cart API answers. */
export class CartError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    readonly description: string,
  ) {
    super(description);
    this.name = "CartError";
  }

  /** `{status, message, description}`, as Shopify's cart endpoints answer errors. */
  body(): { status: number; message: string; description: string } {
    return {
      status: this.status,
      message: this.status === 422 ? "Cart Error" : "Bad Request",
      description: this.description,
    };
  }
}

/** Bounded: a long-running demo keeps at most this many carts (oldest forgotten first). */
const MAX_CARTS = 5000;
const MAX_LINES = 250;
const MAX_QUANTITY = 10_000;

const carts = new Map<string, StoredCart>();

export function getCart(token: string): StoredCart {
  let cart = carts.get(token);
  if (cart) {
    // Map order is insertion order: touching a cart keeps it from being forgotten.
    carts.delete(token);
  } else {
    cart = { token, lines: [], attributes: {}, note: "" };
  }
  carts.set(token, cart);
  while (carts.size > MAX_CARTS) {
    const oldest = carts.keys().next().value;
    if (oldest === undefined) break;
    carts.delete(oldest);
  }
  return cart;
}

/** FNV-1a of the properties, as a short hex: equal properties give the same line key. */
function propertiesHash(properties: Record<string, string>): string {
  const text = JSON.stringify(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b)));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

export function lineKey(variantId: string, properties: Record<string, string>): string {
  return `${legacyId(variantId)}:${propertiesHash(properties)}`;
}

/** A variant by its numeric id (what themes send) or its GID. */
export function resolveVariant(id: string | number): string {
  const text = String(id).trim();
  const gid = /^\d+$/.test(text) ? `gid://shopify/ProductVariant/${text}` : text;
  if (!findVariant(gid)) throw new CartError(422, "Cannot find variant");
  return gid;
}

function checkQuantity(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_QUANTITY) {
    throw new CartError(400, `${field} must be a whole number from 0 to ${MAX_QUANTITY}`);
  }
  return value;
}

/** Refuses more units than the variant has in stock (Shopify's 422 when stock runs out). */
function checkStock(cart: StoredCart, variantId: string, quantity: number, except?: StoredLine) {
  const found = findVariant(variantId);
  if (!found) throw new CartError(422, "Cannot find variant");
  const { product, variant } = found;
  const elsewhere = cart.lines
    .filter((line) => line.variantId === variantId && line !== except)
    .reduce((sum, line) => sum + line.quantity, 0);
  if (elsewhere + quantity <= variant.inventoryQuantity) return;
  const name =
    variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`;
  throw new CartError(
    422,
    variant.inventoryQuantity === 0
      ? `The product '${name}' is already sold out.`
      : `You can only add ${Math.max(0, variant.inventoryQuantity - elsewhere - (except?.quantity ?? 0))} ${name} to the cart.`,
  );
}

export interface AddItem {
  id: string | number;
  quantity: number;
  properties: Record<string, string>;
}

/**
 * `/cart/add.js`: adds each item (merging into a line with the same variant and properties).
 * All or nothing: one refused item adds none. Returns the lines touched, in request order.
 */
export function addItems(cart: StoredCart, items: readonly AddItem[]): StoredLine[] {
  if (items.length === 0) throw new CartError(400, "items must list at least one item");
  const planned = cart.lines.map((line) => ({ ...line }));
  const touched: string[] = [];
  for (const item of items) {
    const variantId = resolveVariant(item.id);
    const quantity = checkQuantity(item.quantity, "quantity");
    if (quantity === 0) continue;
    const key = lineKey(variantId, item.properties);
    const existing = planned.find((line) => line.key === key);
    const next = (existing?.quantity ?? 0) + quantity;
    checkStock({ ...cart, lines: planned }, variantId, next, existing);
    if (existing) existing.quantity = next;
    else {
      if (planned.length >= MAX_LINES) throw new CartError(422, "The cart is full.");
      planned.push({ key, variantId, quantity, properties: { ...item.properties } });
    }
    touched.push(key);
  }
  cart.lines = planned;
  return touched.flatMap((key) => planned.filter((line) => line.key === key));
}

export interface ChangeLine {
  /** A line key, a variant id, or (when `line` is given) nothing. */
  id?: string | number;
  /** 1-based line index. */
  line?: number;
  quantity?: number;
  properties?: Record<string, string>;
}

/** `/cart/change.js`: sets one line's quantity (0 removes it) and/or replaces its properties. */
export function changeLine(cart: StoredCart, change: ChangeLine): void {
  let index: number;
  if (change.line !== undefined) {
    if (!Number.isInteger(change.line) || change.line < 1) {
      throw new CartError(400, "line must be a whole number from 1");
    }
    index = change.line - 1;
  } else if (change.id !== undefined) {
    const id = String(change.id);
    index = id.includes(":")
      ? cart.lines.findIndex((line) => line.key === id)
      : cart.lines.findIndex((line) => line.variantId === resolveVariant(id));
  } else {
    throw new CartError(400, "no valid id or line parameter");
  }
  const line = cart.lines[index];
  if (!line) throw new CartError(400, "no valid id or line parameter");
  const quantity = checkQuantity(change.quantity ?? line.quantity, "quantity");
  if (quantity === 0) {
    cart.lines.splice(index, 1);
    return;
  }
  checkStock(cart, line.variantId, quantity, line);
  const properties = change.properties ?? line.properties;
  const updated = { ...line, quantity, properties, key: lineKey(line.variantId, properties) };
  cart.lines[index] = updated;
}

export interface CartUpdate {
  /** By line key or variant id, or by position. */
  updates?: Record<string, number> | number[];
  /** An empty value removes the attribute, as on Shopify. */
  attributes?: Record<string, string>;
  note?: string;
}

/** `/cart/update.js`: quantities, attributes and the note, all or nothing. */
export function updateCart(cart: StoredCart, update: CartUpdate): void {
  const draft = structuredClone(cart);
  applyUpdate(draft, update);
  Object.assign(cart, draft);
}

function applyUpdate(cart: StoredCart, update: CartUpdate): void {
  if (update.updates !== undefined) {
    const updates = update.updates;
    if (Array.isArray(updates)) {
      // Positions refer to the cart as it was: removing a line must not shift the others.
      const keys = cart.lines.map((line) => line.key);
      updates.forEach((quantity, i) => {
        const key = keys[i];
        if (key !== undefined) changeLine(cart, { id: key, quantity });
      });
    } else {
      for (const [id, quantity] of Object.entries(updates)) {
        checkQuantity(quantity, `updates[${id}]`);
        const byKey = cart.lines.find((line) => line.key === id);
        if (byKey) {
          changeLine(cart, { id, quantity });
          continue;
        }
        const variantId = resolveVariant(id);
        const line = cart.lines.find((l) => l.variantId === variantId);
        if (line) changeLine(cart, { id: line.key, quantity });
        else if (quantity > 0) addItems(cart, [{ id: variantId, quantity, properties: {} }]);
      }
    }
  }
  if (update.attributes) {
    for (const [name, value] of Object.entries(update.attributes)) {
      if (value === "") delete cart.attributes[name];
      else cart.attributes[name] = value;
    }
  }
  if (update.note !== undefined) cart.note = update.note;
}

/** `/cart/clear.js`: removes every line; attributes and the note stay, as on Shopify. */
export function clearCart(cart: StoredCart): void {
  cart.lines = [];
}

/** Forgets every cart (tests). */
export function resetCarts(): void {
  carts.clear();
}
