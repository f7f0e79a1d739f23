-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" TEXT,
    "customerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalyticsShop" (
    "shop" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "minSupport" DOUBLE PRECISION NOT NULL DEFAULT 0.005,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsShop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "AnalyticsOrder" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
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

    CONSTRAINT "AnalyticsOrder_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateTable
CREATE TABLE "AnalyticsRefund" (
    "shop" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lines" TEXT NOT NULL,
    "customerId" TEXT,

    CONSTRAINT "AnalyticsRefund_pkey" PRIMARY KEY ("shop","refundId")
);

-- CreateTable
CREATE TABLE "DailyRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "valueSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "valueSumSq" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "valueSumCube" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "valueSumQuad" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "acceptedOrders" INTEGER NOT NULL DEFAULT 0,
    "attributed" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "impressions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyRollup_pkey" PRIMARY KEY ("shop","day","group","offerId")
);

-- CreateTable
CREATE TABLE "AnalyticsCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "firstOrderAt" TIMESTAMP(3) NOT NULL,
    "cohortMonth" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsCustomer_pkey" PRIMARY KEY ("shop","customerId")
);

-- CreateTable
CREATE TABLE "CohortRollup" (
    "shop" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenue" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "CohortRollup_pkey" PRIMARY KEY ("shop","month","group")
);

-- CreateTable
CREATE TABLE "AnalyticsProduct" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "variantTitle" TEXT,
    "unitPrice" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsProduct_pkey" PRIMARY KEY ("shop","productId")
);

-- CreateTable
CREATE TABLE "ProductPair" (
    "shop" TEXT NOT NULL,
    "productA" TEXT NOT NULL,
    "productB" TEXT NOT NULL,
    "ordersWithA" INTEGER NOT NULL,
    "ordersWithB" INTEGER NOT NULL,
    "ordersWithBoth" INTEGER NOT NULL,
    "support" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "lift" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ProductPair_pkey" PRIMARY KEY ("shop","productA","productB")
);

-- CreateTable
CREATE TABLE "PairMiningRun" (
    "shop" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "minSupport" DOUBLE PRECISION NOT NULL,
    "pairs" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PairMiningRun_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "BackfillJob" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "since" TIMESTAMP(3) NOT NULL,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BackfillJob_pkey" PRIMARY KEY ("id")
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
