-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "soldOutVariants" TEXT NOT NULL DEFAULT '';
