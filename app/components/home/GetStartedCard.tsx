import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  ProgressBar,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import type { GetStarted, GetStartedStep, StepState } from "../../models/get-started.server";

const STATE_BADGE: Record<StepState, { tone?: "success" | "attention"; text: string }> = {
  done: { tone: "success", text: "Done" },
  todo: { tone: "attention", text: "To do" },
  waiting: { text: "After an earlier step" },
};

/** One click creates a template's drafts (the offers page's action) and opens the first. */
function TemplatePicker({ templates }: { templates: GetStarted["templates"] }) {
  const fetcher = useFetcher();
  const [template, setTemplate] = useState(templates[0]?.id ?? "");
  return (
    <InlineStack gap="200" blockAlign="end" wrap>
      <Box minWidth="16rem">
        <Select
          label="Starter template"
          options={templates.map((t) => ({ label: t.title, value: t.id }))}
          value={template}
          onChange={setTemplate}
        />
      </Box>
      <Button
        variant="primary"
        loading={fetcher.state !== "idle"}
        onClick={() =>
          fetcher.submit(
            { intent: "template", template },
            { method: "post", encType: "application/json", action: "/app/offers" },
          )
        }
      >
        Use template
      </Button>
    </InlineStack>
  );
}

function Step({
  step,
  number,
  templates,
}: {
  step: GetStartedStep;
  number: number;
  templates: GetStarted["templates"];
}) {
  const badge = STATE_BADGE[step.state];
  const headingId = `get-started-${step.id}`;
  return (
    <li aria-labelledby={headingId}>
      <Box paddingBlock="300" borderBlockStartWidth={number > 1 ? "025" : "0"} borderColor="border">
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center" wrap>
            <Text as="h3" variant="headingSm" id={headingId}>
              {number}. {step.title}
            </Text>
            <Badge tone={badge.tone}>{badge.text}</Badge>
          </InlineStack>
          <Text as="p" tone={step.state === "done" ? "subdued" : undefined}>
            {step.detail}
          </Text>
          {step.id === "create" && step.state !== "done" ? (
            <TemplatePicker templates={templates} />
          ) : null}
          <InlineStack gap="200" wrap>
            {step.links.map((link) => (
              <Button
                key={link.url}
                url={link.url}
                target={link.external ? "_top" : undefined}
                accessibilityLabel={`${link.content} (step ${number}: ${step.title})`}
              >
                {link.content}
              </Button>
            ))}
          </InlineStack>
        </BlockStack>
      </Box>
    </li>
  );
}

/** Home's first run: the path from no offers to offers in front of buyers. */
export function GetStartedCard({ getStarted }: { getStarted: GetStarted }) {
  const done = getStarted.steps.filter((s) => s.state === "done").length;
  const total = getStarted.steps.length;
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingLg">
            Get started
          </Text>
          <Text as="p" tone="subdued">
            Five steps to put your first offers in front of buyers. Nothing reaches checkout or your
            storefront until you publish; once offers are live, this page shows what they earn.
          </Text>
        </BlockStack>
        <BlockStack gap="100">
          <Text as="p" id="get-started-progress">
            {done} of {total} steps done
          </Text>
          <ProgressBar
            progress={Math.round((done / total) * 100)}
            size="small"
            tone="success"
            ariaLabelledBy="get-started-progress"
          />
        </BlockStack>
        <ol style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {getStarted.steps.map((step, i) => (
            <Step key={step.id} step={step} number={i + 1} templates={getStarted.templates} />
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}
