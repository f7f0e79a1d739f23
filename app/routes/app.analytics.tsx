import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import {
  formatAmount,
  formatCount,
  formatPercent,
  formatSignedPercent,
} from "../components/analytics/format";
import { loadAnalyticsPage } from "../models/analytics.server";
import { startBackfill } from "../models/backfill.server";
import { mineWithMinSupport } from "../models/pairs.server";
import {
  createDraftFromPair,
  createSuggestedOffer,
  SuggestionNotFoundError,
} from "../models/suggestions.server";
import { OfferValidationError } from "../models/offers.server";
import { retryFailedEvents } from "../models/webhook-inbox.server";
import { authenticate, offlineGraphqlClient } from "../shopify.server";
import { useRefreshWhile } from "../components/useRefreshWhile";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadAnalyticsPage(session.shop);
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("backfill") }),
  z.object({ intent: z.literal("retry-webhooks") }),
  z.object({
    intent: z.literal("mine"),
    minSupportPercent: z.coerce
      .number({ message: "must be a number" })
      .min(0.01, "must be at least 0.01%")
      .max(50, "must be at most 50%"),
  }),
  z.object({
    intent: z.literal("draft"),
    productA: z.string().regex(/^\d+$/),
    productB: z.string().regex(/^\d+$/),
  }),
]);

type ActionResult =
  | { ok: true; intent: string; message: string; offerId?: string }
  | { ok: false; intent: string; field?: string; message: string };

export const action = async ({ request }: ActionFunctionArgs): Promise<ActionResult> => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      intent: "unknown",
      field: issue?.path.join("."),
      message: `${issue?.path.join(".") || "form"}: ${issue?.message ?? "invalid"}`,
    };
  }
  const input = parsed.data;
  switch (input.intent) {
    case "backfill": {
      const { started } = await startBackfill(shop, { clientFor: offlineGraphqlClient });
      return {
        ok: true,
        intent: input.intent,
        message: started ? "Import started." : "An import is already running.",
      };
    }
    case "retry-webhooks": {
      const count = await retryFailedEvents(shop, new Date());
      return { ok: true, intent: input.intent, message: `${count} events queued again.` };
    }
    case "mine": {
      const summary = await mineWithMinSupport(shop, input.minSupportPercent / 100);
      return {
        ok: true,
        intent: input.intent,
        message: `Mined ${formatCount(summary.orders)} orders: ${summary.pairs / 2} product pairs at or above ${input.minSupportPercent}% support.`,
      };
    }
    case "draft":
      try {
        const draft = await createDraftFromPair(
          shop,
          input.productA,
          input.productB,
          admin,
          createSuggestedOffer,
        );
        return {
          ok: true,
          intent: input.intent,
          message: `Draft offer “${draft.title}” created (${draft.id}).`,
          offerId: draft.id,
        };
      } catch (error) {
        if (error instanceof SuggestionNotFoundError || error instanceof OfferValidationError) {
          return { ok: false, intent: input.intent, message: error.message };
        }
        throw error;
      }
  }
};

export default function AnalyticsPage() {
  const { cohorts, suggestions, backfill, inbox } = useLoaderData<typeof loader>();
  useRefreshWhile(Boolean(backfill?.running));
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) =>
    navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  const [minSupport, setMinSupportValue] = useState(
    String(+(suggestions.minSupport * 100).toFixed(3)),
  );
  const money = (minor: number | null) => formatAmount(minor, cohorts.currency, cohorts.digits);

  return (
    <Page title="Analytics" backAction={{ content: "Home", url: "/app" }}>
      <Layout>
        {result && result.intent !== "draft" ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}

        <Layout.Section>
          <Card padding="0">
            <Box padding="400">
              <BlockStack gap="100">
                <Text as="h2" variant="headingMd">
                  Customer lifetime value by first-order cohort
                </Text>
                <Text as="p" tone="subdued">
                  Average revenue per customer (all their orders so far, net of refunds), by the
                  month of their first order and the group that order was in. Recent cohorts have
                  had less time to come back. Guests and customers whose first order did not pass
                  through Ladder are not counted.
                </Text>
              </BlockStack>
            </Box>
            {cohorts.cohorts.length > 0 ? (
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                headings={[
                  "First order",
                  "Treatment customers",
                  "Treatment revenue / customer",
                  "Holdout customers",
                  "Holdout revenue / customer",
                  "Difference",
                ]}
                rows={cohorts.cohorts.map((c) => [
                  c.month,
                  formatCount(c.treatment.customers),
                  money(c.treatment.revenuePerCustomer),
                  formatCount(c.holdout.customers),
                  money(c.holdout.revenuePerCustomer),
                  c.difference === null ? "Too few to compare" : formatSignedPercent(c.difference),
                ])}
                footerContent={`A difference is shown only when both groups have at least ${cohorts.minCustomers} customers; smaller groups differ by chance alone.`}
              />
            ) : (
              <Box padding="400">
                <Text as="p" tone="subdued">
                  No customer orders recorded yet.
                </Text>
              </Box>
            )}
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card padding="0">
            <Box padding="400">
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Frequently bought together
                </Text>
                <Text as="p" tone="subdued">
                  Product pairs from your order history. Support: share of orders with both.
                  Confidence: share of orders with the first product that also have the second. Lift
                  above 1: bought together more often than chance.
                  {suggestions.run
                    ? ` Last mined ${new Date(suggestions.run.computedAt).toLocaleString()} over ${formatCount(suggestions.run.orders)} orders.`
                    : ""}
                </Text>
                <Form method="post">
                  <InlineStack gap="200" blockAlign="end">
                    <input type="hidden" name="intent" value="mine" />
                    <div style={{ maxWidth: 200 }}>
                      <TextField
                        label="Minimum support (%)"
                        name="minSupportPercent"
                        type="number"
                        step={0.01}
                        min={0.01}
                        max={50}
                        value={minSupport}
                        onChange={setMinSupportValue}
                        autoComplete="off"
                        error={
                          result && !result.ok && result.field === "minSupportPercent"
                            ? result.message
                            : undefined
                        }
                      />
                    </div>
                    <Button submit loading={busy("mine")}>
                      Find pairs
                    </Button>
                  </InlineStack>
                </Form>
              </BlockStack>
            </Box>
            {suggestions.suggestions.length > 0 ? (
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "text"]}
                headings={[
                  "Bought together",
                  "Orders with both",
                  "Support",
                  "Lift",
                  "Suggested cross-sell",
                ]}
                rows={suggestions.suggestions.map((s) => [
                  `${s.titleA} + ${s.titleB}`,
                  formatCount(s.ordersWithBoth),
                  formatPercent(s.support, 2),
                  s.lift.toFixed(2),
                  <PairSuggestion key={`${s.productA}-${s.productB}`} pair={s} />,
                ])}
              />
            ) : (
              <Box padding="400">
                <Text as="p" tone="subdued">
                  {suggestions.run
                    ? "No pair reaches the minimum support. Lower it, or wait for more orders."
                    : "Pairs are mined after the order history import, or when you select Find pairs."}
                </Text>
              </Box>
            )}
          </Card>
        </Layout.Section>

        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Order history
                </Text>
                {backfill ? (
                  <Badge
                    tone={
                      backfill.status === "failed"
                        ? "critical"
                        : backfill.running
                          ? "info"
                          : "success"
                    }
                  >
                    {backfill.status}
                  </Badge>
                ) : null}
              </InlineStack>
              <Text as="p" tone="subdued">
                {backfill
                  ? backfill.running
                    ? `Importing orders since ${backfill.since.slice(0, 10)}: ${formatCount(backfill.objectCount)} records exported, ${formatCount(backfill.ordersImported)} orders recorded.`
                    : backfill.status === "failed"
                      ? `The last import failed: ${backfill.error}`
                      : `Last import ${backfill.finishedAt ? new Date(backfill.finishedAt).toLocaleString() : ""}: ${formatCount(backfill.ordersImported)} new orders since ${backfill.since.slice(0, 10)}.`
                  : "Ladder imports the last 60 days of orders when it is installed; new orders arrive by webhook."}
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="backfill" />
                <Button submit loading={busy("backfill")} disabled={backfill?.running}>
                  Import the last 60 days again
                </Button>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Order updates
              </Text>
              <Text as="p" tone="subdued">
                {inbox.pending === 0 && inbox.failed === 0
                  ? "Every order update Shopify sent has been processed."
                  : `${formatCount(inbox.pending)} waiting, ${formatCount(inbox.failed)} failed after retries.`}
                {inbox.lastError ? ` Last error: ${inbox.lastError}` : ""}
              </Text>
              {inbox.failed > 0 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="retry-webhooks" />
                  <Button submit loading={busy("retry-webhooks")}>
                    Retry failed updates
                  </Button>
                </Form>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type PairView = ReturnType<
  typeof useLoaderData<typeof loader>
>["suggestions"]["suggestions"][number];

/** What to do with a pair: open the offer that already pairs them, or draft the cross-sell. */
function PairSuggestion({ pair }: { pair: PairView }) {
  if (pair.offer) {
    return (
      <BlockStack gap="100">
        <InlineStack>
          <Badge tone="success">Has an offer</Badge>
        </InlineStack>
        <Link url={`/app/offers/${encodeURIComponent(pair.offer.key)}`}>{pair.offer.title}</Link>
      </BlockStack>
    );
  }
  return (
    <BlockStack gap="100">
      <Text as="span">
        {`Offer ${pair.titleB} to buyers of ${pair.titleA} (${formatPercent(pair.confidence)} of them buy it)`}
      </Text>
      {pair.note ? (
        <Text as="span" tone="subdued" variant="bodySm">
          {pair.note}
        </Text>
      ) : null}
      {pair.suggest ? (
        <DraftButton
          productA={pair.productA}
          productB={pair.productB}
          label={`Create draft offer: ${pair.titleB} with ${pair.titleA}`}
        />
      ) : null}
    </BlockStack>
  );
}

function DraftButton({
  productA,
  productB,
  label,
}: {
  productA: string;
  productB: string;
  label: string;
}) {
  const fetcher = useFetcher<typeof action>();
  const done = fetcher.data;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="draft" />
      <input type="hidden" name="productA" value={productA} />
      <input type="hidden" name="productB" value={productB} />
      <BlockStack gap="100">
        <InlineStack>
          <Button
            submit
            size="slim"
            loading={fetcher.state !== "idle"}
            disabled={done?.ok === true}
            accessibilityLabel={done?.ok ? undefined : label}
          >
            {done?.ok ? "Draft created" : "Create draft offer"}
          </Button>
        </InlineStack>
        {done?.ok && done.offerId ? (
          <Link url={`/app/offers/${encodeURIComponent(done.offerId)}`}>Open the draft</Link>
        ) : null}
        {done && !done.ok ? (
          <Text as="span" tone="critical" variant="bodySm">
            {done.message}
          </Text>
        ) : null}
      </BlockStack>
    </fetcher.Form>
  );
}
