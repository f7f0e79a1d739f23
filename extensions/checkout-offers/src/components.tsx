import type { I18n } from "@shopify/ui-extensions/checkout";
import { parseMoney, type Progress, type ShownOffer } from "../../../app/engine";
import type { LadderApi } from "./api";
import type { CartActions } from "./cart-actions";
import { formatAmount, type OfferText, type Translate } from "./copy";
import type { LadderView } from "./ladder";

interface OfferCardProps {
  view: LadderView;
  shown: ShownOffer;
  text: OfferText;
  i18n: I18n;
  t: Translate;
  /** Absent where the buyer cannot take the offer here (thank-you page). */
  actions?: CartActions;
  /** The thank-you page links to a new cart instead. */
  href?: string;
  /** Shown price; the thank-you page shows list prices, as no discount follows the link. */
  price?: string;
  withSavings?: boolean;
}

function buttonLabel(shown: ShownOffer, t: Translate): string {
  if (shown.kind === "gift") return t("action.addGift");
  if (shown.action.type === "replace-line") return t("action.upgrade");
  return t("action.add", { count: shown.action.quantity });
}

/** Each label starts with the button's visible text, so voice control finds it by what it says. */
function accessibleLabel(shown: ShownOffer, text: OfferText, t: Translate): string {
  if (shown.kind === "gift") return t("action.giftLabel", { item: text.item });
  if (shown.action.type === "replace-line") {
    return t("action.upgradeLabel", { item: text.item, line: text.line });
  }
  return t("action.addLabel", { item: text.item, count: shown.action.quantity });
}

/** One offer: the item's image when known, headline, reason, price, savings, one action. */
export function OfferCard(props: OfferCardProps) {
  const { view, shown, text, i18n, t, actions, href, withSavings = true } = props;
  const shownPrice = props.price ?? shown.price;
  const shownSavings = withSavings ? shown.savings : undefined;
  const pending = actions?.pending === shown.offerId;
  return (
    <s-stack direction="block" gap="small-200">
      <s-stack direction="inline" gap="base" alignItems="center">
        {text.image ? (
          <s-product-thumbnail
            src={text.image.url}
            alt={text.image.altText || text.item}
            size="small"
          />
        ) : null}
        <s-stack direction="block" gap="small-300">
          <s-text type="strong">{text.headline}</s-text>
          <s-text color="subdued">{text.why}</s-text>
          <s-stack direction="inline" gap="small-200" alignItems="center">
            {shownPrice !== undefined ? (
              <s-text>
                {(parseMoney(shownPrice, view.config.digits) ?? 0) === 0
                  ? t("offer.free")
                  : formatAmount(i18n, view, shownPrice)}
              </s-text>
            ) : null}
            {shownSavings !== undefined &&
            (parseMoney(shownSavings, view.config.digits) ?? 0) > 0 ? (
              <s-badge>
                {t("offer.save", { savings: formatAmount(i18n, view, shownSavings) })}
              </s-badge>
            ) : null}
          </s-stack>
        </s-stack>
        {actions ? (
          <s-button
            variant="primary"
            loading={pending}
            disabled={actions.pending !== null && !pending}
            accessibilityLabel={accessibleLabel(shown, text, t)}
            onClick={() => void actions.accept(shown)}
          >
            {buttonLabel(shown, t)}
          </s-button>
        ) : null}
        {href ? (
          <s-button
            variant="primary"
            href={href}
            target="_blank"
            accessibilityLabel={t("thankYou.actionLabel", { item: text.item })}
          >
            {t("thankYou.action")}
          </s-button>
        ) : null}
      </s-stack>
      {actions?.failed === shown.offerId ? (
        <s-banner tone="critical">
          {t(shown.action.type === "replace-line" ? "error.update" : "error.add", {
            item: text.item,
          })}
        </s-banner>
      ) : null}
    </s-stack>
  );
}

interface ProgressBarProps {
  view: LadderView;
  progress: Progress;
  label: string;
  t: Translate;
}

/** Progress toward a threshold, in minor units so the bar is exact; the sentence says the rest. */
export function ProgressBar({ view, progress, label, t }: ProgressBarProps) {
  const threshold = parseMoney(progress.threshold, view.config.digits) ?? 0;
  const remaining = parseMoney(progress.remaining, view.config.digits) ?? 0;
  return (
    <s-stack direction="block" gap="small-300">
      <s-text>{label}</s-text>
      <s-progress
        value={Math.max(0, threshold - remaining)}
        max={Math.max(threshold, 1)}
        accessibilityLabel={t(
          progress.kind === "gift" ? "progress.gift.label" : "progress.freeShipping.label",
        )}
      />
    </s-stack>
  );
}

interface EditorHintProps {
  api: LadderApi;
  heading: string;
  t: Translate;
}

/**
 * Buyers never see an empty block; the merchant placing it in the checkout editor sees where
 * Ladder's offers will appear, even when the preview cart matches none.
 */
export function EditorHint({ api, heading, t }: EditorHintProps) {
  if (!("editor" in api.extension) || !api.extension.editor) return null;
  return (
    <s-section heading={heading}>
      <s-text color="subdued">{t("editor.empty")}</s-text>
    </s-section>
  );
}
