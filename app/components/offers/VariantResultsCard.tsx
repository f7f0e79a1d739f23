import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, DataTable, InlineStack, Text } from "@shopify/polaris";
import { formatMoney } from "../../engine";
import type { VariantResultsView } from "../../models/variant-results.server";
import { formatAmount } from "../money";
import { SectionCard } from "../SectionCard";

const pct = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/**
 * Results of an offer's A/B test, copy by copy: impressions (`_ladder_shown`), acceptances
 * (`_ladder_offer`), take rate with its 95% interval, attributed revenue net of refunds, the
 * probability each copy is best, and the verdict in words. "Keep variant B" ends the test.
 */
export function VariantResultsCard({ results }: { results: VariantResultsView }) {
  const keeper = useFetcher();
  const { comparison, currency, digits } = results;
  const verdict = comparison.verdict;
  const winner = verdict.status === "winner" ? verdict.winner : null;
  const keep = (variantId: string) =>
    keeper.submit(
      { intent: "keep-variant", variantId },
      { method: "post", encType: "application/json" },
    );
  const rows = comparison.variants.map((v) => [
    v.variantId,
    v.impressions.toLocaleString("en-US"),
    v.acceptances.toLocaleString("en-US"),
    v.takeRate
      ? `${pct(v.takeRate.estimate)} (${pct(v.takeRate.low)}–${pct(v.takeRate.high)})`
      : "—",
    formatAmount(formatMoney(Math.round(v.revenue), digits), currency),
    v.probabilityBest === null ? "—" : pct(v.probabilityBest),
  ]);
  return (
    <SectionCard title="A/B test results">
      <BlockStack gap="300">
        <Banner tone={verdict.status === "winner" ? "success" : "info"}>
          <Text as="p">{verdict.text[0]?.toUpperCase() + verdict.text.slice(1)}.</Text>
        </Banner>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "text", "numeric", "numeric"]}
          headings={[
            "Variant",
            "Impressions",
            "Accepted",
            "Take rate (95% interval)",
            "Revenue",
            "Chance best",
          ]}
          rows={rows}
        />
        <InlineStack gap="200">
          {comparison.variants.map((v) => (
            <Button
              key={v.variantId}
              variant={winner === v.variantId ? "primary" : "secondary"}
              loading={keeper.state !== "idle"}
              onClick={() => keep(v.variantId)}
              accessibilityLabel={`Keep variant ${v.variantId} as the offer's only copy`}
            >
              {`Keep variant ${v.variantId}`}
            </Button>
          ))}
        </InlineStack>
        <Text as="p" tone="subdued" variant="bodySm">
          Treatment buyers since the test began. Revenue is what the accepted lines brought, net of
          refunds. Keeping a variant makes its copy the offer&apos;s only one; publish to apply.
        </Text>
      </BlockStack>
    </SectionCard>
  );
}
