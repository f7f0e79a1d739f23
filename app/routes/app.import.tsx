import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DropZone,
  InlineStack,
  Layout,
  List,
  Modal,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { downloadExport } from "../components/download";
import { shopCurrency } from "../models/shop-settings.server";
import {
  applyImport,
  previewImport,
  type ImportPreview,
  type OfferChange,
} from "../models/transfer.server";
import type { FieldChange } from "../offers/change-text";
import { KIND_LABELS } from "../offers/describe";
import { isOfferKind } from "../offers/form";
import { asRecord, readJson } from "../routing.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return { currency: await shopCurrency(session.shop, admin) };
};

export type ImportActionData = ImportPreview & { applied: boolean };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const body = asRecord(await readJson(request));
  const text = typeof body.text === "string" ? body.text : "";
  const apply = body.intent === "apply";
  const result = apply
    ? await applyImport(session.shop, admin, text)
    : await previewImport(session.shop, admin, text);
  const answer: ImportActionData = { ...result, applied: apply && result.ok };
  return result.ok ? answer : data(answer, { status: 422 });
};

function ChangeList({
  title,
  tone,
  changes,
}: {
  title: string;
  tone: "success" | "attention" | "critical" | "info";
  changes: OfferChange[];
}) {
  if (changes.length === 0) return null;
  return (
    <BlockStack gap="200">
      <InlineStack align="start" gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        <Badge tone={tone}>{String(changes.length)}</Badge>
      </InlineStack>
      <List>
        {changes.map((c) => (
          <List.Item key={c.id}>
            <Text as="span" fontWeight="semibold">
              {c.title}
            </Text>{" "}
            <Text as="span" tone="subdued">
              ({c.id} · {isOfferKind(c.kind) ? KIND_LABELS[c.kind] : c.kind})
            </Text>
            {c.changes && c.changes.length > 0 ? <ValueChanges changes={c.changes} /> : null}
          </List.Item>
        ))}
      </List>
    </BlockStack>
  );
}

/** Old → new values of changed fields, by label. */
function ValueChanges({ changes }: { changes: FieldChange[] }) {
  return (
    <List type="bullet">
      {changes.map((c) => (
        <List.Item key={c.field}>
          <Text as="span" fontWeight="medium">
            {c.label}
          </Text>
          : {c.before} → {c.after}
        </List.Item>
      ))}
    </List>
  );
}

export default function ImportPage() {
  const { currency } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ImportActionData>();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  // The text the shown diff was computed from: Apply sends exactly that, and an edit after the
  // check hides the diff until the file is checked again.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const result = previewed === text ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";

  const preview = (content: string) => {
    setPreviewed(content);
    fetcher.submit(
      { intent: "preview", text: content },
      { method: "post", encType: "application/json" },
    );
  };

  const onDrop = async (files: File[]) => {
    const [file] = files;
    if (!file) return;
    setReadError(null);
    try {
      const content = await file.text();
      setFileName(file.name);
      setText(content);
      preview(content);
    } catch {
      setReadError(`Could not read ${file.name}.`);
    }
  };

  const diff = result?.ok ? result.diff : null;
  const nothingChanges =
    diff !== null &&
    diff.added.length + diff.changed.length + diff.removed.length === 0 &&
    !diff.settingsChanged &&
    !diff.reordered;

  return (
    <Page
      title="Import offers"
      subtitle={`An offer config v1 file (the ladder CLI's format) in ${currency}.`}
      backAction={{ content: "Offers", url: "/app/offers" }}
      secondaryActions={[
        { content: "Export current offers", onAction: () => void downloadExport() },
      ]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Banner tone="info">
              <p>
                Importing makes this shop&apos;s offers and settings those of the file: offers in
                the file are added or replaced by id, offers not in it are removed. You see every
                change before anything is written. Check files in your own CI with{" "}
                <code>ladder validate --config FILE</code>.
              </p>
            </Banner>
            <Card>
              <BlockStack gap="300">
                <DropZone
                  accept=".json,application/json"
                  type="file"
                  allowMultiple={false}
                  onDrop={(_all, accepted) => void onDrop(accepted)}
                  label="Config file"
                >
                  {fileName ? (
                    <BlockStack inlineAlign="center" gap="100">
                      <Text as="p" fontWeight="semibold">
                        {fileName}
                      </Text>
                      <Text as="p" tone="subdued">
                        Drop another file to replace it.
                      </Text>
                    </BlockStack>
                  ) : (
                    <DropZone.FileUpload actionHint="Accepts one .json file" />
                  )}
                </DropZone>
                <TextField
                  label="Or paste the JSON"
                  value={text}
                  onChange={(value) => {
                    setText(value);
                    setFileName(null);
                  }}
                  multiline={6}
                  maxHeight={240}
                  autoComplete="off"
                  monospaced
                />
                <InlineStack align="start">
                  <Button
                    onClick={() => preview(text)}
                    disabled={text.trim() === ""}
                    loading={busy && !confirming}
                  >
                    Check file
                  </Button>
                </InlineStack>
                {readError ? <Banner tone="critical" title={readError} /> : null}
              </BlockStack>
            </Card>

            {result && !result.ok ? (
              <Banner
                tone="critical"
                title={`The file can't be imported: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}. Nothing was changed.`}
              >
                <List>
                  {result.problems.map((p) => (
                    <List.Item key={`${p.path}:${p.message}`}>
                      <Text as="span" fontWeight="semibold">
                        {p.label}
                      </Text>
                      : {p.message}
                    </List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}

            {result?.ok && result.applied ? (
              <Banner
                tone="success"
                title={`Imported ${result.offerCount} offer${result.offerCount === 1 ? "" : "s"}`}
                action={{ content: "Go to offers", url: "/app/offers" }}
              >
                <p>Publish from the offers page to make the changes live at checkout.</p>
              </Banner>
            ) : null}

            {diff && !result?.applied ? (
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    What the import changes
                  </Text>
                  {nothingChanges ? (
                    <Text as="p">
                      The file matches this shop&apos;s offers and settings: nothing to change.
                    </Text>
                  ) : null}
                  <ChangeList title="Added" tone="success" changes={diff.added} />
                  <ChangeList title="Changed" tone="attention" changes={diff.changed} />
                  <ChangeList title="Removed" tone="critical" changes={diff.removed} />
                  <ChangeList
                    title="Kept as they are (incomplete drafts, which files can't hold)"
                    tone="info"
                    changes={diff.keptDrafts}
                  />
                  {diff.settings.length > 0 ? (
                    <BlockStack gap="200">
                      <Text as="h3" variant="headingSm">
                        Settings that change
                      </Text>
                      <ValueChanges changes={diff.settings} />
                    </BlockStack>
                  ) : null}
                  {diff.corrected.length > 0 ? (
                    <Banner tone="warning" title="Catalog facts in the file differ from Shopify">
                      <p>
                        Titles and prices always come from your Shopify catalog; the import keeps
                        Shopify&apos;s:
                      </p>
                      <List>
                        {diff.corrected.map((c) => (
                          <List.Item key={`${c.id}:${c.label}`}>
                            “{c.title}” · {c.label}: file says {c.file}, Shopify has {c.shopify}
                          </List.Item>
                        ))}
                      </List>
                    </Banner>
                  ) : null}
                  {diff.overlaps.length > 0 ? (
                    <Banner tone="warning" title="Overlapping offers in the file">
                      <List>
                        {diff.overlaps.map((o) => (
                          <List.Item key={o.offers.map((x) => x.id).join("+")}>
                            {o.offers.map((x) => `“${x.title}”`).join(" and ")} ({o.shared}):{" "}
                            {o.outcome}
                          </List.Item>
                        ))}
                      </List>
                    </Banner>
                  ) : null}
                  {diff.reordered ? (
                    <Text as="p">
                      The order of offers changes (it breaks ties between equal priorities).
                    </Text>
                  ) : null}
                  <Text as="p" tone="subdued">
                    {diff.unchanged} offer{diff.unchanged === 1 ? "" : "s"} unchanged.
                  </Text>
                  <InlineStack align="start">
                    <Button
                      variant="primary"
                      disabled={nothingChanges}
                      onClick={() => setConfirming(true)}
                    >
                      Apply import
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Apply this import?"
        primaryAction={{
          content: "Apply import",
          destructive: (diff?.removed.length ?? 0) > 0,
          loading: busy,
          onAction: () => {
            fetcher.submit(
              { intent: "apply", text: previewed ?? text },
              { method: "post", encType: "application/json" },
            );
            setConfirming(false);
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            {diff
              ? `${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed${diff.settings.length > 0 ? `, ${diff.settings.length} setting${diff.settings.length === 1 ? "" : "s"} changed (${diff.settings.map((c) => c.label).join(", ")})` : ""}. Nothing reaches checkout until you publish.`
              : ""}
          </Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
