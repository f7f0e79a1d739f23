import { stableHash } from "./hash";
import type { Group } from "./types";

/** A stable bucket 0..99 for a visitor key (see `stableHash`). */
export function holdoutBucket(visitorKey: string): number {
  return stableHash(visitorKey) % 100;
}

/** Buckets below the holdout share are the control group; raising the share keeps them in it. */
export function assignGroup(visitorKey: string, holdoutPercent: number): Group {
  return holdoutBucket(visitorKey) < holdoutPercent ? "holdout" : "treatment";
}
