import {
  assignGroup,
  load,
  offerById,
  parseMoney,
  type Group,
  type RuntimeConfig,
  type MoneyFormatter,
  type ShownOffer,
} from "../../../app/engine";
import { mergeShown } from "../../../app/engine/shown";
import { requestsFor } from "./actions";
import {
  cartGroup,
  customerGid,
  evaluateStorefront,
  GROUP_ATTRIBUTE,
  legacyId,
  offerTag,
  SHOWN_ATTRIBUTE,
} from "./adapter";
import { cartClient } from "./cart-client";
import { observeCart } from "./observe";
import { offerCard, progressRow, type Strings } from "./render";
import type { AjaxCart, ShopperFacts, ViewedProduct } from "./types";

/** What the Liquid snippet `ladder-data` inlines (the first on the page is used). */
export interface PageData {
  config: unknown;
  cart: AjaxCart;
  customer: ShopperFacts | null;
  country?: string | null;
  /** `routes.root_url`: the Cart API lives under it. */
  root?: string;
  strings: Strings;
  /** Images of offered variants by numeric id, where the page knows them. */
  images?: Record<string, string>;
}

/** The product block's `data-product`. */
export interface ProductData {
  productId: number | string;
  selected: number | string;
  variants: { id: number | string; price: number; title: string }[];
}

function readJson<T>(text: string | null | undefined): T | null {
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function viewedOf(block: HTMLElement): ViewedProduct | null {
  const product = readJson<ProductData>(block.dataset.product);
  const variant =
    product?.variants.find((v) => String(v.id) === String(product.selected)) ??
    product?.variants[0];
  return product && variant
    ? {
        productId: product.productId,
        variantId: variant.id,
        title: variant.title,
        price: variant.price,
      }
    : null;
}

/**
 * Ladder on the storefront: reads the page's inlined data, runs the engine, fills every Ladder
 * block, assigns the group once and records impressions when they change, and follows the
 * theme's cart requests. Without a usable config it does nothing at all, and logs nothing.
 */
export function boot(win: Window & typeof globalThis): void {
  const data = readJson<PageData>(
    win.document.querySelector("script[data-ladder-data]")?.textContent,
  );
  const config = data ? load(data.config) : null;
  if (data && config) start(win, data, config);
}

function start(win: Window & typeof globalThis, data: PageData, config: RuntimeConfig): void {
  const doc = win.document;
  const { strings, customer } = data;
  const { digits, currency } = config;
  let lang: string | undefined = doc.documentElement.lang;
  try {
    new Intl.NumberFormat(lang);
  } catch {
    lang = undefined;
  }
  // Amounts in the page's language; a currency Intl can't format keeps the engine's own form.
  const format: MoneyFormatter = (minor, code, places) =>
    new Intl.NumberFormat(lang, {
      style: "currency",
      currency: code,
      minimumFractionDigits: places,
      maximumFractionDigits: places,
    }).format(minor / 10 ** places);
  const blocks = [...doc.querySelectorAll<HTMLElement>("[data-ladder]")];
  let cart: AjaxCart = Array.isArray(data.cart?.items) ? data.cart : { items: [] };
  let written = "";
  /** What each block shows now, for its buttons. */
  const shownIn = new Map<HTMLElement, ShownOffer[]>();

  /** The latest cart read wins, should the theme change the cart twice in a row. */
  let reads = 0;
  const refresh = () => {
    const read = ++reads;
    client.get().then(
      (next) => read === reads && update(next),
      () => undefined,
    );
  };
  const client = cartClient((data.root ?? "").replace(/\/$/, ""), observeCart(win, refresh));

  /**
   * The holdout bucket's key: the customer, else the cart. It matters once: the group it gives
   * is written to the cart, and every later page and checkout read it from there.
   */
  const fallbackKey = Math.random().toString(36);
  const visitorKey = () =>
    customer ? customerGid(customer.id) : (cart.token?.split("?")[0] ?? fallbackKey);

  function update(next: AjaxCart) {
    cart = next;
    render();
  }

  function render() {
    const group: Group =
      cartGroup(cart) ?? assignGroup(visitorKey(), config.settings.holdoutPercent);
    const shown: string[] = [];
    for (const block of blocks) {
      const viewing = block.dataset.ladder === "product" ? viewedOf(block) : null;
      const result =
        group === "holdout"
          ? null
          : evaluateStorefront(
              config,
              {
                cart,
                customer,
                viewing,
                countryCode: data.country,
                visitorKey: visitorKey(),
                now: new Date(),
              },
              format,
            );
      block.classList.toggle("ladder--hidden", !result);
      block.classList.remove("ladder--pending");
      if (!result) continue;
      const { evaluation } = result;
      const kinds = (block.dataset.kinds ?? "").split(",").filter(Boolean);
      const offers = evaluation.offers.filter((o) => !kinds.length || kinds.includes(o.kind));
      shownIn.set(block, offers);
      const list = block.querySelector("[data-ladder-offers]");
      if (list) {
        list.innerHTML = offers
          .map((offer, index) => {
            shown.push(offerTag(offer));
            return offerCard(
              offer,
              index,
              strings,
              data.images?.[legacyId(offer.action.variantId)] ??
                config.images?.get(offer.action.variantId),
            );
          })
          .join("");
      }
      const bars = block.querySelector("[data-ladder-progress]");
      if (bars) {
        bars.innerHTML = evaluation.progress
          .map((progress) => {
            const source = offerById(config, progress.offerId);
            const left = parseMoney(progress.remaining, digits) ?? 0;
            const total = parseMoney(progress.threshold, digits) ?? 0;
            return progressRow(
              progress,
              total > 0 ? (total - left) / total : 1,
              {
                remaining: format(left, currency, digits),
                item: source?.kind === "gift" ? source.item.title : "",
              },
              strings,
            );
          })
          .join("");
      }
      highlightTier(block, cart);
    }
    // Group once, impressions only when they change; a refused write is not retried.
    const attributes: Record<string, string> = {};
    if (!cartGroup(cart)) attributes[GROUP_ATTRIBUTE] = group;
    const recorded = String(cart.attributes?.[SHOWN_ATTRIBUTE] ?? "");
    const merged = mergeShown(recorded, shown);
    if (merged !== recorded) attributes[SHOWN_ATTRIBUTE] = merged;
    const key = JSON.stringify(attributes);
    if (key !== "{}" && key !== written) {
      written = key;
      client.updateAttributes(attributes).then(
        (next) => (cart = next),
        () => undefined,
      );
    }
  }

  // The drawer's compact progress moves into the theme's cart drawer, when there is one.
  for (const block of blocks) {
    try {
      const host = block.dataset.drawer && doc.querySelector(block.dataset.drawer);
      if (host) {
        host.prepend(block);
        block.classList.add("ladder--placed");
      }
    } catch {
      // Not a selector: the bar stays out of sight.
    }
  }

  doc.addEventListener("click", (event) => {
    const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>(
      "[data-ladder-accept]",
    );
    const block = button?.closest<HTMLElement>("[data-ladder]");
    const offer = block && shownIn.get(block)?.[Number(button?.dataset.ladderAccept)];
    if (!button || !block || !offer || button.disabled) return;
    const error = button.parentElement?.querySelector(".ladder__error");
    button.disabled = true;
    if (error) error.textContent = "";
    client
      .run(
        requestsFor(
          offer,
          config,
          cart,
          block.dataset.ladder === "product" ? viewedOf(block) : null,
        ),
      )
      .then(update, (failure: unknown) => {
        if (error)
          error.textContent = (failure instanceof Error && failure.message) || strings.failed;
        button.disabled = false;
      });
  });

  // Themes switch variants in the product form; the viewed variant follows.
  doc.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement | null;
    if (target?.name !== "id") return;
    for (const block of blocks) {
      const product = readJson<ProductData>(block.dataset.product);
      if (product?.variants.some((v) => String(v.id) === target.value)) {
        block.dataset.product = JSON.stringify({ ...product, selected: target.value });
      }
    }
    render();
  });
  render();
}

/** The quantity-break table Liquid rendered: mark the tier the cart has reached. */
function highlightTier(block: HTMLElement, cart: AjaxCart) {
  const table = block.querySelector<HTMLElement>("[data-ladder-tiers]");
  if (!table) return;
  const ids = (table.dataset.variants ?? "").split(",");
  const quantity = cart.items
    .filter((item) => ids.includes(String(item.variant_id)))
    .reduce((sum, item) => sum + item.quantity, 0);
  let reached: Element | undefined;
  for (const row of table.querySelectorAll<HTMLElement>("[data-min]")) {
    row.classList.remove("ladder__tier--reached");
    row.removeAttribute("aria-current");
    if (Number(row.dataset.min) <= quantity) reached = row;
  }
  reached?.classList.add("ladder__tier--reached");
  reached?.setAttribute("aria-current", "true");
}
