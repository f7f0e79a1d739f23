/** Seeds the demo shop into the database DATABASE_URL names (run by the browser suite's setup). */
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "../../app/db.server";
import { seedDemoShop } from "../../app/demo/seed.server";

await seedDemoShop(new PrismaSessionStorage(prisma));
await prisma.$disconnect();
