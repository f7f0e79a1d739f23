import { BlockStack, Box, Card, DataTable, Link, Text } from "@shopify/polaris";
import { formatAmount, formatCount, formatPercent } from "../analytics/format";
import styles from "./OfferFigures.module.css";

export interface OfferFigureRow {
  offerId: string;
  impressions: number;
  acceptances: number;
  acceptanceRate: number | null;
  revenue: number;
}

/** An offer by the merchant's title, linked to its editor; a deleted offer shows its id. */
function OfferName({ id, title }: { id: string; title: string | undefined }) {
  if (title === undefined) {
    return (
      <Text as="span" tone="subdued">
        {id} (deleted)
      </Text>
    );
  }
  return (
    <Link url={`/app/offers/${encodeURIComponent(id)}`} removeUnderline>
      {title}
    </Link>
  );
}

/**
 * Each offer's figures on Home: a table on wide screens, a list on a phone (CSS decides, so the
 * server's HTML and the hydrated page are the same).
 */
export function OfferFigures({
  offers,
  titles,
  currency,
  digits,
}: {
  offers: readonly OfferFigureRow[];
  titles: Record<string, string>;
  currency: string;
  digits: number;
}) {
  const money = (minor: number | null) => formatAmount(minor, currency, digits);
  const footer = "Impressions are treatment orders whose checkout showed the offer.";
  return (
    <Card padding="0">
      <Box padding="400">
        <Text as="h2" variant="headingMd">
          Offers
        </Text>
      </Box>
      {offers.length === 0 ? (
        <Box padding="400">
          <Text as="p" tone="subdued">
            No offer was shown or accepted in this range.
          </Text>
        </Box>
      ) : (
        <>
          <div className={styles.table}>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
              headings={[
                "Offer",
                "Impressions",
                "Acceptances",
                "Acceptance rate",
                "Attributed revenue",
              ]}
              rows={offers.map((o) => [
                <OfferName key={o.offerId} id={o.offerId} title={titles[o.offerId]} />,
                formatCount(o.impressions),
                formatCount(o.acceptances),
                formatPercent(o.acceptanceRate),
                money(o.revenue),
              ])}
              footerContent={footer}
            />
          </div>
          <div className={styles.list}>
            <Box paddingInline="400" paddingBlockEnd="400">
              <BlockStack gap="300">
                <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
                  {offers.map((o) => (
                    <li key={o.offerId}>
                      <Box paddingBlock="200" borderBlockEndWidth="025" borderColor="border">
                        <BlockStack gap="050">
                          <OfferName id={o.offerId} title={titles[o.offerId]} />
                          <Text as="p" tone="subdued" variant="bodySm">
                            {`${formatCount(o.impressions)} impressions · ${formatCount(o.acceptances)} accepted (${formatPercent(o.acceptanceRate)}) · ${money(o.revenue)} attributed`}
                          </Text>
                        </BlockStack>
                      </Box>
                    </li>
                  ))}
                </ul>
                <Text as="p" tone="subdued" variant="bodySm">
                  {footer}
                </Text>
              </BlockStack>
            </Box>
          </div>
        </>
      )}
    </Card>
  );
}
