-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "resolvedVariants" TEXT NOT NULL DEFAULT '';
