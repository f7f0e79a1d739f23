import { Banner, BlockStack, Box, List, Text } from "@shopify/polaris";
import { fieldLabel, type OfferForm } from "../../offers/form";
import type { previewCopy } from "./copy-preview";

/** What the editor tells the merchant about the offer as typed: its problems and its copy. */

export function ProblemsBanner({
  errors,
  kind,
  failed,
  status,
}: {
  errors: Record<string, string>;
  kind: OfferForm["kind"];
  failed: boolean;
  status: string;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  const title = failed
    ? status === "active"
      ? "Not saved: an active offer must be complete"
      : "Not saved"
    : "This draft is incomplete: finish it to activate it";
  return (
    <Banner tone={failed ? "critical" : "warning"} title={title}>
      <List>
        {entries.map(([field, message]) => (
          <List.Item key={field}>
            {fieldLabel(field, kind)}: {message}
          </List.Item>
        ))}
      </List>
    </Banner>
  );
}

export function CopySample({
  label,
  copy,
}: {
  label: string;
  copy: ReturnType<typeof previewCopy>;
}) {
  return (
    <Box background="bg-surface-secondary" padding="300" borderRadius="200">
      <BlockStack gap="100">
        <Text as="p" tone="subdued" variant="bodySm">
          {label}
        </Text>
        <Text as="p" fontWeight="semibold">
          {copy.headline ?? "Finish the offer to see the headline Ladder writes."}
        </Text>
        {copy.why ? (
          <Text as="p" tone="subdued">
            {copy.why}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}
