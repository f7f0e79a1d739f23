import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.block.render";
import { render } from "preact";
import { offerRef, type OfferKind } from "../../../app/engine";
import { hostApi, type LadderApi } from "./api";
import { canTake, useCartActions } from "./cart-actions";
import { EditorHint, OfferCard } from "./components";
import { offerText, translator } from "./copy";
import { readFacts, runLadder } from "./ladder";
import { readPlacement } from "./settings";
import { useAttribution } from "./use-attribution";

/** purchase.checkout.block.render: where the merchant places it in the checkout editor. */
export default async () => {
  render(<OffersBlock api={hostApi<Api>()} />, document.body);
};

/** Upgrades, add-ons and bundle completions; progress and quantity breaks go under the lines. */
const CARD_KINDS: ReadonlySet<OfferKind> = new Set(["upgrade", "cross-sell", "bundle"]);

export function OffersBlock({ api }: { api: LadderApi }) {
  const facts = readFacts(api);
  const view = runLadder(api, facts);
  const placement = readPlacement(api.settings.value);
  const actions = useCartActions(api);
  const t = translator(api.i18n);

  const cards = (view?.evaluation.offers ?? []).filter(
    (shown) =>
      CARD_KINDS.has(shown.kind) && placement.shows(shown.kind) && canTake(api, shown.action),
  );
  useAttribution(api, view?.input.visitorKey ? view.evaluation.group : null, cards.map(offerRef));

  const heading = placement.heading ?? t("offers.heading");
  if (!view || cards.length === 0) return <EditorHint api={api} heading={heading} t={t} />;
  return (
    <s-section heading={heading}>
      <s-stack direction="block" gap="base">
        {cards.map((shown, index) => (
          <s-stack key={shown.offerId} direction="block" gap="base">
            {index > 0 ? <s-divider /> : null}
            <OfferCard
              view={view}
              shown={shown}
              text={offerText(view, shown, facts.lines, t, api.i18n)}
              i18n={api.i18n}
              t={t}
              actions={actions}
            />
          </s-stack>
        ))}
      </s-stack>
    </s-section>
  );
}
