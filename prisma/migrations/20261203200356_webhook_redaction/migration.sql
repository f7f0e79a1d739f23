-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "orderId" TEXT;

-- CreateTable
CREATE TABLE "RedactionTombstone" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "redactedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RedactionTombstone_shop_idx" ON "RedactionTombstone"("shop");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_customerId_idx" ON "WebhookEvent"("shop", "customerId");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_orderId_idx" ON "WebhookEvent"("shop", "orderId");
