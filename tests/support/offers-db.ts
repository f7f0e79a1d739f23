import prisma from "../../app/db.server";

/** Empties the offer admin's tables (each test file has its own database; tests share it). */
export async function clearOfferTables(): Promise<void> {
  await prisma.$transaction([
    prisma.offer.deleteMany(),
    prisma.shopSettings.deleteMany(),
    prisma.publication.deleteMany(),
    prisma.offerNotice.deleteMany(),
    prisma.productSync.deleteMany(),
  ]);
}
