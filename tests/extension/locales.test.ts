import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXTENSION_DIR, LOCALES_DIR, readLocale, translateWith } from "./support";

type Messages = ReturnType<typeof readLocale>;

/** Every leaf of a locale file: "offer.volume.headline.one" → its text. */
function leaves(messages: Messages, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(name, value);
    else for (const [k, v] of leaves(value, name)) found.set(k, v);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const files = readdirSync(LOCALES_DIR).map((file) => file.replace(/\.json$/, ""));
const english = leaves(readLocale("en.default"));

describe("locales", () => {
  it("ship English by default, French and Spanish", () => {
    expect(files.sort()).toEqual(["en.default", "es", "fr"]);
  });

  it.each(files.filter((file) => file !== "en.default"))(
    "%s has exactly English's keys, each with the same placeholders",
    (file) => {
      const other = leaves(readLocale(file));
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        expect(placeholders(other.get(key) ?? ""), `${file}: ${key}`).toEqual(placeholders(text));
        expect(other.get(key), `${file}: ${key} is not translated`).not.toBe("");
      }
    },
  );

  it("hold every key the extension asks for", () => {
    const source = readdirSync(path.join(EXTENSION_DIR, "src"))
      .map((file) => readFileSync(path.join(EXTENSION_DIR, "src", file), "utf8"))
      .join("\n");
    const literal = [
      ...source.matchAll(/"((?:offers|offer|action|error|progress|thankYou|editor)\.[\w.]+)"/g),
    ].map((m) => m[1] ?? "");
    // Keys the source builds from the offer kind and the progress state.
    const built = [
      ...["upgrade", "crossSell", "bundle", "volume", "gift"].flatMap((kind) => [
        `offer.${kind}.headline`,
        `offer.${kind}.why`,
      ]),
      ...["freeShipping", "gift"].flatMap((kind) => [
        `progress.${kind}.remaining`,
        `progress.${kind}.reached`,
      ]),
    ];
    expect(literal.length).toBeGreaterThan(10);
    for (const file of files) {
      const t = translateWith(readLocale(file), file.slice(0, 2));
      const values = { item: "x", line: "y", count: 2, percent: 5, remaining: "z", savings: "s" };
      for (const key of [...literal, ...built])
        expect(() => t(key, values), `${file}: ${key}`).not.toThrow();
    }
  });
});
