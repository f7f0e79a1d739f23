/**
 * A shop's offers: stored one row per offer, with the offer itself as config v1 JSON, validated
 * with the same validator the ladder CLI uses (app/config). Every query is scoped by shop.
 *
 * Drafts may be incomplete (a template waiting for the merchant's products, an offer whose product
 * was deleted): a draft is stored as long as it has a title and an id, and its remaining problems
 * are reported. Only complete offers can be active, so the published config is always valid.
 */
import type { Prisma } from "@prisma/client";
import type { Problem } from "../config";
import prisma from "../db.server";
import { countInChunks, findInChunks } from "./in-chunks.server";
import {
  minorDigits,
  type Offer,
  type OfferConfig,
  type OfferKind,
  type OfferStatus,
} from "../engine";
import { freshId, isReadableId, slugify } from "../offers/ids";
import { isOfferKind } from "../offers/form";
import type { AdminApi } from "../shopify/admin.server";
import { admissibility, checkOffer, offerRowData, record } from "./offer-body.server";
import { resolveOfferedItems } from "./offer-catalog.server";
import { getShopSetup, shopCurrency } from "./shop-settings.server";

type Db = Prisma.TransactionClient | typeof prisma;

export class OfferValidationError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`Invalid offer: ${problems.map((p) => `${p.path || "offer"}: ${p.message}`).join("; ")}`);
    this.name = "OfferValidationError";
  }
}

export interface OfferSummary {
  key: string;
  kind: OfferKind;
  status: OfferStatus;
  title: string;
  priority: number;
  position: number;
  startsAt: string | null;
  endsAt: string | null;
  complete: boolean;
  updatedAt: string;
}

export interface StoredOffer extends OfferSummary {
  /** The offer as config v1 JSON; when `complete` is false it still has problems. */
  body: Record<string, unknown>;
  /** What keeps an incomplete draft from being activated (paths relative to the offer). */
  problems: Problem[];
}

type OfferRow = Prisma.OfferGetPayload<object>;

function summaryOf(row: OfferRow): OfferSummary {
  return {
    key: row.key,
    kind: isOfferKind(row.kind) ? row.kind : "cross-sell",
    status: row.status === "active" ? "active" : "draft",
    title: row.title,
    priority: row.priority,
    position: row.position,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    complete: row.complete,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function bodyOf(row: OfferRow): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(row.body);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Stored bodies are always JSON objects; a damaged one reads as empty and fails validation.
  }
  return {};
}

async function takenKeys(db: Db, shop: string): Promise<Set<string>> {
  const rows = await db.offer.findMany({ where: { shop }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

async function nextPosition(db: Db, shop: string): Promise<number> {
  const last = await db.offer.findFirst({
    where: { shop },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return (last?.position ?? -1) + 1;
}

/**
 * Stores a new offer (the contract other features use, e.g. "create a draft from a suggestion").
 * Validates with the config schema; a draft may be incomplete, an active offer may not. When the
 * offer's id is taken (or not a readable id) a fresh one is derived from it.
 */
export async function createOffer(shop: string, offer: Offer): Promise<{ id: string }> {
  const { currency } = await getShopSetup(shop);
  const body = { ...offer } as Record<string, unknown>;
  return prisma.$transaction(async (tx) => {
    const taken = await takenKeys(tx, shop);
    const wanted = typeof offer.id === "string" ? offer.id.trim() : "";
    const base = isReadableId(wanted) ? wanted : slugify(wanted) || slugify(offer.title ?? "");
    const key = freshId(base || slugify(String(offer.kind)), taken);
    body.id = key;
    const check = admissibility(body, currency);
    if (!check.storable) throw new OfferValidationError(check.problems);
    await tx.offer.create({
      data: {
        shop,
        key,
        position: await nextPosition(tx, shop),
        ...offerRowData(check.value ? { ...check.value } : body, check.complete),
      },
    });
    return { id: key };
  });
}

export interface OfferFilters {
  kinds?: OfferKind[];
  statuses?: OfferStatus[];
}

export async function listOffers(
  shop: string,
  filters: OfferFilters = {},
): Promise<OfferSummary[]> {
  const rows = await prisma.offer.findMany({
    where: {
      shop,
      ...(filters.kinds?.length ? { kind: { in: filters.kinds } } : {}),
      ...(filters.statuses?.length ? { status: { in: filters.statuses } } : {}),
    },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(summaryOf);
}

export async function countOffers(shop: string): Promise<number> {
  return prisma.offer.count({ where: { shop } });
}

/** One offer of the shop by its id; null when the shop has no such offer. */
export async function getOffer(shop: string, key: string): Promise<StoredOffer | null> {
  const row = await prisma.offer.findUnique({ where: { shop_key: { shop, key } } });
  if (!row) return null;
  const body = bodyOf(row);
  const { currency } = await getShopSetup(shop);
  const checked = row.complete ? null : checkOffer(body, currency);
  return {
    ...summaryOf(row),
    body,
    problems: checked && !checked.ok ? checked.problems : [],
  };
}

export type SaveOfferResult =
  | { ok: true; key: string; created: boolean; complete: boolean; problems: Problem[] }
  | { ok: false; problems: Problem[] }
  | { ok: false; notFound: true };

/**
 * Saves what the editor sent. Offered items are re-read from Shopify by variant id, so titles,
 * prices and product ids always come from the Admin API, whatever the browser sent.
 *
 * `key` null creates an offer: its id is the one typed (when free and readable) or one derived
 * from the title. An existing offer keeps its id (exports, attribution and the CLI refer to it).
 */
export async function saveOffer(
  shop: string,
  admin: AdminApi,
  key: string | null,
  input: unknown,
): Promise<SaveOfferResult> {
  const body = { ...record(input) };
  if (Object.keys(body).length === 0) {
    return { ok: false, problems: [{ path: "", message: "must be an offer (a JSON object)" }] };
  }
  const currency = await shopCurrency(shop, admin);

  if (key !== null) {
    const existing = await prisma.offer.findUnique({
      where: { shop_key: { shop, key } },
      select: { kind: true },
    });
    if (!existing) return { ok: false, notFound: true };
    // An offer keeps its id and its kind; the editor changes everything else.
    body.id = key;
    body.kind = existing.kind;
    const extra = await resolveOfferedItems(admin, body, minorDigits(currency));
    const check = admissibility(body, currency, extra);
    if (!check.storable) return { ok: false, problems: check.problems };
    await prisma.offer.updateMany({
      where: { shop, key },
      data: offerRowData(check.value ? { ...check.value } : body, check.complete),
    });
    return { ok: true, key, created: false, complete: check.complete, problems: check.problems };
  }

  const extra = await resolveOfferedItems(admin, body, minorDigits(currency));
  return prisma.$transaction(async (tx) => {
    const taken = await takenKeys(tx, shop);
    const typed = typeof body.id === "string" ? body.id.trim() : "";
    const idProblems: Problem[] = [];
    if (typed) {
      if (!isReadableId(typed)) {
        idProblems.push({
          path: "id",
          message: "use lower-case letters, digits and hyphens (at most 40), like premium-wash",
        });
      } else if (taken.has(typed)) {
        idProblems.push({ path: "id", message: `"${typed}" is already the id of another offer` });
      }
    }
    const newKey =
      typed || freshId(slugify(String(body.title ?? "")) || slugify(String(body.kind)), taken);
    body.id = newKey;
    const check = admissibility(body, currency, [...idProblems, ...extra]);
    if (!check.storable) return { ok: false as const, problems: check.problems };
    await tx.offer.create({
      data: {
        shop,
        key: newKey,
        position: await nextPosition(tx, shop),
        ...offerRowData(check.value ? { ...check.value } : body, check.complete),
      },
    });
    return {
      ok: true as const,
      key: newKey,
      created: true,
      complete: check.complete,
      problems: check.problems,
    };
  });
}

export interface StatusChange {
  changed: string[];
  /** Offers that can't be activated yet, with what they still need. */
  refused: { key: string; title: string; kind: OfferKind; problems: Problem[] }[];
}

/** Activates or drafts offers of the shop; incomplete drafts are refused activation. */
export async function setOffersStatus(
  shop: string,
  keys: readonly string[],
  status: OfferStatus,
): Promise<StatusChange> {
  const { currency } = await getShopSetup(shop);
  return prisma.$transaction(async (tx) => {
    const rows = await findInChunks(keys, (chunk) =>
      tx.offer.findMany({ where: { shop, key: { in: chunk } } }),
    );
    const result: StatusChange = { changed: [], refused: [] };
    for (const row of rows) {
      if (row.status === status) continue;
      const body = { ...bodyOf(row), status };
      const check = admissibility(body, currency);
      if (!check.storable) {
        result.refused.push({
          key: row.key,
          title: row.title,
          kind: row.kind as OfferKind,
          problems: check.problems,
        });
        continue;
      }
      await tx.offer.updateMany({
        where: { shop, key: row.key },
        data: offerRowData(check.value ? { ...check.value } : body, check.complete),
      });
      result.changed.push(row.key);
    }
    return result;
  });
}

export async function deleteOffers(shop: string, keys: readonly string[]): Promise<number> {
  return countInChunks(keys, (chunk) =>
    prisma.offer.deleteMany({ where: { shop, key: { in: chunk } } }),
  );
}

export interface ShopConfig {
  config: OfferConfig;
  /** Drafts left out because they are incomplete. */
  incomplete: { key: string; title: string }[];
}

/**
 * The shop's offer config v1: settings and every complete offer in config order. Incomplete
 * drafts are left out (they would make the config invalid) and listed.
 */
export async function shopConfig(shop: string, db: Db = prisma): Promise<ShopConfig> {
  const [setup, rows] = await Promise.all([
    getShopSetup(shop),
    db.offer.findMany({ where: { shop }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
  ]);
  const offers: Offer[] = [];
  const incomplete: ShopConfig["incomplete"] = [];
  for (const row of rows) {
    if (row.complete) offers.push(bodyOf(row) as unknown as Offer);
    else incomplete.push({ key: row.key, title: row.title });
  }
  const settings = Object.keys(setup.settings).length > 0 ? { settings: setup.settings } : {};
  return { config: { version: 1, currency: setup.currency, ...settings, offers }, incomplete };
}

/** The shop's OfferConfig v1 (settings + complete offers in a stable order). */
export async function configForShop(shop: string): Promise<OfferConfig> {
  return (await shopConfig(shop)).config;
}

/**
 * Forgets everything the offer admin stores for a shop (shop/redact, 48 hours after uninstall):
 * offers, settings, publications, notices and product sync marks.
 */
export async function deleteOfferDataForShop(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.offer.deleteMany({ where: { shop } }),
    prisma.shopSettings.deleteMany({ where: { shop } }),
    prisma.publication.deleteMany({ where: { shop } }),
    prisma.offerNotice.deleteMany({ where: { shop } }),
    prisma.productSync.deleteMany({ where: { shop } }),
  ]);
}
