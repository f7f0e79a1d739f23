import { readFileSync } from "node:fs";
import path from "node:path";
import { EXTENSION_DIR } from "./liquid.server";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** One of the theme extension's assets by file name (no paths); null when there is none. */
export function extensionAsset(file: string): { body: string; type: string } | null {
  if (!/^[a-z0-9][a-z0-9._-]*\.(js|css)$/.test(file)) return null;
  try {
    const body = readFileSync(path.join(EXTENSION_DIR, "assets", file), "utf8");
    return { body, type: TYPES[path.extname(file)] ?? "text/plain" };
  } catch {
    return null;
  }
}
