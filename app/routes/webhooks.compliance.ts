import type { ActionFunctionArgs } from "@remix-run/node";
import { handleComplianceRequest, isComplianceTopic } from "../models/compliance.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic } = await authenticate.webhook(request);
  if (!isComplianceTopic(topic)) return new Response("Unexpected topic", { status: 400 });
  await handleComplianceRequest(shop, topic);
  return new Response();
};
