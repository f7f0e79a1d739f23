-- CreateTable
CREATE TABLE "OfferDiscount" (
    "shop" TEXT NOT NULL,
    "discountId" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfferDiscount_pkey" PRIMARY KEY ("shop")
);
