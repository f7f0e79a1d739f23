import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after";
import { render } from "preact";
import { offerRef } from "../../../app/engine";
import { hostApi, type LadderApi } from "./api";
import { canTake, useCartActions } from "./cart-actions";
import { EditorHint, OfferCard, ProgressBar } from "./components";
import { offerText, progressText, translator } from "./copy";
import { readFacts, runLadder } from "./ladder";
import { readPlacement } from "./settings";
import { useAttribution } from "./use-attribution";

/** purchase.checkout.cart-line-list.render-after: right under the buyer's cart lines. */
export default async () => {
  render(<CartLineProgress api={hostApi<Api>()} />, document.body);
};

/**
 * Progress toward free shipping and gifts (with the "add your free gift" action once earned),
 * and the next quantity break: the nudges that concern the lines just above.
 */
export function CartLineProgress({ api }: { api: LadderApi }) {
  const facts = readFacts(api);
  const view = runLadder(api, facts);
  const placement = readPlacement(api.settings.value);
  const actions = useCartActions(api);
  const t = translator(api.i18n);

  const evaluation = view?.evaluation;
  const bars = (evaluation?.progress ?? []).filter(
    (progress) =>
      placement.showsProgress && (progress.kind === "free-shipping" || placement.shows("gift")),
  );
  const nudges = (evaluation?.offers ?? []).filter(
    (shown) =>
      (shown.kind === "volume" || shown.kind === "gift") &&
      placement.shows(shown.kind) &&
      canTake(api, shown.action),
  );
  const rendered = [...bars.map((bar) => bar.offerId), ...nudges.map(offerRef)];
  useAttribution(api, view?.input.visitorKey ? (evaluation?.group ?? null) : null, rendered);

  if (!view || rendered.length === 0) {
    return <EditorHint api={api} heading={placement.heading ?? t("progress.heading")} t={t} />;
  }
  const card = (offerId: string) => {
    const shown = nudges.find((candidate) => candidate.offerId === offerId);
    return shown ? (
      <OfferCard
        key={`offer-${offerId}`}
        view={view}
        shown={shown}
        text={offerText(view, shown, facts.lines, t, api.i18n)}
        i18n={api.i18n}
        t={t}
        actions={actions}
      />
    ) : null;
  };
  return (
    <s-stack
      direction="block"
      gap="base"
      accessibilityLabel={placement.heading ?? t("progress.heading")}
    >
      {placement.heading ? <s-heading>{placement.heading}</s-heading> : null}
      {bars.map((progress) => (
        <s-stack key={progress.offerId} direction="block" gap="small-200">
          <ProgressBar
            view={view}
            progress={progress}
            label={progressText(view, progress, api.i18n, t)}
            t={t}
          />
          {progress.kind === "gift" ? card(progress.offerId) : null}
        </s-stack>
      ))}
      {nudges
        .filter((shown) => !bars.some((bar) => bar.offerId === shown.offerId))
        .map((shown) => card(shown.offerId))}
    </s-stack>
  );
}
