import {
  BlockStack,
  Checkbox,
  InlineStack,
  Modal,
  RadioButton,
  Spinner,
  Text,
  TextField,
} from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { CatalogAnswer } from "../../models/catalog.server";
import type { ItemRef } from "../../offers/form";
import { useEmbedded } from "../host";
import { formatAmount } from "../money";

export type PickKind = "product" | "variant" | "collection";

export interface Picked {
  ids: string[];
  /** For variant picks: the offered items, titles and prices as Shopify reports them. */
  items: ItemRef[];
  names: Record<string, string>;
}

interface PickOptions {
  multiple: boolean;
  selected: string[];
  title: string;
}

async function catalog(params: Record<string, string>): Promise<CatalogAnswer> {
  const response = await fetch(`/app/catalog?${new URLSearchParams(params).toString()}`, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new Error(`Catalog request failed (${response.status})`);
  return (await response.json()) as CatalogAnswer;
}

/** Reads picked ids back from the server, so titles and prices come from the Admin API. */
async function resolve(ids: string[]): Promise<Picked> {
  if (ids.length === 0) return { ids, items: [], names: {} };
  const answer = await catalog({ ids: ids.join(",") });
  return { ids, items: answer.items, names: answer.names };
}

interface PendingPick extends PickOptions {
  kind: PickKind;
  done: (picked: Picked | null) => void;
  /** What had focus when the picker opened (its button): focus goes back there on close. */
  opener: HTMLElement | null;
}

/**
 * Product, variant and collection selection: App Bridge's resource picker inside Shopify, and in
 * the demo store a search-backed modal over the same Admin API (the stand-in answers from the
 * demo catalog). Either way the ids go back to the server, which reads titles and prices.
 */
export function useCatalogPicker(currency: string): {
  pick: (kind: PickKind, options: PickOptions) => Promise<Picked | null>;
  modal: ReactNode;
} {
  const embedded = useEmbedded();
  const [pending, setPending] = useState<PendingPick | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  // Polaris buttons blur themselves on mouse up, so by the time a click opens the picker nothing
  // has focus: the control last pressed or focused stands in for the opener.
  const lastControl = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const remember = (event: Event) => {
      const control =
        event.target instanceof Element
          ? event.target.closest<HTMLElement>("button, a[href], input, select, [tabindex]")
          : null;
      if (control) lastControl.current = control;
    };
    document.addEventListener("pointerdown", remember, true);
    document.addEventListener("focusin", remember, true);
    return () => {
      document.removeEventListener("pointerdown", remember, true);
      document.removeEventListener("focusin", remember, true);
    };
  }, []);

  // Once the dialog is gone, focus returns to the button that opened it (not the page's top).
  useEffect(() => {
    if (pending !== null || !returnFocus.current) return;
    const opener = returnFocus.current;
    returnFocus.current = null;
    // After the dialog's own focus handling has run (it unmounts with this render).
    const frame = requestAnimationFrame(() => {
      if (opener.isConnected) opener.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [pending]);

  const pick = useCallback(
    async (kind: PickKind, options: PickOptions): Promise<Picked | null> => {
      if (embedded) {
        const selection = await window.shopify.resourcePicker({
          type: kind,
          action: "select",
          multiple: options.multiple,
          selectionIds: options.selected.map((id) => ({ id })),
        });
        if (!selection) return null;
        const ids = selection.flatMap((resource) => {
          // Picking products may return chosen variants with them; a variant pick wants those.
          if (kind === "variant" && "variants" in resource && Array.isArray(resource.variants)) {
            return resource.variants.flatMap((v) => (v.id ? [v.id] : []));
          }
          return [resource.id];
        });
        return resolve(ids);
      }
      const active = document.activeElement;
      const opener =
        active instanceof HTMLElement && active !== document.body ? active : lastControl.current;
      return new Promise<Picked | null>((done) => setPending({ kind, ...options, done, opener }));
    },
    [embedded],
  );

  const modal = pending ? (
    <DemoPickerModal
      key={`${pending.kind}-${pending.title}`}
      pending={pending}
      currency={currency}
      onClose={(picked) => {
        pending.done(picked);
        setPending(null);
        returnFocus.current = pending.opener;
      }}
    />
  ) : null;

  return { pick, modal };
}

function DemoPickerModal({
  pending,
  currency,
  onClose,
}: {
  pending: PendingPick;
  currency: string;
  onClose: (picked: Picked | null) => void;
}) {
  const [query, setQuery] = useState("");
  const [answer, setAnswer] = useState<CatalogAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>(pending.selected);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      catalog({ type: pending.kind === "collection" ? "collection" : "product", query })
        .then((result) => {
          if (ticket === latest.current) {
            setAnswer(result);
            setError(null);
          }
        })
        .catch((e: unknown) => {
          if (ticket === latest.current) setError(e instanceof Error ? e.message : String(e));
        });
    }, 200);
    return () => clearTimeout(timer);
  }, [query, pending.kind]);

  const toggle = (id: string, on: boolean) => {
    if (!pending.multiple) {
      setSelected(on ? [id] : []);
      return;
    }
    setSelected((current) => (on ? [...current, id] : current.filter((x) => x !== id)));
  };

  const confirm = async () => {
    setBusy(true);
    try {
      onClose(await resolve(selected));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const choice = (id: string, label: ReactNode, helpText?: string) =>
    pending.multiple ? (
      <Checkbox
        key={id}
        label={label}
        helpText={helpText}
        checked={selected.includes(id)}
        onChange={(on) => toggle(id, on)}
      />
    ) : (
      <RadioButton
        key={id}
        name="catalog-pick"
        label={label}
        helpText={helpText}
        checked={selected.includes(id)}
        onChange={(on) => toggle(id, on)}
      />
    );

  return (
    <Modal
      open
      title={pending.title}
      onClose={() => onClose(null)}
      primaryAction={{
        content: "Select",
        onAction: () => void confirm(),
        loading: busy,
        disabled: selected.length === 0 && pending.selected.length === 0,
      }}
      secondaryActions={[{ content: "Cancel", onAction: () => onClose(null) }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <TextField
            label="Search"
            labelHidden
            // Where a merchant starts: typing searches right away.
            autoFocus
            placeholder={pending.kind === "collection" ? "Search collections" : "Search products"}
            value={query}
            onChange={setQuery}
            autoComplete="off"
            clearButton
            onClearButtonClick={() => setQuery("")}
          />
          {error ? (
            <Text as="p" tone="critical">
              {error}
            </Text>
          ) : null}
          {!answer ? (
            <InlineStack align="center">
              <Spinner accessibilityLabel="Searching" size="small" />
            </InlineStack>
          ) : answer.results.length === 0 ? (
            <Text as="p" tone="subdued">
              Nothing matches “{query}”.
            </Text>
          ) : (
            <BlockStack gap="200">
              {answer.results.map((result) => {
                if (pending.kind === "collection") {
                  return choice(
                    result.id,
                    result.title,
                    `${result.productsCount ?? 0} product${result.productsCount === 1 ? "" : "s"}`,
                  );
                }
                if (pending.kind === "product") {
                  return choice(
                    result.id,
                    result.title,
                    (result.variants ?? [])
                      .map((v) => formatAmount(v.price, currency))
                      .filter((v, i, all) => all.indexOf(v) === i)
                      .join(" – "),
                  );
                }
                const variants = result.variants ?? [];
                const [only] = variants;
                if (variants.length === 1 && only) {
                  return choice(only.variantId, only.title, formatAmount(only.price, currency));
                }
                return (
                  <BlockStack key={result.id} gap="100">
                    <Text as="h3" variant="headingSm">
                      {result.title}
                    </Text>
                    <div style={{ paddingInlineStart: "1rem" }}>
                      <BlockStack gap="100">
                        {variants.map((v) =>
                          choice(v.variantId, v.title, formatAmount(v.price, currency)),
                        )}
                      </BlockStack>
                    </div>
                  </BlockStack>
                );
              })}
              {answer.more ? (
                <Text as="p" tone="subdued">
                  More products match: refine the search.
                </Text>
              ) : null}
            </BlockStack>
          )}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
