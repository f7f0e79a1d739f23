-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "previewedAt" TIMESTAMP(3);
