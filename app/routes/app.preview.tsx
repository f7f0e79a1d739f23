import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  Divider,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  ProgressBar,
  RadioButton,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { useCatalogPicker } from "../components/offers/CatalogPicker";
import { formatAmount } from "../components/money";
import type { Problem } from "../config";
import {
  previewPage,
  runPreview,
  type PreviewOutcome,
  type PreviewRequest,
  type PreviewResult,
  type Profile,
} from "../models/preview.server";
import { KIND_LABELS, REASON_TEXT } from "../offers/describe";
import type { ItemRef } from "../offers/form";
import { readJson } from "../routing.server";
import { authenticate } from "../shopify.server";
import { SectionCard } from "../components/SectionCard";
import { PreviewOfferCard } from "../components/preview/PreviewOfferCard";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return previewPage(session.shop, admin);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const result = await runPreview(session.shop, admin, await readJson(request));
  return result.ok ? result : data(result, { status: 422 });
};

const PROFILE_OPTIONS: { label: string; value: Profile }[] = [
  { label: "Guest (not signed in)", value: "guest" },
  { label: "New customer (no orders yet)", value: "new" },
  { label: "Returning customer (1 order)", value: "returning" },
  { label: "Frequent customer", value: "frequent" },
  { label: "Premium customer", value: "premium" },
  { label: "Customer with a complaint tag", value: "complaint" },
  { label: "Customer with a budget tag", value: "budget" },
  { label: "Accepted an offer N days ago", value: "accepted" },
];

interface CartLine extends ItemRef {
  quantity: string;
}

function nowLocal(): string {
  return new Date().toISOString().slice(0, 16);
}

export default function PreviewPage() {
  const page = useLoaderData<typeof loader>();
  const fetcher = useFetcher<PreviewOutcome>();
  const { pick, modal } = useCatalogPicker(page.currency);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [profile, setProfile] = useState<Profile>("new");
  const [firstName, setFirstName] = useState("Ana");
  const [days, setDays] = useState("3");
  const [country, setCountry] = useState("US");
  const [group, setGroup] = useState<"treatment" | "holdout">("treatment");
  const [at, setAt] = useState(nowLocal);
  const [includeDrafts, setIncludeDrafts] = useState(true);

  const request: PreviewRequest = useMemo(
    () => ({
      lines: cart.map((l) => ({
        variantId: l.variantId,
        quantity: Math.max(1, Math.min(999, Math.trunc(Number(l.quantity)) || 1)),
      })),
      profile,
      firstName,
      acceptedDaysAgo: Math.max(0, Math.trunc(Number(days)) || 0),
      country: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
      group,
      at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at) ? `${at}:00Z` : undefined,
      includeDrafts,
    }),
    [cart, profile, firstName, days, country, group, at, includeDrafts],
  );
  const requestJson = JSON.stringify(request);

  // Every change re-runs the engine (debounced), like editing a cart at checkout.
  const { submit } = fetcher;
  useEffect(() => {
    const timer = setTimeout(() => {
      submit(JSON.parse(requestJson) as PreviewRequest, {
        method: "post",
        encType: "application/json",
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [requestJson, submit]);

  const addProducts = async () => {
    const picked = await pick("variant", {
      multiple: true,
      selected: [],
      title: "Add products to the cart",
    });
    if (!picked) return;
    setCart((current) => {
      const next = [...current];
      for (const item of picked.items) {
        const existing = next.find((l) => l.variantId === item.variantId);
        if (existing) existing.quantity = String(Number(existing.quantity) + 1);
        else next.push({ ...item, quantity: "1" });
      }
      return next;
    });
  };

  const result = fetcher.data;
  return (
    <Page
      title="Preview"
      subtitle="Build a cart and a customer; see exactly what checkout would show, and why the other offers stay hidden."
      backAction={{ content: "Home", url: "/app" }}
    >
      {modal}
      <Layout>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Cart
                  </Text>
                  <Button onClick={() => void addProducts()}>Add products</Button>
                </InlineStack>
                {cart.length === 0 ? (
                  <Text as="p" tone="subdued">
                    The cart is empty. Add products to see the offers they trigger.
                  </Text>
                ) : (
                  cart.map((line, index) => (
                    <InlineStack
                      align="start"
                      key={line.variantId}
                      gap="200"
                      blockAlign="center"
                      wrap={false}
                    >
                      <Box minWidth="0" width="100%">
                        <BlockStack gap="050">
                          <Text as="p" fontWeight="semibold" truncate>
                            {line.title}
                          </Text>
                          <Text as="p" tone="subdued" variant="bodySm">
                            {formatAmount(line.price, page.currency)}
                          </Text>
                        </BlockStack>
                      </Box>
                      <div style={{ width: "5rem", flexShrink: 0 }}>
                        <TextField
                          label={`Quantity of ${line.title}`}
                          labelHidden
                          type="number"
                          min={1}
                          max={999}
                          value={line.quantity}
                          onChange={(quantity) =>
                            setCart((c) => c.map((l, i) => (i === index ? { ...l, quantity } : l)))
                          }
                          autoComplete="off"
                        />
                      </div>
                      <Button
                        variant="tertiary"
                        accessibilityLabel={`Remove ${line.title}`}
                        onClick={() => setCart((c) => c.filter((_, i) => i !== index))}
                      >
                        Remove
                      </Button>
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
            <SectionCard title="Customer">
              <Select
                label="Profile"
                options={PROFILE_OPTIONS}
                value={profile}
                onChange={(value) => setProfile(value as Profile)}
              />
              {profile === "accepted" ? (
                <TextField
                  label="Accepted an offer"
                  type="number"
                  min={0}
                  suffix="days ago"
                  value={days}
                  onChange={setDays}
                  autoComplete="off"
                  helpText={`The cooldown is ${page.cooldownDays} days (Settings).`}
                />
              ) : null}
              {profile !== "guest" ? (
                <TextField
                  label="First name"
                  value={firstName}
                  onChange={setFirstName}
                  autoComplete="off"
                  helpText="For {customer.firstName} in headlines."
                />
              ) : null}
              <TextField
                label="Shipping country"
                value={country}
                onChange={setCountry}
                autoComplete="off"
                maxLength={2}
                helpText="Two-letter code, like US or CA."
                error={
                  country && !/^[A-Za-z]{2}$/.test(country)
                    ? "Use a 2-letter country code"
                    : undefined
                }
              />
            </SectionCard>
            <SectionCard title="Simulation">
              <BlockStack gap="100">
                <RadioButton
                  label="Buyer in the treatment group"
                  checked={group === "treatment"}
                  onChange={() => setGroup("treatment")}
                  name="group"
                  id="group-treatment"
                />
                <RadioButton
                  label={`Buyer in the holdout group (${page.holdoutPercent}% of buyers)`}
                  checked={group === "holdout"}
                  onChange={() => setGroup("holdout")}
                  name="group"
                  id="group-holdout"
                />
              </BlockStack>
              <TextField
                label="Date and time (UTC)"
                type="datetime-local"
                value={at}
                onChange={setAt}
                autoComplete="off"
                helpText="For scheduled offers."
              />
              <Checkbox
                label="Include drafts"
                helpText="Drafts are listed as not shown (draft); only active offers reach checkout."
                checked={includeDrafts}
                onChange={setIncludeDrafts}
              />
            </SectionCard>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            {page.offerCount === 0 ? (
              <Banner
                tone="info"
                title="No offers yet"
                action={{ content: "Create an offer", url: "/app/offers" }}
              >
                <p>Create offers first; the preview then shows what buyers would see.</p>
              </Banner>
            ) : null}
            {result && !result.ok ? <ProblemsBanner problems={result.problems} /> : null}
            {result?.ok ? (
              <PreviewResultView result={result} />
            ) : !result ? (
              <Card>
                <Text as="p" tone="subdued">
                  Evaluating…
                </Text>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ProblemsBanner({ problems }: { problems: Problem[] }) {
  return (
    <Banner tone="critical" title="The preview can't run">
      <List>
        {problems.map((p) => (
          <List.Item key={`${p.path}${p.message}`}>
            <code>{p.path}</code>: {p.message}
          </List.Item>
        ))}
      </List>
    </Banner>
  );
}

/** Progress to one decimal, so screen readers read "28.9%", not float noise. */
function progressPercent(threshold: string | undefined, remaining: string): number {
  const total = Number(threshold);
  if (!(total > 0)) return 0;
  const share = ((total - Number(remaining)) / total) * 100;
  return Math.min(100, Math.max(0, Math.round(share * 10) / 10));
}

function PreviewResultView({ result }: { result: PreviewResult }) {
  const { evaluation, currency } = result;
  const money = (amount: string) => formatAmount(amount, currency);
  const title = (id: string) => result.offers[id]?.title ?? id;
  const gift = (id: string) => result.offers[id]?.giftTitle ?? "a gift";
  const hasDiscount = Number(result.discountTotal) > 0;
  return (
    <BlockStack gap="400">
      {result.notes.map((note) => (
        <Banner key={note} tone="info">
          <p>{note}</p>
        </Banner>
      ))}
      <Card>
        <BlockStack gap="400">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              What the buyer sees at checkout
            </Text>
            <Badge tone={evaluation.group === "holdout" ? "attention" : "info"}>
              {evaluation.group === "holdout" ? "Holdout group" : "Treatment group"}
            </Badge>
          </InlineStack>
          {evaluation.offers.length === 0 && evaluation.progress.length === 0 ? (
            <Text as="p" tone="subdued">
              No offers and no progress for this cart and customer.
            </Text>
          ) : null}
          {evaluation.progress.map((p) => (
            <BlockStack key={p.offerId} gap="100">
              <Text as="p" id={`progress-${p.offerId}`}>
                {/* The checkout extension's sentences, with the gift's product title. */}
                {p.reached
                  ? p.kind === "free-shipping"
                    ? "Your order ships free."
                    : `You've earned ${gift(p.offerId)} for free.`
                  : p.kind === "free-shipping"
                    ? `Spend ${money(p.remaining)} more for free shipping.`
                    : `Spend ${money(p.remaining)} more to get ${gift(p.offerId)} free.`}
              </Text>
              <ProgressBar
                progress={progressPercent(p.threshold, p.remaining)}
                tone={p.reached ? "success" : "primary"}
                size="small"
                ariaLabelledBy={`progress-${p.offerId}`}
              />
            </BlockStack>
          ))}
          {evaluation.offers.map((offer) => (
            <PreviewOfferCard
              key={offer.offerId}
              offer={offer}
              currency={currency}
              image={result.images[offer.action.variantId]}
            />
          ))}
          <Divider />
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Order summary
            </Text>
            {result.lines.length === 0 ? (
              <Text as="p" tone="subdued">
                Empty cart.
              </Text>
            ) : null}
            {result.lines.map((line) => (
              <InlineGrid key={line.id} columns="1fr auto" gap="200">
                <Text as="p">
                  {line.title} × {line.quantity}
                </Text>
                <BlockStack inlineAlign="end">
                  <Text as="p" numeric>
                    {money(line.total)}
                  </Text>
                  {Number(line.discount) > 0 ? (
                    <Text as="p" tone="success" numeric variant="bodySm">
                      −{money(line.discount)}
                    </Text>
                  ) : null}
                </BlockStack>
              </InlineGrid>
            ))}
            <Divider />
            <InlineGrid columns="1fr auto">
              <Text as="p">Subtotal</Text>
              <Text as="p" numeric>
                {money(result.subtotal)}
              </Text>
            </InlineGrid>
            {hasDiscount ? (
              <InlineGrid columns="1fr auto">
                <Text as="p">Ladder discounts</Text>
                <Text as="p" tone="success" numeric>
                  −{money(result.discountTotal)}
                </Text>
              </InlineGrid>
            ) : null}
            <InlineGrid columns="1fr auto">
              <Text as="p">Shipping</Text>
              <Text as="p" tone={result.freeShipping ? "success" : "subdued"}>
                {result.freeShipping ? "Free" : "Calculated at the next step"}
              </Text>
            </InlineGrid>
            <InlineGrid columns="1fr auto">
              <Text as="p" fontWeight="semibold">
                Total
              </Text>
              <Text as="p" fontWeight="semibold" numeric>
                {money(result.total)}
              </Text>
            </InlineGrid>
          </BlockStack>
        </BlockStack>
      </Card>

      <SectionCard title="Discounts applied">
        {evaluation.discounts.length === 0 ? (
          <Text as="p" tone="subdued">
            None for this cart.
          </Text>
        ) : (
          <List>
            {evaluation.discounts.map((d) => (
              <List.Item key={d.offerId}>
                {title(d.offerId)}:{" "}
                {d.target === "shipping"
                  ? "free shipping"
                  : d.percent === undefined
                    ? `${money(d.amount)} off`
                    : `${money(d.amount)} off (${d.percent}%)`}
              </List.Item>
            ))}
          </List>
        )}
      </SectionCard>

      <SectionCard title="Not shown, and why">
        {evaluation.suppressed.length === 0 ? (
          <Text as="p" tone="subdued">
            Every offer is shown.
          </Text>
        ) : (
          <BlockStack gap="200">
            {evaluation.suppressed.map((s) => {
              const info = result.offers[s.offerId];
              return (
                <InlineStack
                  align="start"
                  key={s.offerId}
                  gap="200"
                  blockAlign="start"
                  wrap={false}
                >
                  <Box minWidth="3.5rem">
                    <Badge tone={info?.status === "active" ? "success" : undefined}>
                      {info?.status === "active" ? "Live" : "Draft"}
                    </Badge>
                  </Box>
                  <BlockStack gap="050">
                    <Link url={`/app/offers/${encodeURIComponent(s.offerId)}`} removeUnderline>
                      {title(s.offerId)}
                    </Link>
                    <Text as="p" tone="subdued">
                      {info ? `${KIND_LABELS[info.kind]} · ` : ""}
                      {REASON_TEXT[s.reason]}
                    </Text>
                  </BlockStack>
                </InlineStack>
              );
            })}
          </BlockStack>
        )}
        {result.incomplete.length > 0 ? (
          <Text as="p" tone="subdued" variant="bodySm">
            Not evaluated, incomplete drafts: {result.incomplete.map((o) => o.title).join(", ")}.
          </Text>
        ) : null}
      </SectionCard>
    </BlockStack>
  );
}
