import type { Progress, ShownOffer } from "../../../app/engine";

/** Buyer-facing texts, translated by Liquid from the extension's locales. */
export interface Strings {
  add: string;
  upgrade: string;
  addAll: string;
  claim: string;
  failed: string;
  shippingLeft: string;
  shippingDone: string;
  giftLeft: string;
  giftDone: string;
}

const esc = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A progress text's `{remaining}` and `{item}` (looked up by name, never as a property). */
const fill = (template: string, remaining: string, item: string) =>
  template.replace(/\{(remaining|item)\}/g, (_, key: string) =>
    key === "item" ? item : remaining,
  );

function label(offer: ShownOffer, strings: Strings): string {
  if (offer.kind === "gift") return strings.claim;
  if (offer.kind === "bundle") return strings.addAll;
  return offer.action.type === "replace-line" ? strings.upgrade : strings.add;
}

/**
 * One offer card: headline, reason, an alert line for a failed action, and one button whose
 * accessible name says what it does to which item. `index` finds the offer again on click.
 */
export function offerCard(
  offer: ShownOffer,
  index: number,
  strings: Strings,
  image: string | undefined,
): string {
  const action = label(offer, strings);
  const img = image
    ? `<img class="ladder__image" src="${esc(image)}" alt="" width="48" height="48" loading="lazy">`
    : "";
  return (
    `<li class="ladder__offer" data-offer="${esc(offer.offerId)}">${img}` +
    `<div class="ladder__text"><p class="ladder__headline">${esc(offer.headline)}</p>` +
    `<p class="ladder__why">${esc(offer.why)}</p><p class="ladder__error" role="alert"></p></div>` +
    `<button type="button" class="ladder__button" data-ladder-accept="${index}" ` +
    `aria-label="${esc(`${action}: ${offer.headline}`)}">${esc(action)}</button></li>`
  );
}

/** A progress line and its bar; the block's live region announces the text. */
export function progressRow(
  progress: Progress,
  ratio: number,
  values: { remaining: string; item: string },
  strings: Strings,
): string {
  const gift = progress.kind === "gift";
  const template = progress.reached
    ? gift
      ? strings.giftDone
      : strings.shippingDone
    : gift
      ? strings.giftLeft
      : strings.shippingLeft;
  const text = esc(fill(template, values.remaining, values.item));
  const percent = Math.round(Math.min(1, Math.max(0, ratio)) * 100);
  return (
    `<div class="ladder__progress">` +
    `<p class="ladder__progress-text">${text}</p>` +
    // A progressbar's range defaults to 0..100.
    `<div class="ladder__bar" role="progressbar" aria-label="${text}" ` +
    `aria-valuenow="${percent}"><span class="ladder__bar-fill" ` +
    `style="width:${percent}%"></span></div></div>`
  );
}
