import { Badge, BlockStack, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import type { OfferPerformance } from "../../models/analytics.server";
import type { OfferSummary } from "../../models/offers.server";
import { KIND_LABELS } from "../../offers/describe";
import { scheduleState } from "../../offers/schedule";
import { formatAmount, formatCount, formatPercent } from "../analytics/format";

function scheduleText(offer: OfferSummary): string {
  const day = (iso: string) =>
    new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(iso),
    );
  if (offer.startsAt && offer.endsAt) return `${day(offer.startsAt)} – ${day(offer.endsAt)}`;
  if (offer.startsAt) return `From ${day(offer.startsAt)}`;
  if (offer.endsAt) return `Until ${day(offer.endsAt)}`;
  return "Always";
}

/** `now`: the server's clock as the loader read it (ISO), never the renderer's own. */
export function StatusBadges({ offer, now }: { offer: OfferSummary; now: string }) {
  const schedule = scheduleState(offer, now);
  return (
    <InlineStack align="start" gap="100">
      {offer.status === "active" ? <Badge tone="success">Active</Badge> : <Badge>Draft</Badge>}
      {!offer.complete ? <Badge tone="warning">Incomplete</Badge> : null}
      {schedule === "ended" ? (
        <Badge tone="critical">Ended</Badge>
      ) : schedule === "scheduled" ? (
        <Badge tone="info">Scheduled</Badge>
      ) : null}
    </InlineStack>
  );
}

/** Measured figures of one offer; a dash where nothing came back from orders yet. */
function PerformanceCells({
  figures,
  currency,
  digits,
}: {
  figures: OfferPerformance | undefined;
  currency: string;
  digits: number;
}) {
  const cell = (text: string) => (
    <IndexTable.Cell>
      <Text as="span" alignment="end" numeric>
        {text}
      </Text>
    </IndexTable.Cell>
  );
  if (!figures) return [cell("—"), cell("—"), cell("—")];
  const rate = figures.impressions > 0 ? figures.acceptances / figures.impressions : null;
  return [
    cell(formatCount(figures.impressions)),
    cell(
      rate === null
        ? formatCount(figures.acceptances)
        : `${formatCount(figures.acceptances)} (${formatPercent(rate)})`,
    ),
    cell(formatAmount(figures.revenue, currency, digits)),
  ];
}

/** Shown, accepted and revenue in one line, for the condensed (phone) list. */
function figuresText(
  figures: OfferPerformance | undefined,
  currency: string,
  digits: number,
): string {
  if (!figures) return "Not shown yet";
  const rate = figures.impressions > 0 ? figures.acceptances / figures.impressions : null;
  return `Shown ${formatCount(figures.impressions)} · accepted ${formatCount(figures.acceptances)}${
    rate === null ? "" : ` (${formatPercent(rate)})`
  } · ${formatAmount(figures.revenue, currency, digits)}`;
}

/** One offer of the Offers list: a table row, or on a phone a condensed list item. */
export function OfferListRow({
  offer,
  position,
  selected,
  condensed,
  now,
  figures,
  currency,
  digits,
}: {
  offer: OfferSummary;
  position: number;
  selected: boolean;
  condensed: boolean;
  now: string;
  figures: OfferPerformance | undefined;
  currency: string;
  digits: number;
}) {
  const name = (
    <Link url={`/app/offers/${encodeURIComponent(offer.key)}`} removeUnderline dataPrimaryLink>
      <Text as="span" fontWeight="semibold">
        {offer.title}
      </Text>
    </Link>
  );
  if (condensed) {
    return (
      <IndexTable.Row id={offer.key} position={position} selected={selected}>
        <div style={{ padding: "var(--p-space-300) var(--p-space-400)" }}>
          <BlockStack gap="100">
            {name}
            <InlineStack gap="200" blockAlign="center" wrap>
              <StatusBadges offer={offer} now={now} />
              <Text as="span" tone="subdued" variant="bodySm">
                {`${KIND_LABELS[offer.kind]} · ${scheduleText(offer)} · priority ${offer.priority}`}
              </Text>
            </InlineStack>
            <Text as="p" tone="subdued" variant="bodySm">
              {figuresText(figures, currency, digits)}
            </Text>
          </BlockStack>
        </div>
      </IndexTable.Row>
    );
  }
  return (
    <IndexTable.Row id={offer.key} position={position} selected={selected}>
      <IndexTable.Cell>
        <BlockStack gap="050">
          {name}
          <Text as="span" tone="subdued" variant="bodySm">
            {offer.key}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>{KIND_LABELS[offer.kind]}</IndexTable.Cell>
      <IndexTable.Cell>
        <StatusBadges offer={offer} now={now} />
      </IndexTable.Cell>
      <IndexTable.Cell>{scheduleText(offer)}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {offer.priority}
        </Text>
      </IndexTable.Cell>
      <PerformanceCells figures={figures} currency={currency} digits={digits} />
    </IndexTable.Row>
  );
}
