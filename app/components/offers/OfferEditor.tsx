import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  ChoiceList,
  Divider,
  FormLayout,
  InlineStack,
  Layout,
  Modal,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMemo, useState } from "react";
import type { Problem } from "../../config";
import { PLACEHOLDERS, SEGMENTS, type Segment } from "../../engine";
import type { OfferEditorData } from "../../models/offer-editor.server";
import { KIND_DESCRIPTIONS, KIND_LABELS, SEGMENT_LABELS, segmentHelp } from "../../offers/describe";
import { fieldErrors, formToOffer, KIND_SHAPE, type OfferForm } from "../../offers/form";
import { slugify } from "../../offers/ids";
import { currencySymbol, formatAmount } from "../money";
import { HydratedFieldset } from "../HydratedFieldset";
import { UnsavedChangesBar } from "../UnsavedChangesBar";
import { useCatalogPicker, type PickKind } from "./CatalogPicker";
import { previewCopy } from "./copy-preview";
import { DiscountValueField } from "./DiscountValueField";
import { EditorOverlapBanner } from "./EditorOverlapBanner";
import { TagInput } from "./TagInput";
import { VariantResultsCard } from "./VariantResultsCard";
import { VariantsCard } from "./VariantsCard";
import { SectionCard } from "../SectionCard";
import { CopySample, ProblemsBanner } from "./EditorFeedback";
import { BundleCard, ItemSlot, TiersCard, TriggerCard } from "./OfferItemCards";

export type EditorActionData =
  | { ok: true; key: string; complete: boolean; problems: Problem[] }
  | { ok: false; problems: Problem[] };

const PLACEHOLDER_HELP = PLACEHOLDERS.map((p) => `{${p}}`).join(" ");

/** Example copy per kind, shown as placeholders. */
const EXAMPLES: Record<OfferForm["kind"], { headline: string; why: string }> = {
  upgrade: {
    headline: "Upgrade to {item.title} for {price}, save {savings}",
    why: "Premium adds an interior vacuum and a hand dry.",
  },
  "cross-sell": {
    headline: "{customer.firstName}, add {item.title} for {price}",
    why: "Wax protects the paint you just had washed.",
  },
  bundle: {
    headline: "Complete the set: add {item.title}, save {savings}",
    why: "Bought together, the set costs less.",
  },
  volume: { headline: "Buy more, save more", why: "Buying more lowers the price of every bar." },
  "free-shipping": {
    headline: "Spend {remaining} more for free shipping",
    why: "Orders over {threshold} ship free.",
  },
  gift: { headline: "Add your free {item.title}", why: "Orders over {threshold} get it free." },
};

export function OfferEditor({ data }: { data: OfferEditorData }) {
  const fetcher = useFetcher<EditorActionData>();
  const deleter = useFetcher();
  const [saved, setSaved] = useState<OfferForm>(data.form);
  const [form, setForm] = useState<OfferForm>(data.form);
  const [names, setNames] = useState<Record<string, string>>(data.names);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { pick, modal } = useCatalogPicker(data.currency);

  const saving = fetcher.state !== "idle";
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  const result = fetcher.data;
  // After a failed save, its problems; otherwise what the stored draft still lacks.
  const problems: Problem[] = result && !result.ok ? result.problems : data.problems;
  const errors = useMemo(() => fieldErrors(problems), [problems]);
  const shape = KIND_SHAPE[form.kind];
  const symbol = currencySymbol(data.currency);

  const update = (patch: Partial<OfferForm>) => setForm((current) => ({ ...current, ...patch }));
  const save = () => {
    fetcher.submit({ offer: formToOffer(form) }, { method: "post", encType: "application/json" });
  };
  const discard = () => {
    setForm(saved);
  };
  // After a save the loader reads the stored offer back: it becomes the new baseline.
  const [baseline, setBaseline] = useState(data.updatedAt);
  if (baseline !== data.updatedAt) {
    setBaseline(data.updatedAt);
    setSaved(data.form);
    setForm(data.form);
    setNames(data.names);
  }

  const pickInto = async (kind: PickKind, multiple: boolean, selected: string[], title: string) => {
    const picked = await pick(kind, { multiple, selected, title });
    if (picked) setNames((current) => ({ ...current, ...picked.names }));
    return picked;
  };

  const heading = data.isNew
    ? `New ${KIND_LABELS[form.kind].toLowerCase()}`
    : saved.title || form.id;
  const guestCopy = previewCopy(form, names, data.currency, null);
  const namedCopy = previewCopy(form, names, data.currency, "Ana");

  return (
    <HydratedFieldset>
      <Page
        title={heading}
        titleMetadata={
          data.isNew ? null : (
            <InlineStack align="start" gap="100">
              <Badge tone={saved.status === "active" ? "success" : undefined}>
                {saved.status === "active" ? "Active" : "Draft"}
              </Badge>
              {data.problems.length > 0 ? <Badge tone="warning">Incomplete</Badge> : null}
            </InlineStack>
          )
        }
        subtitle={KIND_DESCRIPTIONS[form.kind]}
        backAction={{ content: "Offers", url: "/app/offers" }}
        primaryAction={{
          content: "Save",
          onAction: save,
          loading: saving,
          disabled: !dirty && !data.isNew,
        }}
        secondaryActions={
          data.isNew
            ? []
            : [{ content: "Delete", destructive: true, onAction: () => setConfirmDelete(true) }]
        }
      >
        <UnsavedChangesBar
          id="offer-save-bar"
          dirty={dirty}
          saving={saving}
          onSave={save}
          onDiscard={discard}
        />
        {modal}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <ProblemsBanner
                errors={errors}
                kind={form.kind}
                failed={Boolean(result && !result.ok)}
                status={form.status}
              />
              <EditorOverlapBanner
                overlaps={data.overlaps ?? []}
                active={saved.status === "active"}
              />
              {result?.ok && !dirty ? (
                <Banner tone={result.complete ? "success" : "warning"} title="Saved">
                  {result.complete ? null : (
                    <p>
                      Saved as an incomplete draft: finish the fields marked below to activate it.
                    </p>
                  )}
                </Banner>
              ) : null}

              <Card>
                <FormLayout>
                  <TextField
                    label="Title"
                    helpText="For you and your team; buyers never see it."
                    value={form.title}
                    onChange={(title) => update({ title })}
                    autoComplete="off"
                    error={errors.title}
                    maxLength={500}
                  />
                  <TextField
                    label="Offer ID"
                    helpText={
                      data.isNew
                        ? "Short and readable; used in exports, order attributes and the ladder CLI. Leave empty to derive it from the title."
                        : "Used in exports, order attributes and the ladder CLI, so it does not change."
                    }
                    value={form.id}
                    onChange={(id) => update({ id })}
                    autoComplete="off"
                    disabled={!data.isNew}
                    error={errors.id}
                    placeholder={slugify(form.title) || "premium-wash"}
                  />
                </FormLayout>
              </Card>

              {shape.trigger ? (
                <TriggerCard
                  trigger={form.trigger}
                  names={names}
                  error={errors.trigger}
                  onChange={(trigger) => update({ trigger })}
                  pick={pickInto}
                />
              ) : null}

              {shape.item ? (
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {form.kind === "upgrade"
                        ? "Upgrade to"
                        : form.kind === "gift"
                          ? "Gift"
                          : "Offered product"}
                    </Text>
                    <ItemSlot
                      item={form.item}
                      currency={data.currency}
                      error={errors.item}
                      onPick={async () => {
                        const picked = await pickInto(
                          "variant",
                          false,
                          form.item ? [form.item.variantId] : [],
                          form.kind === "upgrade" ? "Choose the upgrade" : "Choose a product",
                        );
                        const [item] = picked?.items ?? [];
                        if (item) update({ item });
                      }}
                    />
                    {shape.discount === "optional" ? (
                      <DiscountValueField
                        form={form}
                        currency={data.currency}
                        errors={errors}
                        update={update}
                        optional
                      />
                    ) : null}
                  </BlockStack>
                </Card>
              ) : null}

              {form.kind === "bundle" ? (
                <BundleCard
                  form={form}
                  currency={data.currency}
                  errors={errors}
                  update={update}
                  pick={pickInto}
                />
              ) : null}

              {form.kind === "volume" ? (
                <TiersCard form={form} errors={errors} update={update} />
              ) : null}

              {form.kind === "free-shipping" || form.kind === "gift" ? (
                <SectionCard title="Threshold">
                  <TextField
                    label={`Cart subtotal (${data.currency})`}
                    prefix={symbol}
                    inputMode="decimal"
                    value={form.threshold}
                    onChange={(threshold) => update({ threshold })}
                    autoComplete="off"
                    helpText="After Ladder's own discounts. Buyers see their progress until they reach it."
                    error={errors.threshold}
                  />
                  {form.kind === "free-shipping" ? (
                    <TagInput
                      label="Countries"
                      values={form.countries}
                      onChange={(countries) => update({ countries })}
                      placeholder="US, CA"
                      helpText="Two-letter codes of the shipping countries it applies to. Empty: everywhere."
                      error={errors.countries}
                      normalize={(v) => v.toUpperCase()}
                    />
                  ) : null}
                </SectionCard>
              ) : null}

              <SectionCard title="What the buyer reads">
                <TextField
                  label="Headline"
                  value={form.message}
                  onChange={(message) => update({ message })}
                  autoComplete="off"
                  placeholder={EXAMPLES[form.kind].headline}
                  helpText={`Optional. Placeholders: ${PLACEHOLDER_HELP}. A clause whose value is missing is left out.`}
                  error={errors.message}
                />
                <TextField
                  label="Why"
                  value={form.why}
                  onChange={(why) => update({ why })}
                  autoComplete="off"
                  multiline={2}
                  placeholder={EXAMPLES[form.kind].why}
                  helpText="Optional. The reason shown under the headline; Ladder writes one when empty."
                  error={errors.why}
                />
                <Divider />
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    Preview
                  </Text>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {namedCopy.assumption}
                  </Text>
                  <CopySample label="Signed-in customer Ana" copy={namedCopy} />
                  <CopySample label="Guest" copy={guestCopy} />
                </BlockStack>
              </SectionCard>

              {data.results ? <VariantResultsCard results={data.results} /> : null}

              <VariantsCard
                form={form}
                currency={data.currency}
                errors={errors}
                onChange={(variants) => update({ variants })}
                pickItem={async (current) => {
                  const picked = await pickInto(
                    "variant",
                    false,
                    current ? [current.variantId] : [],
                    "Choose this variant's product",
                  );
                  return picked?.items[0] ?? null;
                }}
              />
            </BlockStack>
          </Layout.Section>

          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Select
                    label="Status"
                    options={[
                      { label: "Draft", value: "draft" },
                      { label: "Active", value: "active" },
                    ]}
                    value={form.status}
                    onChange={(status) =>
                      update({ status: status === "active" ? "active" : "draft" })
                    }
                    helpText="Active offers reach checkout when you publish."
                    error={errors.status}
                  />
                  <TextField
                    label="Priority"
                    type="number"
                    value={form.priority}
                    onChange={(priority) => update({ priority })}
                    autoComplete="off"
                    helpText="Higher shows first among offers of the same group (upgrades before cross-sells)."
                    error={errors.priority}
                  />
                </BlockStack>
              </Card>
              <SectionCard title="Schedule">
                <TextField
                  label="Starts (UTC)"
                  type="datetime-local"
                  value={form.startsAt}
                  onChange={(startsAt) => update({ startsAt })}
                  autoComplete="off"
                  error={errors.startsAt}
                />
                <TextField
                  label="Ends (UTC)"
                  type="datetime-local"
                  value={form.endsAt}
                  onChange={(endsAt) => update({ endsAt })}
                  autoComplete="off"
                  helpText="Empty: no start or no end."
                  error={errors.endsAt}
                />
              </SectionCard>
              <Card>
                <ChoiceList
                  title="Customer segments"
                  allowMultiple
                  choices={SEGMENTS.map((segment) => ({
                    label: SEGMENT_LABELS[segment],
                    value: segment,
                    helpText: segmentHelp(segment, {
                      ...data.segments,
                      premiumMinSpent: formatAmount(data.segments.premiumMinSpent, data.currency),
                    }),
                  }))}
                  selected={form.segments}
                  onChange={(selected) => update({ segments: selected as Segment[] })}
                  error={errors.segments}
                />
                <Box paddingBlockStart="200">
                  <Text as="p" tone="subdued" variant="bodySm">
                    None selected: every customer. Several: any of them.
                  </Text>
                </Box>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>

        <Modal
          open={confirmDelete}
          onClose={() => setConfirmDelete(false)}
          title={`Delete “${saved.title}”?`}
          primaryAction={{
            content: "Delete offer",
            destructive: true,
            loading: deleter.state !== "idle",
            onAction: () => {
              deleter.submit({ intent: "delete" }, { method: "post", encType: "application/json" });
            },
          }}
          secondaryActions={[{ content: "Cancel", onAction: () => setConfirmDelete(false) }]}
        >
          <Modal.Section>
            <Text as="p">
              The offer leaves this list now and leaves checkout at the next publish. This cannot be
              undone; export your offers first if you may want it back.
            </Text>
          </Modal.Section>
        </Modal>
      </Page>
    </HydratedFieldset>
  );
}
