import { Banner, BlockStack, Link, List, Text } from "@shopify/polaris";
import type { EditorOverlap } from "../../models/offer-editor.server";

/**
 * In the editor: the active offers this one overlaps, named and linked, with what the buyer
 * actually gets (the engine's outcome, shared with the offers list and publish).
 */
export function EditorOverlapBanner({
  overlaps,
  active,
}: {
  overlaps: readonly EditorOverlap[];
  active: boolean;
}) {
  if (overlaps.length === 0) return null;
  const others = overlaps.flatMap((o) => o.others);
  const title =
    others.length === 1
      ? `This offer overlaps “${others[0]?.title ?? ""}”`
      : `This offer overlaps ${others.length} active offers`;
  return (
    <Banner tone="warning" title={title}>
      <BlockStack gap="200">
        <Text as="p">
          {active
            ? "Buyers get one of them, never both added up:"
            : "If you activate it, buyers get one of them, never both added up:"}
        </Text>
        <List>
          {overlaps.map((o) => (
            <List.Item key={o.others.map((x) => x.id).join("+")}>
              {o.others.map((x, i) => (
                <span key={x.id}>
                  {i > 0 ? " and " : null}
                  <Link url={`/app/offers/${encodeURIComponent(x.id)}`}>{x.title}</Link>
                </span>
              ))}{" "}
              ({o.shared}): {o.outcome}
            </List.Item>
          ))}
        </List>
        <Text as="p" tone="subdued">
          To keep only one, set the other to draft, or give them different triggers.
        </Text>
      </BlockStack>
    </Banner>
  );
}
