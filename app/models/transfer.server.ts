/**
 * Agency import/export: a shop's offers and settings as one offer config v1 JSON file (the
 * ladder CLI's format), and imports of such files with a diff preview and an explicit apply.
 */
import type { Prisma } from "@prisma/client";
import { validateConfig } from "../config";
import prisma from "../db.server";
import { minorDigits, type Offer, type OfferConfig } from "../engine";
import {
  canonical,
  offerChanges,
  settingsChanges,
  valueText,
  type FieldChange,
} from "../offers/change-text";
import { labelConfigProblems, offerFieldLabel, type LabelledProblem } from "../offers/labels";
import { findOverlaps, type Overlap } from "../offers/overlaps";
import type { AdminApi } from "../shopify/admin.server";
import { lookupCatalog } from "../shopify/catalog.server";
import { offerRowData } from "./offer-body.server";
import { resolveCatalogFacts, type CatalogCorrection } from "./offer-catalog.server";
import { shopConfig } from "./offers.server";
import { shopCurrency } from "./shop-settings.server";

export interface ExportFile {
  filename: string;
  json: string;
  /** Incomplete drafts are left out of the file (it would not be a valid config with them). */
  leftOut: { key: string; title: string }[];
}

export async function exportConfig(shop: string, now = new Date()): Promise<ExportFile> {
  const { config, incomplete } = await shopConfig(shop);
  const store = shop.replace(/\.myshopify\.com$/, "").replace(/[^a-z0-9-]/gi, "-");
  return {
    filename: `ladder-${store}-${now.toISOString().slice(0, 10)}.json`,
    json: `${JSON.stringify(config, null, 2)}\n`,
    leftOut: incomplete,
  };
}

export interface OfferChange {
  id: string;
  title: string;
  kind: string;
  /** Top-level fields that differ (changed offers only). */
  fields?: string[];
  /** The same fields by label, old → new (changed offers only). */
  changes?: FieldChange[];
}

/** A catalog fact the file got wrong; the import stores Shopify's instead. */
export interface CorrectedFact {
  id: string;
  title: string;
  /** "Offered product title", "Upgrade to price"... */
  label: string;
  file: string;
  shopify: string;
}

export interface ImportDiff {
  added: OfferChange[];
  changed: OfferChange[];
  removed: OfferChange[];
  /** Incomplete drafts: no file can hold them, so an import keeps them as they are. */
  keptDrafts: OfferChange[];
  unchanged: number;
  settingsChanged: boolean;
  /** Which settings change, old → new. */
  settings: FieldChange[];
  /** Active offers of the file that overlap (buyers get one of each pair). */
  overlaps: Overlap[];
  /** Titles, prices and products in the file that differ from Shopify's (Shopify's are kept). */
  corrected: CorrectedFact[];
  /** The file orders offers differently (order breaks ties between equal priorities). */
  reordered: boolean;
}

export type ImportPreview =
  { ok: true; diff: ImportDiff; offerCount: number } | { ok: false; problems: LabelledProblem[] };

type Checked =
  | {
      ok: true;
      value: OfferConfig;
      currency: string;
      corrected: CorrectedFact[];
      names: Map<string, string>;
    }
  | { ok: false; problems: LabelledProblem[] };

function parse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `is not JSON (${detail})` };
  }
}

/** The ids an offer's trigger names (products, variants, collections), to show their names. */
function triggerIds(offer: Offer): string[] {
  if (!("trigger" in offer)) return [];
  const t = offer.trigger;
  return [...(t.productIds ?? []), ...(t.variantIds ?? []), ...(t.collectionIds ?? [])];
}

/**
 * Validates a file for this shop: the CLI's validation, the shop's own currency, and every
 * offered item re-read from Shopify by variant id (the file's titles, prices and product ids are
 * replaced by Shopify's, as the editor does on save; a variant Shopify doesn't have refuses the
 * file). Problems name the offer and the field as the admin shows them.
 */
async function checkFile(admin: AdminApi, shop: string, text: string): Promise<Checked> {
  const currency = await shopCurrency(shop, admin);
  const parsed = parse(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ path: "file", message: parsed.message, label: "File" }] };
  }
  const checked = validateConfig(parsed.value);
  if (!checked.ok)
    return { ok: false, problems: labelConfigProblems(checked.problems, parsed.value) };
  const config = checked.value;
  if (config.currency !== currency) {
    return {
      ok: false,
      problems: [
        {
          path: "currency",
          label: "Currency",
          message: `is ${config.currency}, but this shop sells in ${currency}; prices would be wrong`,
        },
      ],
    };
  }
  const digits = minorDigits(currency);
  const bodies = config.offers.map((o) => o as unknown as Record<string, unknown>);
  const found: CatalogCorrection[][] = [];
  const missing = await resolveCatalogFacts(admin, bodies, digits, found);
  const problems = missing.flatMap((list, i) =>
    list.map((p) => ({ path: `offers[${i}].${p.path}`, message: p.message })),
  );
  if (problems.length > 0) {
    return { ok: false, problems: labelConfigProblems(problems, parsed.value) };
  }
  const corrected = found.flatMap((list, i) => {
    const offer = config.offers[i];
    if (!offer) return [];
    return list
      .filter((c) => c.field !== "productId")
      .map((c) => ({
        id: offer.id,
        title: offer.title,
        label: `${offerFieldLabel(c.path, offer.kind)} ${c.field}`,
        file: c.field === "price" ? valueText("threshold", c.was, currency, new Map()) : c.was,
        shopify: c.field === "price" ? valueText("threshold", c.now, currency, new Map()) : c.now,
      }));
  });
  const ids = config.offers.flatMap(triggerIds);
  const names = ids.length > 0 ? (await lookupCatalog(admin, ids, digits)).names : new Map();
  return { ok: true, value: config, currency, corrected, names };
}

function diffAgainst(
  current: { key: string; title: string; kind: string; body: string; complete: boolean }[],
  currentSettings: unknown,
  incoming: OfferConfig,
  context: { currency: string; corrected: CorrectedFact[]; names: Map<string, string> },
): ImportDiff {
  const byKey = new Map(current.map((row) => [row.key, row]));
  const incomingIds = new Set(incoming.offers.map((o) => o.id));
  const diff: ImportDiff = {
    added: [],
    changed: [],
    removed: [],
    keptDrafts: [],
    unchanged: 0,
    settingsChanged: canonical(incoming.settings ?? {}) !== canonical(currentSettings ?? {}),
    settings: settingsChanges(currentSettings ?? {}, incoming.settings ?? {}, context.currency),
    corrected: context.corrected,
    overlaps: findOverlaps(incoming),
    reordered: false,
  };
  for (const offer of incoming.offers) {
    const existing = byKey.get(offer.id);
    const change = { id: offer.id, title: offer.title, kind: offer.kind };
    if (!existing) {
      diff.added.push(change);
      continue;
    }
    const before = JSON.parse(existing.body) as Record<string, unknown>;
    const after = offer as unknown as Record<string, unknown>;
    const changes = offerChanges(before, after, context.currency, context.names);
    const fields = changes.map((c) => c.field);
    if (fields.length > 0) diff.changed.push({ ...change, fields, changes });
    else diff.unchanged++;
  }
  for (const row of current) {
    if (incomingIds.has(row.key)) continue;
    const change = { id: row.key, title: row.title, kind: row.kind };
    if (row.complete) diff.removed.push(change);
    else diff.keptDrafts.push(change);
  }
  const kept = current.map((r) => r.key).filter((k) => incomingIds.has(k));
  const incomingKept = incoming.offers.map((o) => o.id).filter((id) => byKey.has(id));
  diff.reordered = kept.join("\n") !== incomingKept.join("\n");
  return diff;
}

async function currentState(db: Prisma.TransactionClient | typeof prisma, shop: string) {
  const [rows, settings] = await Promise.all([
    db.offer.findMany({
      where: { shop },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { key: true, title: true, kind: true, body: true, complete: true },
    }),
    db.shopSettings.findUnique({ where: { shop }, select: { settings: true } }),
  ]);
  return { rows, settings: settings ? (JSON.parse(settings.settings) as unknown) : {} };
}

/** What importing the file would change; nothing is written. */
export async function previewImport(
  shop: string,
  admin: AdminApi,
  text: string,
): Promise<ImportPreview> {
  const checked = await checkFile(admin, shop, text);
  if (!checked.ok) return checked;
  const { rows, settings } = await currentState(prisma, shop);
  return {
    ok: true,
    diff: diffAgainst(rows, settings, checked.value, checked),
    offerCount: checked.value.offers.length,
  };
}

/**
 * Makes the shop's offers and settings those of the file, in one transaction: offers in the file
 * are created or replaced (keeping their ids), offers not in it are removed, settings replaced.
 * Incomplete drafts not in the file are kept: no file can hold them (an export leaves them out),
 * so importing an export changes nothing. An invalid file changes nothing.
 */
export async function applyImport(
  shop: string,
  admin: AdminApi,
  text: string,
): Promise<ImportPreview> {
  const checked = await checkFile(admin, shop, text);
  if (!checked.ok) return checked;
  const { value: config, currency } = checked;
  return prisma.$transaction(async (tx) => {
    const { rows, settings } = await currentState(tx, shop);
    const diff = diffAgainst(rows, settings, config, checked);
    const ids = config.offers.map((o) => o.id);
    await tx.offer.deleteMany({ where: { shop, complete: true, key: { notIn: ids } } });
    // Kept incomplete drafts follow the imported offers, in their old order.
    for (const [i, draft] of diff.keptDrafts.entries()) {
      await tx.offer.updateMany({
        where: { shop, key: draft.id },
        data: { position: config.offers.length + i },
      });
    }
    for (const [position, offer] of config.offers.entries()) {
      const data = importedRow(offer, position);
      await tx.offer.upsert({
        where: { shop_key: { shop, key: offer.id } },
        create: { shop, key: offer.id, ...data },
        update: data,
      });
    }
    const settingsJson = JSON.stringify(config.settings ?? {});
    await tx.shopSettings.upsert({
      where: { shop },
      create: { shop, currency, settings: settingsJson },
      update: { settings: settingsJson },
    });
    return { ok: true as const, diff, offerCount: config.offers.length };
  });
}

function importedRow(offer: Offer, position: number) {
  return { ...offerRowData(offer as unknown as Record<string, unknown>, true), position };
}
