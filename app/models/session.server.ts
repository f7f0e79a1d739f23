import prisma from "../db.server";

/** Forgets a shop: every session (offline and online) of it. Idempotent, as webhooks repeat. */
export async function deleteSessionsForShop(shop: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { shop } });
  return count;
}

/** Records the scopes a merchant granted after a change (app/scopes_update webhook). */
export async function updateSessionScope(sessionId: string, scopes: string[]): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId }, data: { scope: scopes.join(",") } });
}
