/**
 * What a publication would change, worked out before anything is written: the compiled config
 * (validated, active offers only) and, against the last publication, what checkout gains, loses
 * and sees changed, named as the merchant knows the offers.
 */
import { validateConfig } from "../config";
import { compile, load, type OfferConfig } from "../engine";
import { byteLength } from "../offers/bytes";
import { labelConfigProblems, type LabelledProblem } from "../offers/labels";

export interface PublishPlan {
  /** The compiled config as it would be published now. */
  json: string;
  bytes: number;
  offerCount: number;
  /** With the offer's name and the field's label for the merchant. */
  problems: LabelledProblem[];
  /** Incomplete drafts (not published; they don't block publishing). */
  incomplete: { key: string; title: string }[];
}

export interface CheckoutChanges {
  added: { id: string; title: string }[];
  removed: { id: string; title: string }[];
  changed: { id: string; title: string }[];
  /** Guardrails or currency differ. */
  settingsChanged: boolean;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * A compiled config's offers by id, as checkout reads them (texts resolved from the shared
 * table, so one offer's edit never reads as a change of another), and its settings.
 */
function compiledParts(json: string): { offers: Map<string, string>; rest: string } {
  const offers = new Map<string, string>();
  if (!json) return { offers, rest: "" };
  try {
    const runtime = load(JSON.parse(json));
    if (!runtime) return { offers, rest: "" };
    for (let i = 0; i < runtime.size; i++) {
      const { index: _index, ...offer } = runtime.offerAt(i);
      offers.set(offer.id, JSON.stringify(offer));
    }
    return { offers, rest: JSON.stringify([runtime.currency, runtime.settings]) };
  } catch {
    return { offers, rest: "" };
  }
}

/**
 * What checkout gains and loses when `next` replaces `previous` (both compiled configs, before
 * triggers are resolved); offers are named by their titles in the admin.
 */
export function checkoutChanges(
  previous: string,
  next: string,
  titles: ReadonlyMap<string, string>,
): CheckoutChanges {
  const before = compiledParts(previous);
  const after = compiledParts(next);
  const named = (id: string) => ({ id, title: titles.get(id) ?? id });
  return {
    added: [...after.offers.keys()].filter((id) => !before.offers.has(id)).map(named),
    removed: [...before.offers.keys()].filter((id) => !after.offers.has(id)).map(named),
    changed: [...after.offers.entries()]
      .filter(([id, body]) => before.offers.has(id) && before.offers.get(id) !== body)
      .map(([id]) => named(id)),
    settingsChanged: previous !== "" && before.rest !== after.rest,
    bytesBefore: byteLength(previous),
    bytesAfter: byteLength(next),
  };
}

/** What publishing would write now: the config validated, then compiled with active offers only. */
export function planPublication(
  config: OfferConfig,
  incomplete: PublishPlan["incomplete"] = [],
): PublishPlan {
  const checked = validateConfig(config);
  if (!checked.ok) {
    const problems = labelConfigProblems(checked.problems, config);
    return { json: "", bytes: 0, offerCount: 0, problems, incomplete };
  }
  const published = compile(checked.value, { activeOnly: true });
  const json = JSON.stringify(published);
  return {
    json,
    bytes: byteLength(json),
    offerCount: published.o.length,
    problems: [],
    incomplete,
  };
}
