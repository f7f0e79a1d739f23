import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { updateSessionScope } from "../models/session.server";
import { authenticate } from "../shopify.server";

const ScopesUpdatePayload = z.object({ current: z.array(z.string()) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await authenticate.webhook(request);
  const parsed = ScopesUpdatePayload.safeParse(payload);
  if (!parsed.success) return new Response("Unexpected payload", { status: 400 });
  if (session) await updateSessionScope(session.id, parsed.data.current);
  return new Response();
};
