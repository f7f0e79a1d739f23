-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "source" TEXT NOT NULL DEFAULT '';
