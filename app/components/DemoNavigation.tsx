import { Badge, Box, InlineStack, Link, Text } from "@shopify/polaris";
import { NAV_ITEMS } from "./navigation";

/**
 * Outside the Shopify admin there is no App Bridge sidebar, so the demo shows the same sections as
 * a bar above the page.
 */
export function DemoNavigation({ shop }: { shop: string }) {
  return (
    <Box background="bg-surface" borderBlockEndWidth="025" borderColor="border" padding="300">
      <InlineStack gap="400" blockAlign="center" wrap>
        <Text as="span" variant="headingMd">
          Ladder
        </Text>
        <Badge tone="attention">Demo store</Badge>
        <nav aria-label="Ladder">
          <InlineStack gap="400">
            {NAV_ITEMS.map((item) => (
              <Link key={item.to} url={item.to} removeUnderline>
                {item.label}
              </Link>
            ))}
          </InlineStack>
        </nav>
        {/* The demo storefront (demo mode only): what buyers see and are charged. */}
        <Link url="/storefront" target="_blank">
          View your storefront
        </Link>
        <Text as="span" tone="subdued">
          {shop}
        </Text>
      </InlineStack>
    </Box>
  );
}
