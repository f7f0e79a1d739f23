import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Checkbox,
  DataTable,
  FormLayout,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMemo, useState } from "react";
import type { Problem } from "../config";
import { TagInput } from "../components/offers/TagInput";
import { currencySymbol } from "../components/money";
import { UnsavedChangesBar } from "../components/UnsavedChangesBar";
import { HydratedFieldset } from "../components/HydratedFieldset";
import { DEFAULT_SETTINGS, minorDigits, type Settings } from "../engine";
import { saveSettingsPage, settingsPage, type CombinesWith } from "../models/shop-settings.server";
import { numberOrText, type JsonObject, type JsonValue } from "../offers/form";
import { stackingWithLadder, type Stacking } from "../offers/stacking";
import { asRecord, readJson } from "../routing.server";
import { authenticate } from "../shopify.server";
import { SectionCard } from "../components/SectionCard";
import { ProblemList } from "../components/ProblemList";
import { plainMessage, settingLabel } from "../offers/labels";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return settingsPage(session.shop, admin);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const body = asRecord(await readJson(request));
  const result = await saveSettingsPage(session.shop, admin, {
    settings: body.settings,
    combinesWith: body.combinesWith,
  });
  return result.ok ? result : data(result, { status: 422 });
};

interface SettingsForm {
  maxOffers: string;
  maxPriceRatio: string;
  cooldownDays: string;
  holdoutPercent: string;
  suppressTags: string[];
  budgetTags: string[];
  frequentMinOrders: string;
  premiumTags: string[];
  premiumMinSpent: string;
  combinesWith: CombinesWith;
}

function toForm(settings: Settings, currency: string, combinesWith: CombinesWith): SettingsForm {
  const segments = settings.segments ?? {};
  return {
    maxOffers: String(settings.maxOffers ?? DEFAULT_SETTINGS.maxOffers),
    maxPriceRatio: String(settings.maxPriceRatio ?? DEFAULT_SETTINGS.maxPriceRatio),
    cooldownDays: String(settings.cooldownDays ?? DEFAULT_SETTINGS.cooldownDays),
    holdoutPercent: String(settings.holdoutPercent ?? DEFAULT_SETTINGS.holdoutPercent),
    suppressTags: [...(settings.suppressTags ?? DEFAULT_SETTINGS.suppressTags)],
    budgetTags: [...(settings.budgetTags ?? DEFAULT_SETTINGS.budgetTags)],
    frequentMinOrders: String(segments.frequentMinOrders ?? DEFAULT_SETTINGS.frequentMinOrders),
    premiumTags: [...(segments.premiumTags ?? DEFAULT_SETTINGS.premiumTags)],
    premiumMinSpent:
      segments.premiumMinSpent ??
      DEFAULT_SETTINGS.premiumMinSpentMajor.toFixed(minorDigits(currency)),
    combinesWith,
  };
}

function toSettings(form: SettingsForm): JsonObject {
  const out: JsonObject = {};
  const put = (target: JsonObject, key: string, value: JsonValue | undefined) => {
    if (value !== undefined) target[key] = value;
  };
  put(out, "maxOffers", numberOrText(form.maxOffers));
  put(out, "maxPriceRatio", numberOrText(form.maxPriceRatio));
  put(out, "cooldownDays", numberOrText(form.cooldownDays));
  put(out, "holdoutPercent", numberOrText(form.holdoutPercent));
  out.suppressTags = form.suppressTags;
  out.budgetTags = form.budgetTags;
  const segments: JsonObject = { premiumTags: form.premiumTags };
  put(segments, "frequentMinOrders", numberOrText(form.frequentMinOrders));
  if (form.premiumMinSpent.trim()) segments.premiumMinSpent = form.premiumMinSpent.trim();
  out.segments = segments;
  return out;
}

type ActionData = { ok: true } | { ok: false; problems: Problem[] };

export default function SettingsPage() {
  const page = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionData>();
  const initial = useMemo(
    () => toForm(page.settings, page.currency, page.combinesWith),
    [page.settings, page.currency, page.combinesWith],
  );
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState(initial);
  // Loaders re-run after every action; only different stored values replace what is on screen.
  const initialKey = JSON.stringify(initial);
  const [baseline, setBaseline] = useState(initialKey);
  if (baseline !== initialKey) {
    setBaseline(initialKey);
    setSaved(initial);
    setForm(initial);
  }

  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  const saving = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors: Record<string, string> = {};
  for (const p of result && !result.ok ? result.problems : []) errors[p.path] ??= p.message;
  const update = (patch: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...patch }));
  const save = () =>
    fetcher.submit(
      { settings: toSettings(form), combinesWith: { ...form.combinesWith } },
      { method: "post", encType: "application/json" },
    );

  return (
    <HydratedFieldset>
      <Page
        title="Settings"
        subtitle="The guardrails every offer follows, from the sales practice behind Ladder."
        backAction={{ content: "Home", url: "/app" }}
        primaryAction={{ content: "Save", onAction: save, loading: saving, disabled: !dirty }}
      >
        <UnsavedChangesBar
          id="settings-save-bar"
          dirty={dirty}
          saving={saving}
          onSave={save}
          onDiscard={() => setForm(saved)}
        />
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {result && !result.ok ? (
                <Banner tone="critical" title="Not saved: fix these fields">
                  <ProblemList
                    problems={result.problems.map((p) => ({
                      ...p,
                      label: settingLabel(p.path),
                      message: plainMessage(p.message),
                    }))}
                  />
                </Banner>
              ) : null}
              {result?.ok && !dirty ? (
                <Banner tone="success" title="Settings saved">
                  <p>They reach checkout with the next publish.</p>
                </Banner>
              ) : null}

              <SectionCard title="Guardrails">
                <FormLayout>
                  <TextField
                    label="Offers shown at once"
                    type="number"
                    min={1}
                    max={10}
                    value={form.maxOffers}
                    onChange={(maxOffers) => update({ maxOffers })}
                    autoComplete="off"
                    error={errors.maxOffers}
                    helpText="Don't overwhelm: a good assistant suggests one or two things, not ten (1–10)."
                  />
                  <TextField
                    label="Price guardrail"
                    suffix="× the item that triggered it"
                    inputMode="decimal"
                    value={form.maxPriceRatio}
                    onChange={(maxPriceRatio) => update({ maxPriceRatio })}
                    autoComplete="off"
                    error={errors.maxPriceRatio}
                    helpText="Keep offers in proportion: don't offer a lens that costs twice the camera, or a Ferrari to a Ford driver."
                  />
                  <TextField
                    label="Cooldown after an accepted offer"
                    type="number"
                    min={0}
                    suffix="days"
                    value={form.cooldownDays}
                    onChange={(cooldownDays) => update({ cooldownDays })}
                    autoComplete="off"
                    error={errors.cooldownDays}
                    helpText="Don't push again too soon: after a customer says yes, no more upsells for a while (0 turns it off)."
                  />
                  <TextField
                    label="Holdout group"
                    type="number"
                    min={0}
                    max={50}
                    suffix="% of buyers"
                    value={form.holdoutPercent}
                    onChange={(holdoutPercent) => update({ holdoutPercent })}
                    autoComplete="off"
                    error={errors.holdoutPercent}
                    helpText="Measure honestly: a stable share of buyers sees no offers, so the lift you see is measured, not claimed (0–50)."
                  />
                </FormLayout>
              </SectionCard>

              <SectionCard title="Customer tags">
                <TagInput
                  label="Complaint tags"
                  values={form.suppressTags}
                  onChange={(suppressTags) => update({ suppressTags })}
                  error={errors.suppressTags}
                  helpText="Don't upsell into a complaint: customers with any of these tags see no offers and no nudges at all."
                />
                <TagInput
                  label="Budget tags"
                  values={form.budgetTags}
                  onChange={(budgetTags) => update({ budgetTags })}
                  error={errors.budgetTags}
                  helpText="Respect budgets: customers with these tags see no upgrades or add-ons (free-shipping progress stays)."
                />
              </SectionCard>

              <SectionCard title="Segments">
                <Text as="p" tone="subdued">
                  Offers can target new, returning, frequent or premium customers: the right step of
                  the ladder for where the customer stands.
                </Text>
                <FormLayout>
                  <TextField
                    label="Frequent customers from"
                    type="number"
                    min={1}
                    suffix="orders"
                    value={form.frequentMinOrders}
                    onChange={(frequentMinOrders) => update({ frequentMinOrders })}
                    autoComplete="off"
                    error={errors["segments.frequentMinOrders"]}
                    helpText="Regulars have earned offers that reward loyalty rather than first-purchase nudges."
                  />
                  <TagInput
                    label="Premium tags"
                    values={form.premiumTags}
                    onChange={(premiumTags) => update({ premiumTags })}
                    error={errors["segments.premiumTags"]}
                    helpText="Customers with any of these tags are premium."
                  />
                  <TextField
                    label="Premium from lifetime spend"
                    prefix={currencySymbol(page.currency)}
                    inputMode="decimal"
                    value={form.premiumMinSpent}
                    onChange={(premiumMinSpent) => update({ premiumMinSpent })}
                    autoComplete="off"
                    error={errors["segments.premiumMinSpent"]}
                    helpText={`Customers who spent at least this much (${page.currency}) are premium too: offer them the top of the ladder.`}
                  />
                </FormLayout>
              </SectionCard>

              <StackingCard
                combinesWith={form.combinesWith}
                onChange={(combinesWith) => update({ combinesWith })}
                discounts={page.otherDiscounts}
                more={page.moreDiscounts}
                error={page.discountsError}
              />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </HydratedFieldset>
  );
}

function stackingText(s: Stacking): string {
  return s.stacks ? "Stacks" : `No: ${s.because ?? ""}`;
}

function StackingCard({
  combinesWith,
  onChange,
  discounts,
  more,
  error,
}: {
  combinesWith: CombinesWith;
  onChange: (value: CombinesWith) => void;
  discounts: Awaited<ReturnType<typeof loader>>["otherDiscounts"];
  more: boolean;
  error: string | null;
}) {
  const rows = discounts.map((d) => {
    const s = stackingWithLadder(combinesWith, d);
    return [
      d.title,
      d.classes.map((c) => c.toLowerCase()).join(", "),
      stackingText(s.product),
      stackingText(s.shipping),
    ];
  });
  return (
    <SectionCard title="Discount stacking">
      <Text as="p" tone="subdued">
        Whether buyers can use your other discounts together with Ladder’s. Stacking keeps promises
        simple (“your code still works”); not stacking protects your margin. It applies to Ladder’s
        discount at the next publish.
      </Text>
      <Checkbox
        label="Combine with product discounts"
        helpText="Off by default: two product discounts on the same item can add up to more than you meant."
        checked={combinesWith.productDiscounts}
        onChange={(productDiscounts) => onChange({ ...combinesWith, productDiscounts })}
      />
      <Checkbox
        label="Combine with order discounts"
        helpText="Discount codes on the whole order, such as a welcome code."
        checked={combinesWith.orderDiscounts}
        onChange={(orderDiscounts) => onChange({ ...combinesWith, orderDiscounts })}
      />
      <Checkbox
        label="Combine with shipping discounts"
        checked={combinesWith.shippingDiscounts}
        onChange={(shippingDiscounts) => onChange({ ...combinesWith, shippingDiscounts })}
      />
      {error ? (
        <Banner tone="warning" title="Your other discounts could not be read">
          <p>{error}</p>
        </Banner>
      ) : discounts.length === 0 ? (
        <Text as="p" tone="subdued">
          Your store has no other active discounts.
        </Text>
      ) : (
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Your active discounts {more ? <Badge>first 50</Badge> : null}
          </Text>
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Discount", "Class", "With Ladder’s offers", "With Ladder’s free shipping"]}
            rows={rows}
          />
        </BlockStack>
      )}
    </SectionCard>
  );
}
