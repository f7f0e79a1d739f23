/**
 * The live headline preview of the offer editor: the engine's own copy (the merchant's templates
 * through `renderTemplate`, else the engine's default per kind) with sample values.
 */
import { validateConfig } from "../../config";
import { compile, load, offerCopy, renderTemplate, type Placeholder } from "../../engine";
import type { OfferForm } from "../../offers/form";
import { formToOffer } from "../../offers/form";
import { formatAmount } from "../money";

type TemplateValues = Partial<Record<Placeholder, string | null>>;

export interface CopyPreview {
  headline: string | null;
  why: string | null;
  /** What the sample assumes, in words. */
  assumption: string;
}

const cents = (amount: string) => {
  const n = amount.trim() === "" ? NaN : Number(amount);
  return Number.isFinite(n) ? n : null;
};

function sample(form: OfferForm, names: Record<string, string>, currency: string) {
  const money = (n: number) => formatAmount(n, currency);
  const byAmount = form.discountMode === "amount";
  const percent = byAmount ? 0 : (cents(form.discountPercent) ?? 0);
  const amount = byAmount ? (cents(form.discountAmount) ?? 0) : 0;
  let setPrice: string | null = null;
  const lineTitle =
    names[form.trigger.productIds[0] ?? ""] ?? names[form.trigger.variantIds[0] ?? ""] ?? "";
  const values: TemplateValues = {};
  let itemTitle = form.item?.title ?? "";
  let quantity = 1;
  let percentShown = percent;
  let assumption = lineTitle ? `A cart with ${lineTitle}.` : "A cart that matches the trigger.";

  switch (form.kind) {
    case "upgrade":
    case "cross-sell": {
      const price = cents(form.item?.price ?? "");
      if (price !== null) {
        const off = byAmount ? Math.min(amount, price) : (price * percent) / 100;
        values.price = money(price - off);
        values.savings = off > 0 ? money(off) : null;
      }
      break;
    }
    case "bundle": {
      const [first, missing] = form.items;
      itemTitle = missing?.title ?? "";
      const total = form.items.reduce(
        (sum, i) => sum + (cents(i.price) ?? 0) * (cents(i.quantity) ?? 1),
        0,
      );
      if (missing)
        values.price = money((cents(missing.price) ?? 0) * (cents(missing.quantity) ?? 1));
      const off = byAmount ? Math.max(0, total - amount) : (total * percent) / 100;
      values.savings = off > 0 ? money(off) : null;
      if (byAmount && amount > 0) setPrice = money(amount);
      assumption = first ? `A cart with ${first.title} only.` : "A cart with part of the bundle.";
      break;
    }
    case "volume": {
      const tier = form.tiers[0];
      quantity = Math.max(1, (cents(tier?.minQuantity ?? "") ?? 2) - 1);
      percentShown = cents(tier?.discountPercent ?? "") ?? 0;
      itemTitle = lineTitle || "this product";
      assumption = `${lineTitle ? `One ${lineTitle}` : "One matching item"} in the cart.`;
      break;
    }
    case "free-shipping":
    case "gift": {
      const threshold = cents(form.threshold);
      if (threshold !== null) {
        values.threshold = money(threshold);
        values.remaining = money(threshold * 0.4);
        assumption = `A cart of ${money(threshold * 0.6)}.`;
      }
      if (form.kind === "gift") {
        values.price = money(0);
        const giftPrice = cents(form.item?.price ?? "");
        values.savings = giftPrice === null ? null : money(giftPrice);
        assumption =
          threshold === null ? "A cart over the threshold." : `A cart of ${money(threshold)}.`;
        values.remaining = null;
      }
      break;
    }
  }
  if (itemTitle) values["item.title"] = itemTitle;
  return {
    values,
    facts: { itemTitle, lineTitle, percentShown, quantity, setPrice },
    assumption,
  };
}

/** The headline and reason a buyer would read, for a named customer or a guest. */
export function previewCopy(
  form: OfferForm,
  names: Record<string, string>,
  currency: string,
  firstName: string | null,
): CopyPreview {
  const { values, facts, assumption } = sample(form, names, currency);
  values["customer.firstName"] = firstName;
  const offer = { ...formToOffer(form), status: "active", id: form.id || "preview" };
  const checked = validateConfig({ version: 1, currency, offers: [offer] });
  const loaded = checked.ok ? load(compile(checked.value)) : null;
  const runtime = loaded && loaded.size > 0 ? loaded.offerAt(0) : undefined;
  if (runtime) {
    const copy = offerCopy(runtime, { ...facts, values });
    return { headline: copy.headline, why: copy.why, assumption };
  }
  // Until the offer is complete, the engine's defaults can't be known; templates still render.
  return {
    headline: form.message.trim() ? renderTemplate(form.message, values) : null,
    why: form.why.trim() ? renderTemplate(form.why, values) : null,
    assumption,
  };
}
