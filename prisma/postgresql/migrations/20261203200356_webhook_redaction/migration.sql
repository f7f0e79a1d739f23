-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "orderId" TEXT;

-- CreateTable
CREATE TABLE "RedactionTombstone" (
    "key" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "redactedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RedactionTombstone_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RedactionTombstone_shop_idx" ON "RedactionTombstone"("shop");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_customerId_idx" ON "WebhookEvent"("shop", "customerId");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_orderId_idx" ON "WebhookEvent"("shop", "orderId");
