import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A section of the admin that a later release fills in; it says what is coming. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Page title={title} backAction={{ content: "Home", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Coming soon
              </Text>
              {children}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
