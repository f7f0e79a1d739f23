import { BlockStack, Select, TextField } from "@shopify/polaris";
import { currencySymbol } from "../money";
import { amountField, fieldLabel, type DiscountMode, type OfferForm } from "../../offers/form";

/**
 * An offer's discount as the merchant chooses to give it (DESIGN §3.1 "Discount value"): a
 * percent or an amount off each unit for an upgrade or add-on, a percent or a set price for a
 * bundle. Only the chosen field is saved.
 */
export function DiscountValueField({
  form,
  currency,
  errors,
  update,
  optional,
}: {
  form: OfferForm;
  currency: string;
  errors: Record<string, string>;
  update: (patch: Partial<OfferForm>) => void;
  optional: boolean;
}) {
  const bundle = form.kind === "bundle";
  const field = amountField(form.kind);
  const amountLabel = fieldLabel(field, form.kind);
  const percentLabel = fieldLabel("discountPercent", form.kind);
  const options = [
    { label: bundle ? "Percent off the set" : "Percent off", value: "percent" },
    { label: bundle ? "Price for the set" : "Amount off each unit", value: "amount" },
  ];
  const byAmount = form.discountMode === "amount";
  return (
    <BlockStack gap="200">
      <Select
        label={bundle ? "Bundle discount type" : "Discount type"}
        options={options}
        value={form.discountMode}
        onChange={(value) => update({ discountMode: value as DiscountMode })}
      />
      {byAmount ? (
        <TextField
          label={amountLabel}
          prefix={currencySymbol(currency)}
          inputMode="decimal"
          value={form.discountAmount}
          onChange={(discountAmount) => update({ discountAmount })}
          autoComplete="off"
          helpText={
            bundle
              ? "What one complete set costs; lower than the items' total."
              : `${optional ? "Optional. " : ""}Taken off each unit, never more than its price.`
          }
          error={errors[field] ?? errors.discountPercent}
        />
      ) : (
        <TextField
          label={percentLabel}
          suffix="%"
          inputMode="decimal"
          value={form.discountPercent}
          onChange={(discountPercent) => update({ discountPercent })}
          autoComplete="off"
          helpText={
            bundle
              ? "Taken off every complete set in the cart."
              : "Optional. Taken off this product while the offer applies."
          }
          error={errors.discountPercent}
        />
      )}
    </BlockStack>
  );
}
