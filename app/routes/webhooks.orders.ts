import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "../models/webhook-inbox.server";
import { isInboxTopic } from "../models/webhook-processor.server";
import { authenticate } from "../shopify.server";

/**
 * orders/create, orders/updated, refunds/create and customers/update: verified (401 when forged),
 * stored once per event id, acknowledged; the worker processes them after the response.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, eventId, webhookId, payload } = await authenticate.inboxWebhook(request);
  if (!isInboxTopic(topic)) return new Response("Unexpected topic", { status: 400 });
  await acceptWebhook({ shop, topic, eventId: eventId ?? webhookId, payload });
  return new Response();
};
