import type { Group } from "./types";

/**
 * A stable bucket 0..99 for a visitor key: FNV-1a over the UTF-16 code units, then murmur3's
 * finaliser so that similar keys (checkout tokens differ in a few characters) spread evenly.
 */
export function holdoutBucket(visitorKey: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < visitorKey.length; i += 1) {
    hash ^= visitorKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % 100;
}

/** Buckets below the holdout share are the control group; raising the share keeps them in it. */
export function assignGroup(visitorKey: string, holdoutPercent: number): Group {
  return holdoutBucket(visitorKey) < holdoutPercent ? "holdout" : "treatment";
}
