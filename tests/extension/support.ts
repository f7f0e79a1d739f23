/// <reference types="@shopify/ui-extensions/purchase.checkout.block.render" />
import type {
  AppMetafieldEntry,
  Attribute,
  CartLine,
  I18n,
  ImageDetails,
} from "@shopify/ui-extensions/checkout";
import { getExtension } from "@shopify/ui-extensions-tester";
import { createCartLine } from "@shopify/ui-extensions-tester/checkout";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { compile, holdoutBucket, type OfferConfig } from "../../app/engine";
import example from "../fixtures/config.example.json";

/** Builders for the extension suites: a checkout as Shopify's harness models it. */

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../../extensions/checkout-offers");
export const LOCALES_DIR = path.join(EXTENSION_DIR, "locales");

/** The agencies' example config (every offer kind), as validated JSON. */
export const EXAMPLE = example as OfferConfig;

/** What publishing writes to the shop metafield: the active offers, compiled. */
export function published(config: OfferConfig = EXAMPLE): string {
  return JSON.stringify(compile(config, { activeOnly: true }));
}

export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

export function shopEntry(value: string): AppMetafieldEntry {
  return {
    target: { type: "shop", id: gid("Shop", 1) },
    metafield: {
      namespace: "$app",
      key: "ladder_config",
      value,
      valueType: "json_string",
      type: "json",
    },
  };
}

export function customerEntry(customerId: string, value: string): AppMetafieldEntry {
  return {
    target: { type: "customer", id: customerId },
    metafield: {
      namespace: "$app",
      key: "ladder_state",
      value,
      valueType: "json_string",
      type: "json",
    },
  };
}

export function customerState(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 1,
    tags: [],
    ordersCount: 1,
    amountSpent: "120.00",
    lastAcceptedAt: null,
    ...extra,
  });
}

interface LineSpec {
  id?: string;
  variant: number | string;
  product: number | string;
  title: string;
  unitPrice: number;
  quantity?: number;
  currency?: "USD" | "EUR";
  attributes?: Attribute[];
  /** Amount of line-level discounts checkout already applied to the whole line. */
  discounted?: number;
  image?: ImageDetails;
}

let lineCounter = 0;

/** A cart line as checkout reports it: total after line-level discounts, allocations listed. */
export function cartLine(spec: LineSpec): CartLine {
  lineCounter += 1;
  const quantity = spec.quantity ?? 1;
  const currencyCode = spec.currency ?? "USD";
  const discounted = spec.discounted ?? 0;
  const base = createCartLine();
  return createCartLine({
    id: spec.id ?? gid("CartLine", lineCounter),
    quantity,
    merchandise: {
      ...base.merchandise,
      id: typeof spec.variant === "number" ? gid("ProductVariant", spec.variant) : spec.variant,
      title: spec.title,
      image: spec.image,
      product: {
        ...base.merchandise.product,
        id: typeof spec.product === "number" ? gid("Product", spec.product) : spec.product,
      },
    },
    cost: { totalAmount: { amount: spec.unitPrice * quantity - discounted, currencyCode } },
    discountAllocations:
      discounted > 0
        ? [
            {
              type: "automatic",
              title: "Ladder",
              discountedAmount: { amount: discounted, currencyCode },
            },
          ]
        : [],
    attributes: spec.attributes ?? [],
  });
}

/** The example config's car wash: triggers the premium upgrade and the waxing cross-sell. */
export const standardWash = (extra: Partial<LineSpec> = {}) =>
  cartLine({ variant: 2001, product: 1001, title: "Standard wash", unitPrice: 20, ...extra });

/** A checkout token in the example config's holdout (10 %), and one in the treatment group. */
export function tokenIn(group: "holdout" | "treatment", holdoutPercent = 10): string {
  for (let i = 0; ; i += 1) {
    const token = `checkout-token-${i}`;
    if (holdoutBucket(token) < holdoutPercent === (group === "holdout")) return token;
  }
}

type Messages = { [key: string]: string | Messages };

export function readLocale(name: string): Messages {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, `${name}.json`), "utf8")) as Messages;
}

/**
 * Shopify's translate, for tests: resolves a key in a locale file, picks the plural form for
 * `count`, and fills `{{placeholders}}`. A missing key throws, so no string can go missing.
 */
export function translateWith(messages: Messages, locale: string) {
  const plural = new Intl.PluralRules(locale);
  return (key: string, values: Record<string, string | number> = {}): string => {
    let node: string | Messages | undefined = messages;
    for (const part of key.split(".")) {
      node = typeof node === "object" ? node[part] : undefined;
    }
    if (typeof node === "object" && typeof values.count === "number") {
      node = node[plural.select(values.count)] ?? node.other;
    }
    if (typeof node !== "string") throw new Error(`missing translation: ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${key}: no value for {{${name}}}`);
      return String(value);
    });
  };
}

/** Currency in the buyer's locale, as the host's `formatCurrency` does. */
export function formatCurrencyIn(locale: string) {
  return (amount: number | bigint, options: Intl.NumberFormatOptions = {}) =>
    new Intl.NumberFormat(locale, { style: "currency", currency: "USD", ...options }).format(
      amount,
    );
}

export function texts(selector: string): string[] {
  return [...document.body.querySelectorAll(selector)].map((el) => el.textContent ?? "");
}

/** Shopify's harness for one target, set up before each test with a treatment buyer in English. */
export function harness<
  T extends
    | "purchase.checkout.block.render"
    | "purchase.checkout.cart-line-list.render-after"
    | "purchase.thank-you.block.render",
>(target: T) {
  const extension = getExtension(target, { configSearchDir: EXTENSION_DIR });
  beforeEach(() => {
    extension.setUp();
    // What the three targets share (TypeScript cannot see it through the generic target).
    const shopify = extension.shopify as unknown as {
      i18n: {
        translate: ReturnType<typeof translateWith>;
        formatCurrency: I18n["formatCurrency"];
        formatNumber: I18n["formatNumber"];
      };
      checkoutToken: { value: string | undefined };
      appMetafields: { value: AppMetafieldEntry[] };
    };
    shopify.i18n.translate = translateWith(readLocale("en.default"), "en");
    shopify.i18n.formatCurrency = formatCurrencyIn("en-US");
    shopify.i18n.formatNumber = (n, options) => new Intl.NumberFormat("en-US", options).format(n);
    shopify.checkoutToken.value = tokenIn("treatment");
    shopify.appMetafields.value = [shopEntry(published())];
  });
  afterEach(() => extension.tearDown());
  return extension;
}

/** Gives the buyer an identity: the harness only models what every target has. */
export function signIn(shopify: object, customer: { id: string; firstName?: string }) {
  Object.defineProperty(shopify, "buyerIdentity", {
    configurable: true,
    value: { customer: { value: customer } },
  });
}
