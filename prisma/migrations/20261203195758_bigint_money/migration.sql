-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnalyticsOrder" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sourceUpdatedAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "lines" TEXT NOT NULL,
    "basket" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    "attributed" BIGINT NOT NULL,
    "accepted" TEXT NOT NULL,
    "shown" TEXT NOT NULL,
    "offerRevenue" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "orderId")
);
INSERT INTO "new_AnalyticsOrder" ("accepted", "attributed", "basket", "cancelled", "createdAt", "customerId", "day", "group", "lines", "name", "offerRevenue", "orderId", "shop", "shown", "sourceUpdatedAt", "value", "version") SELECT "accepted", "attributed", "basket", "cancelled", "createdAt", "customerId", "day", "group", "lines", "name", "offerRevenue", "orderId", "shop", "shown", "sourceUpdatedAt", "value", "version" FROM "AnalyticsOrder";
DROP TABLE "AnalyticsOrder";
ALTER TABLE "new_AnalyticsOrder" RENAME TO "AnalyticsOrder";
CREATE INDEX "AnalyticsOrder_shop_createdAt_idx" ON "AnalyticsOrder"("shop", "createdAt");
CREATE INDEX "AnalyticsOrder_shop_customerId_idx" ON "AnalyticsOrder"("shop", "customerId");
CREATE TABLE "new_AnalyticsCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "firstOrderAt" DATETIME NOT NULL,
    "cohortMonth" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);
INSERT INTO "new_AnalyticsCustomer" ("cohortMonth", "customerId", "firstOrderAt", "group", "orders", "revenue", "shop") SELECT "cohortMonth", "customerId", "firstOrderAt", "group", "orders", "revenue", "shop" FROM "AnalyticsCustomer";
DROP TABLE "AnalyticsCustomer";
ALTER TABLE "new_AnalyticsCustomer" RENAME TO "AnalyticsCustomer";
CREATE TABLE "new_AnalyticsProduct" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "variantTitle" TEXT,
    "unitPrice" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "productId")
);
INSERT INTO "new_AnalyticsProduct" ("productId", "shop", "title", "unitPrice", "variantId", "variantTitle") SELECT "productId", "shop", "title", "unitPrice", "variantId", "variantTitle" FROM "AnalyticsProduct";
DROP TABLE "AnalyticsProduct";
ALTER TABLE "new_AnalyticsProduct" RENAME TO "AnalyticsProduct";
CREATE TABLE "new_BackfillJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "since" DATETIME NOT NULL,
    "objectCount" BIGINT NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);
INSERT INTO "new_BackfillJob" ("bulkOperationId", "createdAt", "error", "finishedAt", "id", "objectCount", "ordersImported", "shop", "since", "status", "updatedAt") SELECT "bulkOperationId", "createdAt", "error", "finishedAt", "id", "objectCount", "ordersImported", "shop", "since", "status", "updatedAt" FROM "BackfillJob";
DROP TABLE "BackfillJob";
ALTER TABLE "new_BackfillJob" RENAME TO "BackfillJob";
CREATE INDEX "BackfillJob_shop_createdAt_idx" ON "BackfillJob"("shop", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
