import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineError,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import type { ReactNode } from "react";
import type { ItemRef, OfferForm, TriggerForm } from "../../offers/form";
import { formatAmount } from "../money";
import type { PickKind } from "./CatalogPicker";
import { SectionCard } from "../SectionCard";
import { DiscountValueField } from "./DiscountValueField";
import { TagInput } from "./TagInput";

/** The editor's item cards: what triggers an offer, a bundle's items, quantity-break tiers. */

export function ItemSlot({
  item,
  currency,
  error,
  onPick,
}: {
  item: ItemRef | null;
  currency: string;
  error?: string;
  onPick: () => void;
}) {
  return (
    <BlockStack gap="100">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        {item ? (
          <BlockStack gap="050">
            <Text as="p" fontWeight="semibold">
              {item.title}
            </Text>
            <Text as="p" tone="subdued">
              {formatAmount(item.price, currency)} · price from Shopify
            </Text>
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            No product chosen yet.
          </Text>
        )}
        <Button onClick={onPick}>{item ? "Change" : "Choose product"}</Button>
      </InlineStack>
      {error ? <InlineError message={error} fieldID="item" /> : null}
    </BlockStack>
  );
}

export type PickInto = (
  kind: PickKind,
  multiple: boolean,
  selected: string[],
  title: string,
) => Promise<{ ids: string[]; items: ItemRef[] } | null>;

export function TriggerCard({
  trigger,
  names,
  error,
  onChange,
  pick,
}: {
  trigger: TriggerForm;
  names: Record<string, string>;
  error?: string;
  onChange: (trigger: TriggerForm) => void;
  pick: PickInto;
}) {
  const section = (
    key: "productIds" | "variantIds" | "collectionIds",
    label: string,
    kind: PickKind,
  ): ReactNode => (
    <BlockStack gap="200">
      <InlineStack align="space-between" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {label}
        </Text>
        <Button
          accessibilityLabel={`${trigger[key].length ? "Edit" : "Add"} trigger ${label.toLowerCase()}`}
          onClick={async () => {
            const picked = await pick(kind, true, trigger[key], `Trigger: ${label.toLowerCase()}`);
            if (picked) onChange({ ...trigger, [key]: picked.ids });
          }}
        >
          {trigger[key].length ? "Edit" : "Add"}
        </Button>
      </InlineStack>
      {trigger[key].length ? (
        <InlineStack align="start" gap="200">
          {trigger[key].map((id) => (
            <Badge key={id}>{names[id] ?? "Not found in Shopify"}</Badge>
          ))}
        </InlineStack>
      ) : null}
    </BlockStack>
  );
  return (
    <SectionCard title="Trigger" description="The offer is shown when the cart has any of these.">
      {error ? <InlineError message={error} fieldID="trigger" /> : null}
      {section("productIds", "Products", "product")}
      {section("variantIds", "Variants", "variant")}
      {section("collectionIds", "Collections", "collection")}
      <TagInput
        label="Product tags"
        values={trigger.tags}
        onChange={(tags) => onChange({ ...trigger, tags })}
        placeholder="A product tag, like sale"
        helpText="Products with any of these tags (case does not matter)."
      />
    </SectionCard>
  );
}

export function BundleCard({
  form,
  currency,
  errors,
  update,
  pick,
}: {
  form: OfferForm;
  currency: string;
  errors: Record<string, string>;
  update: (patch: Partial<OfferForm>) => void;
  pick: PickInto;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Bundle items
          </Text>
          <Button
            onClick={async () => {
              const picked = await pick(
                "variant",
                true,
                form.items.map((i) => i.variantId),
                "Bundle items",
              );
              if (!picked) return;
              // Keep quantities of items that stay; new items start at 1.
              const items = picked.items.map((item) => ({
                ...item,
                quantity: form.items.find((i) => i.variantId === item.variantId)?.quantity ?? "1",
              }));
              update({ items });
            }}
          >
            {form.items.length ? "Edit items" : "Choose products"}
          </Button>
        </InlineStack>
        {errors.items ? <InlineError message={errors.items} fieldID="items" /> : null}
        {form.items.length === 0 ? (
          <Text as="p" tone="subdued">
            Choose at least two products.
          </Text>
        ) : (
          form.items.map((item, index) => (
            <BlockStack key={`${item.variantId}-${index}`} gap="100">
              <InlineStack align="space-between" blockAlign="center" gap="300">
                <BlockStack gap="050">
                  <Text as="p" fontWeight="semibold">
                    {item.title || "Choose a product"}
                  </Text>
                  {item.price ? (
                    <Text as="p" tone="subdued">
                      {formatAmount(item.price, currency)}
                    </Text>
                  ) : null}
                </BlockStack>
                <InlineStack align="start" gap="200" blockAlign="center">
                  <div style={{ width: "6rem" }}>
                    <TextField
                      label={`Quantity of ${item.title || "item"}`}
                      labelHidden
                      type="number"
                      min={1}
                      value={item.quantity}
                      onChange={(quantity) =>
                        update({
                          items: form.items.map((it, i) =>
                            i === index ? { ...it, quantity } : it,
                          ),
                        })
                      }
                      autoComplete="off"
                      error={errors[`items[${index}].quantity`]}
                    />
                  </div>
                  <Button
                    variant="tertiary"
                    tone="critical"
                    accessibilityLabel={`Remove ${item.title}`}
                    onClick={() => update({ items: form.items.filter((_, i) => i !== index) })}
                  >
                    Remove
                  </Button>
                </InlineStack>
              </InlineStack>
              {errors[`items[${index}]`] ? (
                <InlineError message={errors[`items[${index}]`] ?? ""} fieldID={`items-${index}`} />
              ) : null}
            </BlockStack>
          ))
        )}
        <DiscountValueField
          form={form}
          currency={currency}
          errors={errors}
          update={update}
          optional={false}
        />
      </BlockStack>
    </Card>
  );
}

export function TiersCard({
  form,
  errors,
  update,
}: {
  form: OfferForm;
  errors: Record<string, string>;
  update: (patch: Partial<OfferForm>) => void;
}) {
  const setTier = (index: number, patch: Partial<OfferForm["tiers"][number]>) =>
    update({ tiers: form.tiers.map((t, i) => (i === index ? { ...t, ...patch } : t)) });
  return (
    <SectionCard
      title="Tiers"
      description="The discount for the total quantity of matching items. Each tier needs more items and gives at least the previous tier’s discount."
    >
      {errors.tiers ? <InlineError message={errors.tiers} fieldID="tiers" /> : null}
      {form.tiers.map((tier, index) => (
        <InlineStack align="start" key={index} gap="300" blockAlign="end" wrap={false}>
          <TextField
            label={`Tier ${index + 1}: from quantity`}
            type="number"
            min={2}
            value={tier.minQuantity}
            onChange={(minQuantity) => setTier(index, { minQuantity })}
            autoComplete="off"
            error={errors[`tiers[${index}].minQuantity`]}
          />
          <TextField
            label="Discount"
            suffix="%"
            inputMode="decimal"
            value={tier.discountPercent}
            onChange={(discountPercent) => setTier(index, { discountPercent })}
            autoComplete="off"
            error={errors[`tiers[${index}].discountPercent`]}
          />
          <Button
            variant="tertiary"
            tone="critical"
            accessibilityLabel={`Remove tier ${index + 1}`}
            disabled={form.tiers.length === 1}
            onClick={() => update({ tiers: form.tiers.filter((_, i) => i !== index) })}
          >
            Remove
          </Button>
        </InlineStack>
      ))}
      <InlineStack align="start">
        <Button
          onClick={() =>
            update({ tiers: [...form.tiers, { minQuantity: "", discountPercent: "" }] })
          }
        >
          Add tier
        </Button>
      </InlineStack>
    </SectionCard>
  );
}
