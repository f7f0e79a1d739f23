import prisma from "../db.server";

export interface Notice {
  id: string;
  offerKey: string | null;
  tone: "warning" | "info" | "critical";
  message: string;
  createdAt: string;
}

const TONES = new Set(["warning", "info", "critical"]);

/** Tells the merchant something happened to their offers (shown on the offers page). */
export async function addNotice(
  shop: string,
  notice: { offerKey?: string | null; tone: Notice["tone"]; message: string },
): Promise<void> {
  await prisma.offerNotice.create({
    data: { shop, offerKey: notice.offerKey ?? null, tone: notice.tone, message: notice.message },
  });
}

export async function openNotices(shop: string): Promise<Notice[]> {
  const rows = await prisma.offerNotice.findMany({
    where: { shop, dismissedAt: null },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return rows.map((row) => ({
    id: row.id,
    offerKey: row.offerKey,
    tone: TONES.has(row.tone) ? (row.tone as Notice["tone"]) : "info",
    message: row.message,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Dismisses one of the shop's notices; false when the shop has no such notice. */
export async function dismissNotice(shop: string, id: string): Promise<boolean> {
  const { count } = await prisma.offerNotice.updateMany({
    where: { shop, id, dismissedAt: null },
    data: { dismissedAt: new Date() },
  });
  return count > 0;
}
