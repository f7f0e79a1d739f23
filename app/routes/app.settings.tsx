import type { LoaderFunctionArgs } from "@remix-run/node";
import { Text } from "@shopify/polaris";
import { ComingSoon } from "../components/ComingSoon";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function SettingsPage() {
  return (
    <ComingSoon title="Settings">
      <Text as="p">
        How many offers to show at once, the price ratio an offer may not exceed, the cooldown after
        an accepted offer, the holdout share, and the customer tags that mute or limit offers.
      </Text>
    </ComingSoon>
  );
}
