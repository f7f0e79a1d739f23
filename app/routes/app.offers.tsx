import type { LoaderFunctionArgs } from "@remix-run/node";
import { Text } from "@shopify/polaris";
import { ComingSoon } from "../components/ComingSoon";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function OffersPage() {
  return (
    <ComingSoon title="Offers">
      <Text as="p">
        Bundles, upgrades, quantity breaks, free-shipping and gift incentives: create them here,
        import or export them as JSON, and publish them to checkout.
      </Text>
    </ComingSoon>
  );
}
