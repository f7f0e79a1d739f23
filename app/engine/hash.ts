/**
 * A stable 32-bit hash of a text: FNV-1a over the UTF-16 code units, then murmur3's finaliser
 * so that similar texts (checkout tokens differ in a few characters) spread evenly. The same on
 * every surface and every run: holdout groups and A/B copies depend on it never changing.
 */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
