-- AlterTable
ALTER TABLE "AnalyticsOrder" ALTER COLUMN "value" SET DATA TYPE BIGINT,
ALTER COLUMN "attributed" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "AnalyticsCustomer" ALTER COLUMN "revenue" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "AnalyticsProduct" ALTER COLUMN "unitPrice" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "BackfillJob" ALTER COLUMN "objectCount" SET DATA TYPE BIGINT;
