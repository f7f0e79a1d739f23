import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, List, Text } from "@shopify/polaris";
import { KIND_LABELS } from "../../offers/describe";
import type { Overlap } from "../../offers/overlaps";

/**
 * Overlapping active offers with what buyers actually get, and a one-click resolve: set the
 * offer that stands aside to draft.
 */
export function OverlapWarning({ overlaps }: { overlaps: readonly Overlap[] }) {
  const fetcher = useFetcher();
  if (overlaps.length === 0) return null;
  const busy = fetcher.state !== "idle";
  return (
    <Banner
      tone="warning"
      title={`${overlaps.length} overlapping offer${overlaps.length === 1 ? " pair" : " pairs"}: buyers get one of each`}
    >
      <BlockStack gap="300">
        <Text as="p">
          Ladder never adds these up: on each line the single offer that takes the most applies. Set
          the other to draft, or keep both knowingly.
        </Text>
        <List>
          {overlaps.map((o) => {
            const [kept, ...aside] = o.offers;
            return (
              <List.Item key={o.offers.map((x) => x.id).join("+")}>
                <BlockStack gap="100">
                  <Text as="span">
                    <Text as="span" fontWeight="semibold">
                      {KIND_LABELS[o.kind]}:
                    </Text>{" "}
                    {o.offers.map((x) => `“${x.title}”`).join(" and ")} ({o.shared}). {o.outcome}
                  </Text>
                  {kept ? (
                    <InlineStack gap="200">
                      {aside.map((x) => (
                        <Button
                          key={x.id}
                          size="slim"
                          loading={busy}
                          onClick={() =>
                            fetcher.submit(
                              { intent: "draft", keys: [x.id] },
                              {
                                method: "post",
                                action: "/app/offers",
                                encType: "application/json",
                              },
                            )
                          }
                          accessibilityLabel={`Set “${x.title}” to draft, keep “${kept.title}”`}
                        >
                          {`Set “${x.title}” to draft`}
                        </Button>
                      ))}
                    </InlineStack>
                  ) : null}
                </BlockStack>
              </List.Item>
            );
          })}
        </List>
      </BlockStack>
    </Banner>
  );
}
