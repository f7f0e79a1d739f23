/**
 * Offer ids: short, readable, unique per shop ("premium-wash", "premium-wash-2"), because they
 * appear in exports, checkout attributes and the ladder CLI.
 */

export const MAX_ID_LENGTH = 40;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Standard → Premium wash!" → "standard-premium-wash"; empty when nothing readable is left. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/g, "");
}

/** Whether an id typed or imported can be used as is: lower case words joined by hyphens. */
export function isReadableId(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && ID_PATTERN.test(id);
}

/** The first of `base`, `base-2`, `base-3`... that `taken` does not hold. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const root = base || "offer";
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${root.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
