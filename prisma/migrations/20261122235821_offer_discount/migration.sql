-- CreateTable
CREATE TABLE "OfferDiscount" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "discountId" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
