import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OfferEditor } from "../components/offers/OfferEditor";
import { RouteError } from "../components/RouteError";
import { newOfferEditor } from "../models/offer-editor.server";
import { saveOffer } from "../models/offers.server";
import { isOfferKind } from "../offers/form";
import { asRecord, notFound, readJson } from "../routing.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  if (!isOfferKind(params.kind)) throw notFound("Offer kind");
  return newOfferEditor(session.shop, admin, params.kind);
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  if (!isOfferKind(params.kind)) throw notFound("Offer kind");
  const body = asRecord(await readJson(request));
  const offer = { ...asRecord(body.offer), kind: params.kind };
  const result = await saveOffer(session.shop, admin, null, offer);
  if ("notFound" in result) throw notFound("Offer");
  if (!result.ok) return data({ ok: false as const, problems: result.problems }, { status: 422 });
  return redirect(`/app/offers/${encodeURIComponent(result.key)}?created=1`);
};

export default function NewOfferPage() {
  const editor = useLoaderData<typeof loader>();
  return <OfferEditor data={editor} />;
}

export function ErrorBoundary() {
  return <RouteError backUrl="/app/offers" backLabel="Offers" />;
}
