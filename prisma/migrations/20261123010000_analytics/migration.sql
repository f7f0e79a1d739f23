-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" TEXT,
    "customerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AnalyticsShop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "minSupport" REAL NOT NULL DEFAULT 0.005,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AnalyticsOrder" (
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
    "value" INTEGER NOT NULL,
    "attributed" INTEGER NOT NULL,
    "accepted" TEXT NOT NULL,
    "shown" TEXT NOT NULL,
    "offerRevenue" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "orderId")
);

-- CreateTable
CREATE TABLE "AnalyticsRefund" (
    "shop" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lines" TEXT NOT NULL,
    "customerId" TEXT,

    PRIMARY KEY ("shop", "refundId")
);

-- CreateTable
CREATE TABLE "DailyRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "valueSum" REAL NOT NULL DEFAULT 0,
    "valueSumSq" REAL NOT NULL DEFAULT 0,
    "valueSumCube" REAL NOT NULL DEFAULT 0,
    "valueSumQuad" REAL NOT NULL DEFAULT 0,
    "acceptedOrders" INTEGER NOT NULL DEFAULT 0,
    "attributed" REAL NOT NULL DEFAULT 0,
    "impressions" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day", "group", "offerId")
);

-- CreateTable
CREATE TABLE "AnalyticsCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "firstOrderAt" DATETIME NOT NULL,
    "cohortMonth" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateTable
CREATE TABLE "CohortRollup" (
    "shop" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenue" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "month", "group")
);

-- CreateTable
CREATE TABLE "AnalyticsProduct" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "variantTitle" TEXT,
    "unitPrice" INTEGER NOT NULL,

    PRIMARY KEY ("shop", "productId")
);

-- CreateTable
CREATE TABLE "ProductPair" (
    "shop" TEXT NOT NULL,
    "productA" TEXT NOT NULL,
    "productB" TEXT NOT NULL,
    "ordersWithA" INTEGER NOT NULL,
    "ordersWithB" INTEGER NOT NULL,
    "ordersWithBoth" INTEGER NOT NULL,
    "support" REAL NOT NULL,
    "confidence" REAL NOT NULL,
    "lift" REAL NOT NULL,

    PRIMARY KEY ("shop", "productA", "productB")
);

-- CreateTable
CREATE TABLE "PairMiningRun" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "orders" INTEGER NOT NULL,
    "minSupport" REAL NOT NULL,
    "pairs" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BackfillJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "since" DATETIME NOT NULL,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "WebhookEvent_status_nextAttemptAt_idx" ON "WebhookEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_shop_eventId_key" ON "WebhookEvent"("shop", "eventId");

-- CreateIndex
CREATE INDEX "AnalyticsOrder_shop_createdAt_idx" ON "AnalyticsOrder"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "AnalyticsOrder_shop_customerId_idx" ON "AnalyticsOrder"("shop", "customerId");

-- CreateIndex
CREATE INDEX "AnalyticsRefund_shop_orderId_idx" ON "AnalyticsRefund"("shop", "orderId");

-- CreateIndex
CREATE INDEX "BackfillJob_shop_createdAt_idx" ON "BackfillJob"("shop", "createdAt");
