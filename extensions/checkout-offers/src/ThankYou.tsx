import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/purchase.thank-you.block.render";
import { render } from "preact";
import { formatMoney, placeholdersIn, type OfferKind, type ShownOffer } from "../../../app/engine";
import { hostApi, type LadderApi } from "./api";
import { EditorHint, OfferCard } from "./components";
import { offerText, translator } from "./copy";
import { readFacts, runLadder, type LadderView } from "./ladder";
import { readPlacement } from "./settings";

/** purchase.thank-you.block.render: a suggestion for the buyer's next order. */
export default async () => {
  render(<NextOrder api={hostApi<Api>()} />, document.body);
};

/** What still makes sense once the order is placed: an add-on, or the rest of a set. */
const NEXT_ORDER_KINDS: ReadonlySet<OfferKind> = new Set(["cross-sell", "bundle"]);

const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/(\d+)$/;

/** A cart permalink: opens a new checkout holding the offered item. */
function nextOrderLink(storefrontUrl: string | undefined, shown: ShownOffer): string | null {
  const id = VARIANT_GID.exec(shown.action.variantId)?.[1];
  if (!storefrontUrl || !id) return null;
  return `${storefrontUrl.replace(/\/+$/, "")}/cart/${id}:${shown.action.quantity}`;
}

/**
 * The list price of what the link buys. The discounts Ladder promises at checkout hold only while
 * their trigger is in the same cart, which a new cart does not have: no savings are shown here.
 */
function listPrice(view: LadderView, shown: ShownOffer): string | undefined {
  const offer = view.offer(shown.offerId);
  if (offer?.kind === "cross-sell") return formatMoney(offer.item.price, view.config.digits);
  if (offer?.kind === "bundle") return shown.price;
  return undefined;
}

export function NextOrder({ api }: { api: LadderApi }) {
  const facts = readFacts(api);
  const view = runLadder(api, facts, { afterOrder: true });
  const placement = readPlacement(api.settings.value);
  const t = translator(api.i18n);
  const heading = placement.heading ?? t("thankYou.heading");

  const cards = (view?.evaluation.offers ?? []).flatMap((shown) => {
    const href =
      NEXT_ORDER_KINDS.has(shown.kind) && placement.shows(shown.kind)
        ? nextOrderLink(api.shop.storefrontUrl, shown)
        : null;
    return href ? [{ shown, href }] : [];
  });
  if (!view || cards.length === 0) return <EditorHint api={api} heading={heading} t={t} />;
  return (
    <s-section heading={heading}>
      <s-stack direction="block" gap="base">
        {cards.map(({ shown, href }) => {
          const text = offerText(view, shown, facts.lines, t, api.i18n);
          const why = view.offer(shown.offerId)?.why;
          // The merchant's reason reads well here unless it quotes checkout's price or savings.
          const ownWhy = why && !placeholdersIn(why).some((p) => p === "price" || p === "savings");
          return (
            <OfferCard
              key={shown.offerId}
              view={view}
              shown={shown}
              text={{ ...text, headline: text.item, why: ownWhy ? text.why : t("thankYou.why") }}
              i18n={api.i18n}
              t={t}
              href={href}
              price={listPrice(view, shown)}
              withSavings={false}
            />
          );
        })}
      </s-stack>
    </s-section>
  );
}
