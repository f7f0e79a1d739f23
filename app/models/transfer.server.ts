/**
 * Agency import/export: a shop's offers and settings as one offer config v1 JSON file (the
 * ladder CLI's format), and imports of such files with a diff preview and an explicit apply.
 */
import type { Prisma } from "@prisma/client";
import { validateConfig, type Problem } from "../config";
import prisma from "../db.server";
import type { Offer, OfferConfig } from "../engine";
import type { AdminApi } from "../shopify/admin.server";
import { offerRowData, shopConfig } from "./offers.server";
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
}

export interface ImportDiff {
  added: OfferChange[];
  changed: OfferChange[];
  removed: OfferChange[];
  /** Incomplete drafts: no file can hold them, so an import keeps them as they are. */
  keptDrafts: OfferChange[];
  unchanged: number;
  settingsChanged: boolean;
  /** The file orders offers differently (order breaks ties between equal priorities). */
  reordered: boolean;
}

export type ImportPreview =
  { ok: true; diff: ImportDiff; offerCount: number } | { ok: false; problems: Problem[] };

/** Stable JSON (sorted keys) so field order in a file never reads as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function parse(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: "file", message: `is not JSON (${detail})` }] };
  }
}

/** Validates a file for this shop: the CLI's validation, plus the shop's own currency. */
function validateFor(
  text: string,
  currency: string,
): { ok: true; value: OfferConfig } | { ok: false; problems: Problem[] } {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const checked = validateConfig(parsed.value);
  if (!checked.ok) return checked;
  if (checked.value.currency !== currency) {
    return {
      ok: false,
      problems: [
        {
          path: "currency",
          message: `is ${checked.value.currency}, but this shop sells in ${currency}; prices would be wrong`,
        },
      ],
    };
  }
  return checked;
}

function diffAgainst(
  current: { key: string; title: string; kind: string; body: string; complete: boolean }[],
  currentSettings: unknown,
  incoming: OfferConfig,
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
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((field) => canonical(before[field]) !== canonical(after[field]))
      .sort();
    if (fields.length > 0) diff.changed.push({ ...change, fields });
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
  const currency = await shopCurrency(shop, admin);
  const checked = validateFor(text, currency);
  if (!checked.ok) return checked;
  const { rows, settings } = await currentState(prisma, shop);
  return {
    ok: true,
    diff: diffAgainst(rows, settings, checked.value),
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
  const currency = await shopCurrency(shop, admin);
  const checked = validateFor(text, currency);
  if (!checked.ok) return checked;
  const config = checked.value;
  return prisma.$transaction(async (tx) => {
    const { rows, settings } = await currentState(tx, shop);
    const diff = diffAgainst(rows, settings, config);
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
