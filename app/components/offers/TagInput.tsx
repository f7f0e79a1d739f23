import { BlockStack, Button, InlineStack, Tag, TextField } from "@shopify/polaris";
import { useState } from "react";

interface Props {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  helpText?: string;
  placeholder?: string;
  error?: string;
  /** Normalises a typed value ("us" → "US"); return null to refuse it. */
  normalize?: (value: string) => string | null;
}

/** A list of short texts (tags, country codes): type one, press Enter or Add; remove by tag. */
export function TagInput({
  label,
  values,
  onChange,
  helpText,
  placeholder,
  error,
  normalize,
}: Props) {
  const [draft, setDraft] = useState("");
  const add = () => {
    const parts = draft
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (normalize ? normalize(p) : p))
      .filter((p): p is string => p !== null);
    const next = [...values];
    for (const part of parts) {
      if (!next.some((v) => v.toLowerCase() === part.toLowerCase())) next.push(part);
    }
    onChange(next);
    setDraft("");
  };
  return (
    <BlockStack gap="200">
      <div
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            add();
          }
        }}
      >
        <TextField
          label={label}
          value={draft}
          onChange={setDraft}
          // Leaving the field keeps what was typed: Save never drops a tag that was not "added".
          onBlur={() => {
            if (draft.trim() !== "") add();
          }}
          autoComplete="off"
          helpText={helpText}
          placeholder={placeholder}
          error={error}
          connectedRight={
            <Button onClick={add} disabled={draft.trim() === ""}>
              Add
            </Button>
          }
        />
      </div>
      {values.length > 0 ? (
        <InlineStack align="start" gap="200">
          {values.map((value) => (
            <Tag
              key={value}
              onRemove={() => onChange(values.filter((v) => v !== value))}
              accessibilityLabel={`Remove ${value}`}
            >
              {value}
            </Tag>
          ))}
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}
