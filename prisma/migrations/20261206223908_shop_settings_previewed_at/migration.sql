-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "previewedAt" DATETIME;
