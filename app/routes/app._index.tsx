import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, List, Page, Text } from "@shopify/polaris";
import { authenticate, isDemoMode } from "../shopify.server";
import { getShopSummary } from "../shopify/shop.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin } = await authenticate.admin(request);
  const shop = await getShopSummary(admin);
  return { shop, demo: isDemoMode };
};

const RUNGS = [
  {
    title: "Bundles",
    text: "Complete the set: when a buyer has part of a bundle, offer the missing piece at the bundle price.",
  },
  {
    title: "Good → better → best",
    text: "Offer the next step up from what the buyer chose, never a leap they would not take.",
  },
  {
    title: "Quantity breaks",
    text: "“Add 2 more to save 10%”: tiers by quantity, applied exactly as shown.",
  },
  {
    title: "Free shipping and gifts",
    text: "Show progress to a threshold, then deliver the free shipping or the gift that was promised.",
  },
];

export default function Home() {
  const { shop, demo } = useLoaderData<typeof loader>();

  return (
    <Page title="Ladder" subtitle="Upsells and cross-sells, one step of value at a time">
      <Layout>
        {demo ? (
          <Layout.Section>
            <Banner tone="info" title="You are looking at the demo store">
              <p>
                Everything runs locally against a seeded catalog (car wash, camera shop, chocolate
                shop, phone and case). Nothing is sent to Shopify.
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                A good shop assistant, at checkout
              </Text>
              <Text as="p">
                Ladder shows buyers the offers that match their cart at Shopify checkout and on the
                thank-you page: relevant, commensurate with what they already chose, never more than
                a few at once, and never to a customer with an open complaint. Every offer explains
                why it is shown, and the discount it promises is the discount applied.
              </Text>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                {RUNGS.map((rung) => (
                  <BlockStack key={rung.title} gap="100">
                    <Text as="h3" variant="headingSm">
                      {rung.title}
                    </Text>
                    <Text as="p" tone="subdued">
                      {rung.text}
                    </Text>
                  </BlockStack>
                ))}
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Your store
                </Text>
                <Text as="p">{shop.name}</Text>
                <Text as="p" tone="subdued">
                  {shop.myshopifyDomain} · prices in {shop.currencyCode}
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Measured, not claimed
                </Text>
                <Text as="p">
                  A stable share of buyers is held out and sees no offers, so the lift Ladder
                  reports is the difference you can measure.
                </Text>
                <List>
                  <List.Item>Create offers under Offers.</List.Item>
                  <List.Item>Try a cart in Preview.</List.Item>
                  <List.Item>Compare treatment and holdout in Analytics.</List.Item>
                </List>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
