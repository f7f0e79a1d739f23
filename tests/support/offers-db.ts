import prisma from "../../app/db.server";

/** Empties the offer admin's tables and the remembered discount (each test file has its own
 * database; its tests share it). */
export async function clearOfferTables(): Promise<void> {
  await prisma.$transaction([
    prisma.offer.deleteMany(),
    prisma.shopSettings.deleteMany(),
    prisma.publication.deleteMany(),
    prisma.offerNotice.deleteMany(),
    prisma.productSync.deleteMany(),
    prisma.offerDiscount.deleteMany(),
  ]);
}
