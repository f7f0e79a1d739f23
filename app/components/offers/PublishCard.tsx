import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  List,
  Modal,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { ProblemList } from "../ProblemList";
import type { PublishResult, PublishStatus } from "../../models/publish.server";
import { itemList } from "../../offers/stock";
import { kb } from "../../offers/bytes";

export function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** The published version and time, the size against the budget, and the Publish button. */
export function PublishCard({ status }: { status: PublishStatus }) {
  const fetcher = useFetcher<PublishResult>();
  const publishing = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const { current, plan } = status;
  const overBudget = plan.bytes > status.budgetBytes;
  const overLimit = plan.bytes > status.limitBytes;
  const [confirming, setConfirming] = useState(false);
  const { changes } = status;
  const publish = () => {
    setConfirming(false);
    fetcher.submit({}, { method: "post", action: "/app/publish", encType: "application/json" });
  };

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="100">
            <InlineStack align="start" gap="200" blockAlign="center">
              <Text as="h2" variant="headingMd">
                Checkout
              </Text>
              {status.pending ? (
                <Badge tone="attention">Unpublished changes</Badge>
              ) : current ? (
                <Badge tone="success">Up to date</Badge>
              ) : null}
            </InlineStack>
            <Text as="p" tone="subdued">
              {current
                ? `Version ${current.version} published ${formatWhen(current.publishedAt)} · ${current.offerCount} active offer${current.offerCount === 1 ? "" : "s"} · ${kb(current.bytes)}${current.trigger === "merchant" ? "" : " (republished automatically after a product change)"}`
                : "Nothing published yet: buyers see no offers until you publish."}
            </Text>
          </BlockStack>
          <Button
            variant="primary"
            loading={publishing}
            disabled={plan.problems.length > 0 || overLimit}
            onClick={() => setConfirming(true)}
          >
            Publish
          </Button>
        </InlineStack>

        {plan.problems.length === 0 ? (
          <BlockStack gap="100">
            <Text
              as="p"
              id="publish-size"
              variant="bodySm"
              tone={overBudget ? "caution" : "subdued"}
            >
              Next publish: {plan.offerCount} active offer{plan.offerCount === 1 ? "" : "s"},{" "}
              {kb(plan.bytes)} of the {kb(status.budgetBytes)} budget (Shopify’s limit is{" "}
              {kb(status.limitBytes)})
            </Text>
            <ProgressBar
              progress={Math.min(100, Math.round((plan.bytes / status.budgetBytes) * 1000) / 10)}
              size="small"
              tone={overBudget ? "critical" : "primary"}
              ariaLabelledBy="publish-size"
            />
          </BlockStack>
        ) : (
          <Banner tone="critical" title="Fix these before publishing">
            <ProblemList problems={plan.problems} />
          </Banner>
        )}
        {plan.incomplete.length > 0 ? (
          <Text as="p" tone="subdued" variant="bodySm">
            Not published, incomplete: {plan.incomplete.map((o) => o.title).join(", ")}.
          </Text>
        ) : null}

        {result?.ok ? (
          <Banner tone="success" title={`Published version ${result.publication.version}`}>
            <BlockStack gap="100">
              <p>
                {result.publication.offerCount} active offer
                {result.publication.offerCount === 1 ? "" : "s"} are live at checkout (
                {kb(result.publication.bytes)}).
              </p>
              {result.leftOut.length > 0 ? (
                <p>
                  Not shown to buyers while sold out:{" "}
                  {result.leftOut.map((o) => `${o.offerTitle} (${itemList(o.items)})`).join("; ")}.
                  Ladder puts them back by itself when they are in stock again.
                </p>
              ) : null}
              {result.snapshots > 0 ? (
                <p>
                  Offers triggered by a collection or a tag were published with the products those
                  hold now. Ladder republishes when a product gains a trigger tag or a new variant;
                  publish again after you change a collection or remove a tag.
                </p>
              ) : null}
            </BlockStack>
          </Banner>
        ) : null}
        {result && !result.ok ? (
          <Banner tone="critical" title="Not published">
            <BlockStack gap="100">
              <p>{result.message}</p>
              {result.problems.length > 0 ? <ProblemList problems={result.problems} /> : null}
            </BlockStack>
          </Banner>
        ) : null}
      </BlockStack>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={current ? "Publish these changes to checkout?" : "Publish your offers to checkout?"}
        primaryAction={{ content: "Publish", onAction: publish, loading: publishing }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            <Text as="p">
              {current
                ? `Since version ${current.version} (${formatWhen(current.publishedAt)}):`
                : "Nothing is published yet. Buyers will see:"}
            </Text>
            <ChangeGroup title="Added" offers={changes.added} />
            <ChangeGroup title="Changed" offers={changes.changed} />
            <ChangeGroup title="Removed from checkout" offers={changes.removed} />
            {changes.settingsChanged ? <Text as="p">The guardrails (settings) change.</Text> : null}
            {!status.pending ? (
              <Text as="p">Nothing changes at checkout: this publishes the same offers again.</Text>
            ) : null}
            {status.overlaps.length > 0 ? (
              <Text as="p" tone="caution">
                {status.overlaps.length} overlapping pair
                {status.overlaps.length === 1 ? "" : "s"}: buyers get one offer of each (see the
                warning above).
              </Text>
            ) : null}
            <Text as="p" tone="subdued">
              Size: {current ? `${kb(current.bytes)} → ` : ""}
              {kb(plan.bytes)} of the {kb(status.budgetBytes)} budget · {plan.offerCount} active
              offer{plan.offerCount === 1 ? "" : "s"}.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}

function ChangeGroup({
  title,
  offers,
}: {
  title: string;
  offers: { id: string; title: string }[];
}) {
  if (offers.length === 0) return null;
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        {title} ({offers.length})
      </Text>
      <List>
        {offers.map((o) => (
          <List.Item key={o.id}>{o.title}</List.Item>
        ))}
      </List>
    </BlockStack>
  );
}
