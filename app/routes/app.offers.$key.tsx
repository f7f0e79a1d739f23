import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OfferEditor } from "../components/offers/OfferEditor";
import { RouteError } from "../components/RouteError";
import { offerEditor } from "../models/offer-editor.server";
import { deleteOffers, saveOffer } from "../models/offers.server";
import { keepVariant } from "../models/variant-results.server";
import { asRecord, notFound, readJson } from "../routing.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const editor = await offerEditor(session.shop, admin, params.key ?? "");
  if (!editor) throw notFound("Offer");
  return editor;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  const key = params.key ?? "";
  const body = asRecord(await readJson(request));
  if (body.intent === "keep-variant") {
    const kept = await keepVariant(session.shop, admin, key, String(body.variantId ?? ""));
    if ("notFound" in kept) throw notFound("Offer");
    if (!kept.ok) return data({ ok: false as const, problems: kept.problems }, { status: 422 });
    return { ok: true as const, key, complete: kept.complete, problems: kept.problems };
  }
  if (body.intent === "delete") {
    if ((await deleteOffers(session.shop, [key])) === 0) throw notFound("Offer");
    return redirect("/app/offers?deleted=1");
  }
  const result = await saveOffer(session.shop, admin, key, body.offer);
  if ("notFound" in result) throw notFound("Offer");
  if (!result.ok) return data({ ok: false as const, problems: result.problems }, { status: 422 });
  return {
    ok: true as const,
    key: result.key,
    complete: result.complete,
    problems: result.problems,
  };
};

export default function EditOfferPage() {
  const editor = useLoaderData<typeof loader>();
  return <OfferEditor data={editor} />;
}

export function ErrorBoundary() {
  return <RouteError backUrl="/app/offers" backLabel="Offers" />;
}
