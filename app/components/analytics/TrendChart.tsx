import { DataTable, Text } from "@shopify/polaris";
import { lazy, Suspense, useSyncExternalStore } from "react";
import type { TrendPoint } from "../../models/analytics.server";
import { formatAmount } from "./format";

// Polaris Viz measures the DOM (ResizeObserver, canvas text metrics), so it renders in the browser
// only: the module is loaded lazily after hydration, and the server renders the data table.
// The light theme with the scale always rounded up past the largest value: by default Polaris Viz
// lets a spike overflow above the top gridline, where the chart's box cuts it off.
const THEMES = { Light: { grid: { verticalOverflow: false } } };

const LineChart = lazy(async () => {
  const viz = await import("@shopify/polaris-viz");
  function Chart(props: Parameters<typeof viz.LineChart>[0]) {
    return (
      <viz.PolarisVizProvider themes={THEMES}>
        <viz.LineChart {...props} />
      </viz.PolarisVizProvider>
    );
  }
  return { default: Chart };
});

const noSubscription = () => () => {};

// React 18 has no `inert` prop type; the attribute removes the chart from focus and assistive tech.
const INERT = { inert: "" } as Record<string, string>;

function wholeAmount(major: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    maximumFractionDigits: 0,
  }).format(major);
}

export function TrendChart({
  trend,
  bucket,
  currency,
  digits,
}: {
  trend: TrendPoint[];
  bucket: "day" | "week";
  currency: string;
  digits: number;
}) {
  // False while rendering on the server and hydrating, true in the browser afterwards.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const series = (name: string, pick: (p: TrendPoint) => number | null) => ({
    name,
    data: trend.map((p) => ({
      key: p.period,
      value: pick(p) === null ? null : (pick(p) ?? 0) / 10 ** digits,
    })),
  });
  const data = [
    series("Treatment AOV", (p) => p.treatmentAov),
    series("Holdout AOV", (p) => p.holdoutAov),
  ];
  const fallback = (
    <Text as="p" tone="subdued">
      Loading chart…
    </Text>
  );
  return (
    <div>
      {/* The chart is for the eye; its points are not accessible (Polaris Viz draws unlabelled
          images), so it is inert and the same figures are in the table below. */}
      <div style={{ height: 260 }} {...INERT}>
        {mounted ? (
          <Suspense fallback={fallback}>
            <LineChart
              data={data}
              theme="Light"
              isAnimated={false}
              yAxisOptions={{ labelFormatter: (v) => wholeAmount(Number(v), currency) }}
            />
          </Suspense>
        ) : (
          fallback
        )}
      </div>
      <details>
        <summary>
          <Text as="span" tone="subdued">
            Show the figures as a table ({bucket === "week" ? "by week" : "by day"})
          </Text>
        </summary>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
          headings={[
            bucket === "week" ? "Week of" : "Date",
            "Treatment AOV",
            "Holdout AOV",
            "Orders (treatment / holdout)",
            "Attributed revenue",
          ]}
          rows={trend.map((p) => [
            p.period,
            formatAmount(p.treatmentAov, currency, digits),
            formatAmount(p.holdoutAov, currency, digits),
            `${p.treatmentOrders} / ${p.holdoutOrders}`,
            formatAmount(p.attributed, currency, digits),
          ])}
        />
      </details>
    </div>
  );
}
