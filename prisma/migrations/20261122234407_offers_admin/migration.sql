-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "position" INTEGER NOT NULL,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "body" TEXT NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "productRefs" TEXT NOT NULL DEFAULT '|',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "currency" TEXT,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "combinesWith" TEXT NOT NULL DEFAULT '{"productDiscounts":false,"orderDiscounts":true,"shippingDiscounts":true}',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bytes" INTEGER NOT NULL,
    "offerCount" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "discountId" TEXT
);

-- CreateTable
CREATE TABLE "OfferNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "offerKey" TEXT,
    "tone" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dismissedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProductSync" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "productId")
);

-- CreateIndex
CREATE INDEX "Offer_shop_position_idx" ON "Offer"("shop", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Offer_shop_key_key" ON "Offer"("shop", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_shop_version_key" ON "Publication"("shop", "version");

-- CreateIndex
CREATE INDEX "OfferNotice_shop_dismissedAt_idx" ON "OfferNotice"("shop", "dismissedAt");
