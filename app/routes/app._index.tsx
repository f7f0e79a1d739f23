import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Spinner,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import {
  formatAmount,
  formatCount,
  formatPercent,
  formatSignedPercent,
} from "../components/analytics/format";
import { TrendChart } from "../components/analytics/TrendChart";
import { RANGE_PRESETS } from "../analytics/range";
import { loadHome } from "../models/home.server";
import { GetStartedCard } from "../components/home/GetStartedCard";
import { OfferFigures } from "../components/home/OfferFigures";
import { authenticate, isDemoMode } from "../shopify.server";
import { SectionCard } from "../components/SectionCard";
import { downloadFile } from "../components/download";
import { useRefreshWhile } from "../components/useRefreshWhile";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const home = await loadHome(session.shop, admin, new URL(request.url).searchParams, isDemoMode);
  return { ...home, demo: isDemoMode };
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const RUNGS = [
  {
    title: "Bundles",
    text: "Complete the set: when a buyer has part of a bundle, offer the missing piece at the bundle price.",
  },
  {
    title: "Good → better → best",
    text: "Offer the next step up from what the buyer chose, never a leap they would not take.",
  },
  {
    title: "Quantity breaks",
    text: "“Add 2 more to save 10%”: tiers by quantity, applied exactly as shown.",
  },
  {
    title: "Free shipping and gifts",
    text: "Show progress to a threshold, then deliver the free shipping or the gift that was promised.",
  },
];

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const { dashboard, backfill } = data;
  // While the order history imports, refresh every few seconds to show its progress.
  useRefreshWhile(Boolean(backfill?.running));

  const firstRun = data.getStarted;
  return (
    <Page
      title="Ladder"
      subtitle={
        firstRun
          ? "Put your first offers in front of buyers"
          : "What your offers earned, measured against a holdout group"
      }
    >
      <Layout>
        {data.demo ? (
          <Layout.Section>
            <Banner tone="info" title="You are looking at the demo store">
              <p>
                Everything runs locally. The demo orders were generated with a known effect:
                treatment buyers accept an offer in 12% of orders, which raises their average order
                value by 6%.
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {firstRun ? (
          <Layout.Section>
            <GetStartedCard getStarted={firstRun} />
          </Layout.Section>
        ) : null}
        {backfill ? (
          <Layout.Section>
            <BackfillBanner backfill={backfill} />
          </Layout.Section>
        ) : null}
        {data.openDataRequests > 0 ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title={
                data.openDataRequests === 1
                  ? "A customer asked for their data"
                  : `${data.openDataRequests} customers asked for their data`
              }
              action={{ content: "Review privacy requests", url: "/app/privacy" }}
            >
              <p>Download what Ladder holds about them and send it within 30 days.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {dashboard.hasOrders ? <DashboardSections data={data} /> : <WhatLadderIs />}
      </Layout>
    </Page>
  );
}

function BackfillBanner({ backfill }: { backfill: NonNullable<LoaderData["backfill"]> }) {
  if (backfill.running) {
    return (
      <Banner tone="info" title="Importing your last 60 days of orders">
        <BlockStack gap="200">
          <p>
            {backfill.status === "importing"
              ? `Recording orders: ${formatCount(backfill.ordersImported)} so far.`
              : `Shopify is exporting your orders: ${formatCount(backfill.objectCount)} records so far.`}
          </p>
          {/* Shopify does not say how many orders the export will hold, so there is no fraction
              to show: a spinner and the counts measured so far. */}
          <InlineStack gap="200" blockAlign="center">
            <Spinner size="small" accessibilityLabel="Importing the order history" />
            <Text as="span" tone="subdued">
              {backfill.status === "importing"
                ? "Recording orders"
                : "Waiting for Shopify's export"}
            </Text>
          </InlineStack>
        </BlockStack>
      </Banner>
    );
  }
  if (backfill.status === "failed") {
    return (
      <Banner tone="critical" title="The order history import failed">
        <p>
          {backfill.error} You can start it again from{" "}
          <a href="/app/analytics">Analytics → Order history</a>.
        </p>
      </Banner>
    );
  }
  return null;
}

function RangePicker({ from, to }: { from: string; to: string }) {
  const [params, setParams] = useSearchParams();
  const [custom, setCustom] = useState({ from, to });
  const days = Number(params.get("days") ?? (params.has("from") ? 0 : 30));
  return (
    <InlineStack gap="300" blockAlign="end" wrap>
      <ButtonGroup variant="segmented">
        {RANGE_PRESETS.map((d) => (
          <Button key={d} pressed={days === d} onClick={() => setParams({ days: String(d) })}>
            {d === 365 ? "12 months" : `${d} days`}
          </Button>
        ))}
      </ButtonGroup>
      <InlineStack gap="200" blockAlign="end">
        <TextField
          label="From"
          type="date"
          value={custom.from}
          onChange={(value) => setCustom((c) => ({ ...c, from: value }))}
          autoComplete="off"
        />
        <TextField
          label="To"
          type="date"
          value={custom.to}
          onChange={(value) => setCustom((c) => ({ ...c, to: value }))}
          autoComplete="off"
        />
        <Button onClick={() => setParams({ from: custom.from, to: custom.to })}>Apply</Button>
      </InlineStack>
    </InlineStack>
  );
}

function Metric({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function DashboardSections({ data }: { data: LoaderData }) {
  const { dashboard: d, rangeError } = data;
  const money = (minor: number | null) => formatAmount(minor, d.currency, d.digits);
  const c = d.comparison;
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  async function download(table: "daily" | "offers") {
    setExporting(table);
    setExportError(null);
    try {
      const query = new URLSearchParams({ table, from: d.range.from, to: d.range.to });
      await downloadFile(
        `/app/analytics/export?${query}`,
        `ladder-${table}-${d.range.from}-to-${d.range.to}.csv`,
      );
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "The export failed.");
    } finally {
      setExporting(null);
    }
  }

  return (
    <>
      <Layout.Section>
        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center" wrap>
              <Text as="h2" variant="headingMd">
                {d.range.from} to {d.range.to}
              </Text>
              <ButtonGroup>
                <Button onClick={() => download("daily")} loading={exporting === "daily"}>
                  Export daily CSV
                </Button>
                <Button onClick={() => download("offers")} loading={exporting === "offers"}>
                  Export offers CSV
                </Button>
              </ButtonGroup>
            </InlineStack>
            {/* Keyed by the range, so the date fields start from the range shown. */}
            <RangePicker
              key={`${d.range.from}|${d.range.to}`}
              from={d.range.from}
              to={d.range.to}
            />
            {rangeError ? (
              <Banner tone="warning" title="That date range could not be used">
                <p>{rangeError}. Showing the last 30 days instead.</p>
              </Banner>
            ) : null}
            {exportError ? (
              <Banner
                tone="critical"
                title="The export failed"
                onDismiss={() => setExportError(null)}
              >
                <p>{exportError}</p>
              </Banner>
            ) : null}
          </BlockStack>
        </Card>
      </Layout.Section>

      <Layout.Section>
        <Card>
          <BlockStack gap="300">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h2" variant="headingMd">
                Average order value: treatment vs holdout
              </Text>
              {c.status === "ok" ? (
                <Badge
                  tone={
                    c.difference.low > 0 ? "success" : c.difference.high < 0 ? "critical" : "info"
                  }
                >
                  {c.difference.low > 0
                    ? "Lift confirmed"
                    : c.difference.high < 0
                      ? "Lower than holdout"
                      : "Not significant yet"}
                </Badge>
              ) : (
                <Badge>Not enough data</Badge>
              )}
            </InlineStack>
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
              <Metric
                label="Treatment AOV"
                value={money(d.treatment.aov)}
                help={`${formatCount(d.treatment.orders)} orders; buyers who could see offers`}
              />
              <Metric
                label="Holdout AOV"
                value={money(d.holdout.aov)}
                help={`${formatCount(d.holdout.orders)} orders; buyers held out, saw no offers`}
              />
              {c.status === "ok" ? (
                <Metric
                  label="Lift (95% confidence interval)"
                  value={`${formatSignedPercent(c.relative.estimate)} (${money(c.difference.estimate)} per order)`}
                  help={`Between ${formatSignedPercent(c.relative.low)} and ${formatSignedPercent(c.relative.high)}; ${money(c.difference.low)} to ${money(c.difference.high)} per order.`}
                />
              ) : (
                <Metric label="Lift" value="Not enough data" help={c.reason} />
              )}
            </InlineGrid>
            <Text as="p" variant="bodySm" tone="subdued">
              Order value is the items after discounts, before shipping and taxes, net of refunds.
              The interval is Welch&apos;s (Fieller&apos;s for the percentage), corrected for skewed
              order values.
              {d.excludedOrders > 0
                ? ` ${formatCount(d.excludedOrders)} orders in this range did not pass through Ladder's checkout (no group recorded) and are excluded from the comparison.`
                : ""}
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>

      <Layout.Section>
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
          <Metric
            label="Take rate"
            value={formatPercent(d.takeRate?.estimate ?? null)}
            help={
              d.takeRate
                ? `${formatCount(d.acceptedOrders)} of ${formatCount(d.treatment.orders)} treatment orders accepted an offer (95%: ${formatPercent(d.takeRate.low)}–${formatPercent(d.takeRate.high)}).`
                : "No treatment orders in this range."
            }
          />
          <Metric
            label="Attributed revenue"
            value={money(d.attributedRevenue)}
            help="Lines an offer added or upgraded, net of refunds (an upgraded line counts whole)."
          />
          <Metric
            label="Orders in range"
            value={formatCount(d.treatment.orders + d.holdout.orders + d.excludedOrders)}
            help={`${formatCount(d.treatment.orders)} treatment, ${formatCount(d.holdout.orders)} holdout, ${formatCount(d.excludedOrders)} excluded`}
          />
        </InlineGrid>
      </Layout.Section>

      <Layout.Section>
        <SectionCard title="Trend">
          {d.trend.length > 0 ? (
            <TrendChart
              trend={d.trend}
              bucket={d.trendBucket}
              currency={d.currency}
              digits={d.digits}
            />
          ) : (
            <Text as="p" tone="subdued">
              No orders in this range.
            </Text>
          )}
        </SectionCard>
      </Layout.Section>

      <Layout.Section>
        <OfferFigures
          offers={d.offers}
          titles={data.offerTitles}
          currency={d.currency}
          digits={d.digits}
        />
      </Layout.Section>
    </>
  );
}

function WhatLadderIs() {
  return (
    <>
      <Layout.Section>
        <SectionCard title="A good shop assistant, at checkout">
          <Text as="p">
            Ladder shows buyers the offers that match their cart at Shopify checkout and on the
            thank-you page: relevant, commensurate with what they already chose, never more than a
            few at once, and never to a customer with an open complaint. Every offer explains why it
            is shown, and the discount it promises is the discount applied.
          </Text>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            {RUNGS.map((rung) => (
              <BlockStack key={rung.title} gap="100">
                <Text as="h3" variant="headingSm">
                  {rung.title}
                </Text>
                <Text as="p" tone="subdued">
                  {rung.text}
                </Text>
              </BlockStack>
            ))}
          </InlineGrid>
        </SectionCard>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Measured, not claimed
            </Text>
            <Text as="p">
              A stable share of buyers is held out and sees no offers. Once orders come in, this
              page compares their average order value with everyone else&apos;s, with a confidence
              interval, so the lift you see is measured.
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
    </>
  );
}
