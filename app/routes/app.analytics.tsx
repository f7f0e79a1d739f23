import type { LoaderFunctionArgs } from "@remix-run/node";
import { Text } from "@shopify/polaris";
import { ComingSoon } from "../components/ComingSoon";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function AnalyticsPage() {
  return (
    <ComingSoon title="Analytics">
      <Text as="p">
        Orders with accepted offers, and the treatment group compared with the holdout group, so you
        see the lift Ladder measurably adds.
      </Text>
    </ComingSoon>
  );
}
