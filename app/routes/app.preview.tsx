import type { LoaderFunctionArgs } from "@remix-run/node";
import { Text } from "@shopify/polaris";
import { ComingSoon } from "../components/ComingSoon";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function PreviewPage() {
  return (
    <ComingSoon title="Preview">
      <Text as="p">
        Build a cart from your products and see exactly which offers a buyer would get, which
        discounts apply, and why any offer was left out.
      </Text>
    </ComingSoon>
  );
}
