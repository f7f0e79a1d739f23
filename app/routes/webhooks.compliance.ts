import type { ActionFunctionArgs } from "@remix-run/node";
import {
  CompliancePayloadError,
  handleComplianceRequest,
  isComplianceTopic,
} from "../models/compliance.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, payload } = await authenticate.webhook(request);
  if (!isComplianceTopic(topic)) return new Response("Unexpected topic", { status: 400 });
  try {
    const report = await handleComplianceRequest(shop, topic, payload);
    // A data request is answered with what Ladder stores about the customer.
    return report ? Response.json(report) : new Response();
  } catch (error) {
    if (error instanceof CompliancePayloadError)
      return new Response(error.message, { status: 400 });
    throw error;
  }
};
