/**
 * Renders the theme app extension's own Liquid (extensions/storefront-offers) outside Shopify:
 * for the demo storefront and for tests. liquidjs does the Liquid; this module supplies what only
 * Shopify has: the filters the blocks use (`asset_url`, `t`, `json`, `money`, `stylesheet_tag`,
 * `script_tag`), the `{% schema %}` tag (its JSON configures the block, it renders nothing), block
 * settings with their schema defaults, and the extension's locales.
 */
import { Drop, Liquid, Tag, type Emitter, type TagToken, type TopLevelToken } from "liquidjs";
import { readFileSync } from "node:fs";
import path from "node:path";

export const EXTENSION_DIR = path.resolve(
  import.meta.dirname,
  "../../extensions/storefront-offers",
);

export type BlockName = "product-offers" | "cart-offers" | "ladder-embed";

export interface SchemaSetting {
  type: string;
  id: string;
  default?: unknown;
}

export interface BlockSchema {
  name: string;
  target: string;
  stylesheet?: string;
  javascript?: string;
  settings?: SchemaSetting[];
}

/** Shopify's global objects, shaped as Liquid sees them (amounts in hundredths). */
export interface StorefrontObjects {
  app: { metafields: Record<string, Record<string, { value: unknown } | undefined>> };
  cart: Record<string, unknown>;
  customer?: Record<string, unknown> | null;
  product?: Record<string, unknown> | null;
  shop?: { money_format?: string; currency?: string } & Record<string, unknown>;
  localization?: { country?: { iso_code: string } } & Record<string, unknown>;
  routes?: { root_url: string } & Record<string, unknown>;
  [name: string]: unknown;
}

export interface RenderOptions {
  /** Locale of the translations: "en" (default), "fr", "es". */
  locale?: string;
  /** URL of an extension asset; Shopify's CDN in production. */
  assetUrl?: (name: string) => string;
  /** The merchant's block settings; unset ones take the schema's defaults. */
  settings?: Record<string, unknown>;
}

export interface RenderedBlock {
  html: string;
  schema: BlockSchema;
}

type Translations = Record<string, unknown>;

const SCHEMA = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/;

/** A block's file: Liquid plus its schema. */
export function blockSource(name: BlockName): string {
  return readFileSync(path.join(EXTENSION_DIR, "blocks", `${name}.liquid`), "utf8");
}

export function blockSchema(name: BlockName): BlockSchema {
  const match = SCHEMA.exec(blockSource(name));
  if (!match?.[1]) throw new Error(`blocks/${name}.liquid has no schema`);
  return JSON.parse(match[1]) as BlockSchema;
}

const locales = new Map<string, Translations>();

/** The extension's storefront translations for a locale, English when there is no such file. */
export function readLocale(locale = "en"): Translations {
  const known = locales.get(locale);
  if (known) return known;
  const file = locale === "en" ? "en.default.json" : `${locale}.json`;
  let value: Translations;
  try {
    value = JSON.parse(
      readFileSync(path.join(EXTENSION_DIR, "locales", file), "utf8"),
    ) as Translations;
  } catch {
    value = locale === "en" ? {} : readLocale("en");
  }
  locales.set(locale, value);
  return value;
}

function lookup(translations: Translations, key: string): string | undefined {
  let node: unknown = translations;
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * Shopify's `json` filter: nil is `null`, and `<`, `>` and `&` are escaped so that the output
 * is safe inside a `<script>` element whatever texts the config holds.
 */
export function shopifyJson(value: unknown): string {
  // liquidjs's literals (`nil`, `empty`, `blank`) are drops; their value is what Shopify prints.
  const plain: unknown = value instanceof Drop ? value.valueOf() : value;
  return (JSON.stringify(plain) ?? "null").replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `{{ cents | money }}` with the shop's `money_format` ("${{amount}}"). */
export function shopifyMoney(cents: unknown, format = "${{amount}}"): string {
  const value = Number(cents ?? 0) / 100;
  return format.replace(/\{\{\s*(\w+)\s*\}\}/, (_, name: string) => {
    const decimals = name.includes("no_decimals") ? 0 : 2;
    const [whole = "0", fraction] = value.toFixed(decimals).split(".");
    const comma = name.includes("comma_separator");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, comma ? "." : ",");
    return fraction ? `${grouped}${comma ? "," : "."}${fraction}` : grouped;
  });
}

/** Keyword arguments as liquidjs hands them to filters: `[name, value]` pairs. */
function keywords(args: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of args)
    if (Array.isArray(arg) && typeof arg[0] === "string") out[arg[0]] = arg[1];
  return out;
}

/** A Liquid engine that knows the extension's snippets and Shopify's filters and tags. */
export function createLiquid(options: RenderOptions = {}, moneyFormat?: string): Liquid {
  const liquid = new Liquid({
    root: [path.join(EXTENSION_DIR, "blocks")],
    partials: [path.join(EXTENSION_DIR, "snippets")],
    extname: ".liquid",
    cache: true,
    ownPropertyOnly: true,
  });
  const translations = readLocale(options.locale);
  const english = readLocale("en");
  const assetUrl = options.assetUrl ?? ((name: string) => `/assets/${name}`);

  liquid.registerFilter("asset_url", (name: unknown) => assetUrl(String(name)));
  liquid.registerFilter("json", shopifyJson);
  liquid.registerFilter("money", (cents: unknown) => shopifyMoney(cents, moneyFormat));
  liquid.registerFilter("t", (key: unknown, ...args: unknown[]) => {
    const text = lookup(translations, String(key)) ?? lookup(english, String(key));
    if (text === undefined) return `translation missing: ${String(key)}`;
    const values = keywords(args);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  });
  liquid.registerFilter(
    "stylesheet_tag",
    (url: unknown) => `<link href="${String(url)}" rel="stylesheet" type="text/css" media="all">`,
  );
  liquid.registerFilter("script_tag", (url: unknown) => `<script src="${String(url)}"></script>`);
  liquid.registerTag(
    "schema",
    class extends Tag {
      constructor(token: TagToken, remaining: TopLevelToken[], engine: Liquid) {
        super(token, remaining, engine);
        // The schema's JSON is configuration, never output: skip to its end tag.
        while (remaining.length > 0) {
          const next = remaining.shift();
          if (next && "name" in next && next.name === "endschema") return;
        }
        throw new Error("{% schema %} without {% endschema %}");
      }
      render(_context: unknown, _emitter: Emitter): void {}
    },
  );
  return liquid;
}

/** Block settings: the schema's defaults, then what the merchant set. */
export function blockSettings(
  schema: BlockSchema,
  settings: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) out[setting.id] = setting.default ?? null;
  return { ...out, ...settings };
}

/**
 * Renders one of the extension's blocks from its own file. `objects` are Shopify's globals
 * (also visible inside the snippets the block renders, as on Shopify).
 */
export async function renderBlock(
  name: BlockName,
  objects: StorefrontObjects,
  options: RenderOptions = {},
): Promise<RenderedBlock> {
  const schema = blockSchema(name);
  const liquid = createLiquid(options, objects.shop?.money_format);
  const scope = {
    ...objects,
    customer: objects.customer ?? null,
    block: { id: name, settings: blockSettings(schema, options.settings) },
  };
  const html = (await liquid.renderFile(name, scope, { globals: scope })) as string;
  return { html, schema };
}

/**
 * The stylesheets and scripts Shopify adds to the page for the blocks rendered on it (each file
 * once, scripts deferred), as the schema's `stylesheet` and `javascript` name them.
 */
export function blockAssetTags(
  schemas: readonly BlockSchema[],
  assetUrl: (name: string) => string = (name) => `/assets/${name}`,
): string {
  const styles = new Set(schemas.flatMap((s) => (s.stylesheet ? [s.stylesheet] : [])));
  const scripts = new Set(schemas.flatMap((s) => (s.javascript ? [s.javascript] : [])));
  return [
    ...[...styles].map((file) => `<link rel="stylesheet" href="${assetUrl(file)}">`),
    ...[...scripts].map((file) => `<script src="${assetUrl(file)}" defer></script>`),
  ].join("\n");
}
