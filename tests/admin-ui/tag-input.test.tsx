// @vitest-environment jsdom
import "../support/match-media";
import { AppProvider } from "@shopify/polaris";
import translations from "@shopify/polaris/locales/en.json" with { type: "json" };
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { TagInput } from "../../app/components/offers/TagInput";

afterEach(cleanup);

function Tags({ onChange }: { onChange: (values: string[]) => void }) {
  const [values, setValues] = useState<string[]>(["vip"]);
  return (
    <AppProvider i18n={translations}>
      <TagInput
        label="Complaint tags"
        values={values}
        onChange={(next) => {
          setValues(next);
          onChange(next);
        }}
      />
    </AppProvider>
  );
}

describe("TagInput", () => {
  it("adds what was typed when the field loses focus, so Save never drops it", () => {
    const changes: string[][] = [];
    render(<Tags onChange={(v) => changes.push(v)} />);
    const field = screen.getByLabelText("Complaint tags");
    fireEvent.change(field, { target: { value: "open-complaint, VIP" } });
    fireEvent.blur(field);
    // Each tag once, whatever its case.
    expect(changes).toEqual([["vip", "open-complaint"]]);
    expect((field as HTMLInputElement).value).toBe("");
  });

  it("adds on Enter, and leaving an empty field changes nothing", () => {
    const changes: string[][] = [];
    render(<Tags onChange={(v) => changes.push(v)} />);
    const field = screen.getByLabelText("Complaint tags");
    fireEvent.blur(field);
    expect(changes).toEqual([]);
    fireEvent.change(field, { target: { value: "budget" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(changes).toEqual([["vip", "budget"]]);
  });
});
