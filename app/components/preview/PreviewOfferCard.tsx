import { Badge, BlockStack, Box, Button, InlineStack, Text, Thumbnail } from "@shopify/polaris";
import type { ShownOffer } from "../../engine";
import type { PreviewImage } from "../../models/preview.server";
import { formatAmount } from "../money";

interface PreviewOfferCardProps {
  offer: ShownOffer;
  currency: string;
  /** The offered item's image, as checkout's card shows it; none when the catalog has none. */
  image?: PreviewImage;
}

/** One offer as checkout's card shows it: image, headline, reason, price, savings, action. */
export function PreviewOfferCard({ offer, currency, image }: PreviewOfferCardProps) {
  const verb = offer.action.type === "replace-line" ? "Upgrade" : "Add";
  return (
    <Box borderColor="border" borderWidth="025" borderRadius="200" padding="300">
      <InlineStack align="space-between" blockAlign="center" gap="300" wrap={false}>
        <InlineStack blockAlign="center" gap="300" wrap={false}>
          {image ? <Thumbnail source={image.url} alt={image.alt} size="small" /> : null}
          <BlockStack gap="100">
            <Text as="p" fontWeight="semibold">
              {offer.headline}
            </Text>
            <Text as="p" tone="subdued">
              {offer.why}
            </Text>
            <InlineStack align="start" gap="200">
              {offer.price !== undefined ? (
                <Text as="span">{formatAmount(offer.price, currency)}</Text>
              ) : null}
              {offer.savings !== undefined && Number(offer.savings) > 0 ? (
                <Badge tone="success">{`Save ${formatAmount(offer.savings, currency)}`}</Badge>
              ) : null}
            </InlineStack>
          </BlockStack>
        </InlineStack>
        <Button disabled accessibilityLabel={`${verb} (preview only)`}>
          {verb}
        </Button>
      </InlineStack>
    </Box>
  );
}
