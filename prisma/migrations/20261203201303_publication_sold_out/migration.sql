-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Publication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bytes" INTEGER NOT NULL,
    "offerCount" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "resolvedVariants" TEXT NOT NULL DEFAULT '',
    "soldOutVariants" TEXT NOT NULL DEFAULT '',
    "discountId" TEXT
);
INSERT INTO "new_Publication" ("bytes", "config", "discountId", "id", "offerCount", "publishedAt", "resolvedVariants", "shop", "source", "trigger", "version") SELECT "bytes", "config", "discountId", "id", "offerCount", "publishedAt", "resolvedVariants", "shop", "source", "trigger", "version" FROM "Publication";
DROP TABLE "Publication";
ALTER TABLE "new_Publication" RENAME TO "Publication";
CREATE UNIQUE INDEX "Publication_shop_version_key" ON "Publication"("shop", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
