import {
  BlockStack,
  Box,
  Button,
  InlineGrid,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import type { ItemRef, OfferForm, VariantForm } from "../../offers/form";
import { formatAmount } from "../money";
import { SectionCard } from "../SectionCard";

const MAX_VARIANTS = 4;
const NAMES = ["A", "B", "C", "D"];

/** The first of A–D no copy uses yet. */
function freeName(variants: readonly VariantForm[]): string {
  const used = new Set(variants.map((v) => v.id));
  return NAMES.find((n) => !used.has(n)) ?? `V${variants.length + 1}`;
}

/**
 * A/B test of an offer's copy (DESIGN §3.1 "Variants"): 2–4 copies side by side, each with a
 * share of buyers (weight), its own headline and reason, and for a cross-sell its own product.
 * Empty fields fall back to the offer's own; discounts are the offer's whatever copy is shown.
 */
export function VariantsCard({
  form,
  currency,
  errors,
  onChange,
  pickItem,
}: {
  form: OfferForm;
  currency: string;
  errors: Record<string, string>;
  onChange: (variants: VariantForm[]) => void;
  pickItem: (current: ItemRef | null) => Promise<ItemRef | null>;
}) {
  const variants = form.variants;
  const set = (index: number, patch: Partial<VariantForm>) =>
    onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const blank = (id: string): VariantForm => ({
    id,
    weight: "1",
    message: "",
    why: "",
    item: null,
  });
  const totalWeight = variants.reduce((sum, v) => sum + (Number(v.weight) || 0), 0);

  if (form.kind === "free-shipping") return null;
  return (
    <SectionCard title="A/B test">
      {variants.length === 0 ? (
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="p" tone="subdued">
            Show buyers different copies of this offer and keep the one that takes best. Each buyer
            always sees the same copy; discounts don&apos;t change.
          </Text>
          <Button
            onClick={() =>
              onChange([{ ...blank("A"), message: form.message, why: form.why }, blank("B")])
            }
          >
            Add a variant
          </Button>
        </InlineStack>
      ) : (
        <BlockStack gap="300">
          {errors.variants ? (
            <Text as="p" tone="critical">
              {errors.variants}
            </Text>
          ) : null}
          <InlineGrid columns={{ xs: 1, md: Math.min(variants.length, 4) }} gap="300">
            {variants.map((variant, index) => {
              const field = (name: string) => errors[`variants[${index}].${name}`];
              const share =
                totalWeight > 0
                  ? Math.round((100 * (Number(variant.weight) || 0)) / totalWeight)
                  : 0;
              return (
                <Box
                  key={index}
                  padding="300"
                  borderWidth="025"
                  borderColor="border"
                  borderRadius="200"
                >
                  <BlockStack gap="200">
                    <TextField
                      label="Variant name"
                      value={variant.id}
                      onChange={(id) => set(index, { id })}
                      autoComplete="off"
                      helpText="Letters, digits, - or _; reports use it."
                      error={field("id")}
                    />
                    <TextField
                      label="Weight"
                      type="number"
                      min={1}
                      value={variant.weight}
                      onChange={(weight) => set(index, { weight })}
                      autoComplete="off"
                      helpText={`About ${share}% of buyers`}
                      error={field("weight")}
                    />
                    <TextField
                      label="Headline"
                      value={variant.message}
                      onChange={(message) => set(index, { message })}
                      autoComplete="off"
                      placeholder={form.message || "The offer's headline"}
                      error={field("message")}
                    />
                    <TextField
                      label="Why"
                      value={variant.why}
                      onChange={(why) => set(index, { why })}
                      autoComplete="off"
                      multiline={2}
                      placeholder={form.why || "The offer's reason"}
                      error={field("why")}
                    />
                    {form.kind === "cross-sell" ? (
                      <BlockStack gap="100">
                        <Text as="p" variant="bodySm" tone="subdued">
                          {variant.item
                            ? `${variant.item.title} · ${formatAmount(variant.item.price, currency)}`
                            : "The offer's product"}
                        </Text>
                        <InlineStack gap="200">
                          <Button
                            size="slim"
                            onClick={async () => {
                              const item = await pickItem(variant.item);
                              if (item) set(index, { item });
                            }}
                          >
                            {variant.item ? "Change product" : "Own product"}
                          </Button>
                          {variant.item ? (
                            <Button size="slim" onClick={() => set(index, { item: null })}>
                              Use the offer&apos;s
                            </Button>
                          ) : null}
                        </InlineStack>
                        {field("item") ? (
                          <Text as="p" tone="critical">
                            {field("item")}
                          </Text>
                        ) : null}
                      </BlockStack>
                    ) : null}
                    <Button
                      variant="plain"
                      tone="critical"
                      onClick={() =>
                        onChange(variants.length <= 2 ? [] : variants.filter((_, i) => i !== index))
                      }
                    >
                      {variants.length <= 2 ? "End the test" : "Remove"}
                    </Button>
                  </BlockStack>
                </Box>
              );
            })}
          </InlineGrid>
          {variants.length < MAX_VARIANTS ? (
            <InlineStack>
              <Button onClick={() => onChange([...variants, blank(freeName(variants))])}>
                Add a variant
              </Button>
            </InlineStack>
          ) : null}
        </BlockStack>
      )}
    </SectionCard>
  );
}
