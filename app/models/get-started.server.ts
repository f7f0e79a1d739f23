/**
 * Home's first run: until the shop has published at least one offer, Home leads the merchant
 * through the path that gets offers in front of buyers (a starter template, the guardrails, the
 * preview, the blocks in the theme and checkout, publish). Each step's state is read from what
 * Ladder stores; the theme and checkout editors belong to Shopify, so placing the blocks is a step
 * Ladder can link to but not see.
 */
import prisma from "../db.server";
import { DEFAULT_SETTINGS } from "../engine";
import { OFFER_TEMPLATES } from "../offers/templates";
import type { AdminApi } from "../shopify/admin.server";
import { getShopSummary } from "../shopify/shop.server";
import { getShopSetup } from "./shop-settings.server";

export type StepState = "done" | "todo" | "waiting";

export interface StepLink {
  content: string;
  url: string;
  /** Shopify admin pages open outside the embedded app. */
  external: boolean;
}

export interface GetStartedStep {
  id: "create" | "guardrails" | "preview" | "blocks" | "publish";
  title: string;
  state: StepState;
  /** What the state means for this shop, in one or two sentences. */
  detail: string;
  links: StepLink[];
}

export interface GetStarted {
  steps: GetStartedStep[];
  /** Starter templates the first step offers (one click creates drafts). */
  templates: { id: string; title: string }[];
  /** Null when Shopify could not be asked (the step then explains both cases). */
  shopifyPlus: boolean | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Theme editor deep links: the product and cart blocks, and the app embed. */
function themeLinks(shopDomain: string, apiKey: string): StepLink[] {
  const editor = `https://${shopDomain}/admin/themes/current/editor`;
  const block = (template: string, handle: string) =>
    `${editor}?template=${template}&addAppBlockId=${encodeURIComponent(`${apiKey}/${handle}`)}&target=mainSection`;
  return [
    { content: "Add to product pages", url: block("product", "product-offers"), external: true },
    { content: "Add to the cart page", url: block("cart", "cart-offers"), external: true },
    {
      content: "Turn on the cart drawer embed",
      url: `${editor}?context=apps&activateAppId=${encodeURIComponent(`${apiKey}/ladder-embed`)}`,
      external: true,
    },
  ];
}

function blocksStep(
  shopDomain: string,
  shopifyPlus: boolean | null,
  demo: boolean,
): GetStartedStep {
  const checkout =
    shopifyPlus === true
      ? "On Shopify Plus, add Ladder's checkout block to the information, shipping or payment step and the thank-you page."
      : shopifyPlus === false
        ? "Checkout steps show app blocks on Shopify Plus only; on your plan, add Ladder's block to the thank-you page."
        : "Add Ladder's checkout block to the thank-you page, and on Shopify Plus to the information, shipping or payment step too.";
  const links: StepLink[] = demo
    ? [{ content: "Open the demo storefront", url: "/storefront", external: true }]
    : [
        ...themeLinks(shopDomain, process.env.SHOPIFY_API_KEY ?? ""),
        {
          content: "Open the checkout editor",
          url: `https://${shopDomain}/admin/settings/checkout/editor`,
          external: true,
        },
      ];
  return {
    id: "blocks",
    title: "Place Ladder's blocks",
    state: "todo",
    detail: `Product page and cart blocks work on every plan. ${checkout} Ladder can't see your theme, so check this one yourself.`,
    links,
  };
}

/** Shopify Plus or not; null when the Admin API did not answer (Home still loads). */
async function isShopifyPlus(admin: AdminApi): Promise<boolean | null> {
  try {
    return (await getShopSummary(admin)).plan.shopifyPlus;
  } catch {
    return null;
  }
}

/** Null once the shop has published offers: Home is then the dashboard. */
export async function getStarted(
  shop: string,
  admin: AdminApi,
  demo: boolean,
): Promise<GetStarted | null> {
  const published = await prisma.publication.findFirst({
    where: { shop, offerCount: { gt: 0 } },
    select: { id: true },
  });
  if (published) return null;

  const [offers, setup, shopifyPlus] = await Promise.all([
    prisma.offer.findMany({ where: { shop }, select: { status: true, complete: true } }),
    getShopSetup(shop),
    isShopifyPlus(admin),
  ]);
  const complete = offers.filter((o) => o.complete).length;
  const active = offers.filter((o) => o.complete && o.status === "active").length;
  const incomplete = offers.length - complete;
  const s = setup.settings;
  const guardrails = `At most ${s.maxOffers ?? DEFAULT_SETTINGS.maxOffers} offers at once, nothing over ${
    s.maxPriceRatio ?? DEFAULT_SETTINGS.maxPriceRatio
  }× the price of the item that triggered it, ${
    s.holdoutPercent ?? DEFAULT_SETTINGS.holdoutPercent
  }% of buyers held out to measure the lift.`;
  // Saving the settings page stores every field, so stored settings mean they were reviewed.
  const reviewed = Object.keys(s).length > 0;
  const previewed = setup.previewedAt !== null;

  const steps: GetStartedStep[] = [
    {
      id: "create",
      title: "Create offers from a starter template",
      state: complete > 0 ? "done" : "todo",
      detail:
        complete > 0
          ? `${plural(complete, "offer is", "offers are")} ready${
              incomplete > 0
                ? `; ${plural(incomplete, "draft waits", "drafts wait")} for products`
                : ""
            }.`
          : incomplete > 0
            ? `${plural(incomplete, "draft waits", "drafts wait")} for your products: open it and pick them.`
            : "Pick a template from a shop like yours, then choose your own products. Templates start as drafts.",
      links: [{ content: "Go to offers", url: "/app/offers", external: false }],
    },
    {
      id: "guardrails",
      title: "Check the guardrails",
      state: reviewed ? "done" : "todo",
      detail: reviewed ? guardrails : `Using the defaults: ${guardrails}`,
      links: [{ content: "Review guardrails", url: "/app/settings", external: false }],
    },
    {
      id: "preview",
      title: "Preview what buyers see",
      // Until an offer is complete the preview has nothing to show, so the step waits.
      state: complete > 0 ? (previewed ? "done" : "todo") : "waiting",
      detail:
        complete === 0
          ? "Once an offer is complete, try it on a sample cart before anything goes live."
          : previewed
            ? "You have tried the preview. Open it again after changing an offer: drafts show too."
            : "Try a cart and a customer: the preview shows which offers appear, why, and what each one takes off. Drafts show too.",
      links: [{ content: "Open preview", url: "/app/preview", external: false }],
    },
    // The session's shop is its myshopify domain, where the theme and checkout editors live.
    blocksStep(shop, shopifyPlus, demo),
    {
      id: "publish",
      title: "Publish",
      state: active > 0 ? "todo" : "waiting",
      detail:
        active > 0
          ? `${plural(active, "active offer", "active offers")} will reach buyers. Publishing shows what changes at checkout before it sends anything.`
          : "Activate at least one complete offer; nothing reaches buyers until you publish.",
      links: [{ content: "Review and publish", url: "/app/offers", external: false }],
    },
  ];
  return {
    steps,
    templates: OFFER_TEMPLATES.map(({ id, title }) => ({ id, title })),
    shopifyPlus,
  };
}
