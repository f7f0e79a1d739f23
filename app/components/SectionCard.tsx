import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A card with a section heading, and what the section is for: the shape most admin sections share. */
export function SectionCard({
  title,
  description,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <Text as="h2" variant="headingMd">
      {title}
    </Text>
  );
  return (
    <Card>
      <BlockStack gap="300">
        {description ? (
          <BlockStack gap="100">
            {heading}
            <Text as="p" tone="subdued">
              {description}
            </Text>
          </BlockStack>
        ) : (
          heading
        )}
        {children}
      </BlockStack>
    </Card>
  );
}
