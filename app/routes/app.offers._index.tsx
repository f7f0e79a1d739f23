import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  ChoiceList,
  Filters,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  List,
  Modal,
  Page,
  Text,
  useBreakpoints,
  useIndexResourceState,
} from "@shopify/polaris";
import { useState } from "react";
import { OFFER_KINDS, type OfferKind } from "../engine";
import { downloadExport } from "../components/download";
import { OfferListRow } from "../components/offers/OfferListRow";
import { OverlapWarning } from "../components/offers/OverlapWarning";
import { formatWhen, PublishCard } from "../components/offers/PublishCard";
import { dismissNotice } from "../models/notices.server";
import { filtersFrom, offersOverview } from "../models/offers-overview.server";
import { deleteOffers, setOffersStatus, type StatusChange } from "../models/offers.server";
import { createFromTemplate } from "../models/templates.server";
import { KIND_DESCRIPTIONS, KIND_LABELS } from "../offers/describe";
import { fieldErrors, fieldLabel } from "../offers/form";
import { asRecord, readJson } from "../routing.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  return offersOverview(session.shop, admin, filtersFrom(new URL(request.url).searchParams));
};

type BulkIntent = "activate" | "draft" | "delete";

export type OffersActionData =
  | {
      intent: "activate" | "draft";
      changed: string[];
      refused: StatusChange["refused"];
    }
  | { intent: "delete"; deleted: number }
  | { intent: "dismiss" }
  | { error: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  const body = asRecord(await readJson(request));
  const keys = Array.isArray(body.keys)
    ? body.keys.filter((k): k is string => typeof k === "string")
    : [];
  switch (body.intent) {
    case "activate":
    case "draft": {
      const change = await setOffersStatus(
        session.shop,
        keys,
        body.intent === "activate" ? "active" : "draft",
      );
      return { intent: body.intent, ...change };
    }
    case "delete":
      return { intent: "delete" as const, deleted: await deleteOffers(session.shop, keys) };
    case "template": {
      const created = await createFromTemplate(session.shop, admin, String(body.template ?? ""));
      if (!created) return data({ error: "Unknown template" }, { status: 400 });
      const [first] = created.ids;
      return redirect(
        first ? `/app/offers/${encodeURIComponent(first)}?template=1` : "/app/offers",
      );
    }
    case "dismiss":
      await dismissNotice(session.shop, String(body.notice ?? ""));
      return { intent: "dismiss" as const };
    default:
      return data({ error: "Unknown action" }, { status: 400 });
  }
};

const BULK_TEXT: Record<BulkIntent, { verb: string; title: (n: number) => string; body: string }> =
  {
    activate: {
      verb: "Activate",
      title: (n) => `Activate ${n} offer${n === 1 ? "" : "s"}?`,
      body: "Active offers reach checkout at the next publish. Incomplete drafts stay drafts.",
    },
    draft: {
      verb: "Set to draft",
      title: (n) => `Set ${n} offer${n === 1 ? "" : "s"} to draft?`,
      body: "Drafts leave checkout at the next publish; you can still preview them.",
    },
    delete: {
      verb: "Delete",
      title: (n) => `Delete ${n} offer${n === 1 ? "" : "s"}?`,
      body: "Deleted offers can't be restored. Export your offers first if you may want them back.",
    },
  };

export default function OffersPage() {
  const overview = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const bulk = useFetcher<OffersActionData>();
  const templates = useFetcher<OffersActionData>();
  const notices = useFetcher();
  const [confirm, setConfirm] = useState<BulkIntent | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  // On a phone the table becomes a list (Polaris's condensed rows); the server renders the
  // table and the list replaces it after hydration, so both renders match.
  const { mdDown } = useBreakpoints({ defaults: false });
  const condensed = mdDown;

  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(overview.offers.map((o) => ({ id: o.key })));

  const runBulk = (intent: BulkIntent) => {
    bulk.submit(
      { intent, keys: selectedResources },
      { method: "post", encType: "application/json" },
    );
    setConfirm(null);
    clearSelection();
  };

  const setFilter = (name: "kind" | "status", values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    for (const value of values) next.append(name, value);
    setParams(next, { replace: true });
  };

  const exportOffers = async () => {
    setExporting(null);
    try {
      await downloadExport();
    } catch (error) {
      setExporting(error instanceof Error ? error.message : String(error));
    }
  };

  const result = bulk.state === "idle" ? bulk.data : undefined;
  const filtered = overview.filters.kinds.length > 0 || overview.filters.statuses.length > 0;
  const createFromTemplate = (template: string) =>
    templates.submit(
      { intent: "template", template },
      { method: "post", encType: "application/json" },
    );

  const templateCards = (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: 3 }} gap="300">
      {overview.templates.map((template) => (
        <Card key={template.id}>
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {template.title}
            </Text>
            <Text as="p">{template.story}</Text>
            <Text as="p" tone="subdued" variant="bodySm">
              {template.practice}
            </Text>
            <InlineStack align="start">
              <Button
                onClick={() => createFromTemplate(template.id)}
                loading={
                  templates.state !== "idle" &&
                  templates.json !== undefined &&
                  asTemplate(templates.json) === template.id
                }
                accessibilityLabel={`Use template: ${template.title}`}
              >
                Use template
              </Button>
            </InlineStack>
          </BlockStack>
        </Card>
      ))}
    </InlineGrid>
  );

  return (
    <Page
      title="Offers"
      subtitle="Your value ladder: what buyers are offered at checkout, and why."
      primaryAction={{ content: "Create offer", onAction: () => setChoosing(true) }}
      secondaryActions={[
        { content: "Import", onAction: () => navigate("/app/import") },
        { content: "Export", onAction: () => void exportOffers(), disabled: overview.total === 0 },
      ]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {overview.notices.map((notice) => (
              <Banner
                key={notice.id}
                tone={notice.tone}
                title={notice.message}
                onDismiss={() =>
                  notices.submit(
                    { intent: "dismiss", notice: notice.id },
                    { method: "post", encType: "application/json" },
                  )
                }
                action={
                  notice.offerKey
                    ? {
                        content: "Open offer",
                        url: `/app/offers/${encodeURIComponent(notice.offerKey)}`,
                      }
                    : undefined
                }
              >
                <p>{formatWhen(notice.createdAt)}</p>
              </Banner>
            ))}
            {exporting ? (
              <Banner tone="critical" title="Export failed" onDismiss={() => setExporting(null)}>
                <p>{exporting}</p>
              </Banner>
            ) : null}
            {result ? <BulkResult result={result} /> : null}
            {params.get("deleted") ? (
              <Banner
                tone="success"
                title="Offer deleted"
                onDismiss={() => setParams(new URLSearchParams(), { replace: true })}
              />
            ) : null}

            <OverlapWarning overlaps={overview.publish.overlaps} />
            <PublishCard status={overview.publish} />

            {overview.total === 0 ? (
              <Card>
                <BlockStack gap="300" inlineAlign="center">
                  <Text as="h2" variant="headingLg">
                    Start your value ladder
                  </Text>
                  <Box maxWidth="36rem">
                    <Text as="p" alignment="center">
                      Pick a starter template from a shop like yours, then choose your own products.
                      Templates start as drafts: nothing reaches checkout until you activate and
                      publish.
                    </Text>
                  </Box>
                  <InlineStack align="start" gap="200">
                    <Button url="/app/import">Import a config file</Button>
                    <Button variant="primary" onClick={() => setChoosing(true)}>
                      Create offer
                    </Button>
                  </InlineStack>
                </BlockStack>
                <Box paddingBlockStart="400">{templateCards}</Box>
              </Card>
            ) : (
              <Card padding="0">
                <Filters
                  queryValue=""
                  hideQueryField
                  onQueryChange={() => undefined}
                  onQueryClear={() => undefined}
                  onClearAll={() => setParams(new URLSearchParams(), { replace: true })}
                  filters={[
                    {
                      key: "kind",
                      label: "Kind",
                      filter: (
                        <ChoiceList
                          title="Kind"
                          titleHidden
                          allowMultiple
                          choices={OFFER_KINDS.map((k) => ({ label: KIND_LABELS[k], value: k }))}
                          selected={overview.filters.kinds}
                          onChange={(values) => setFilter("kind", values)}
                        />
                      ),
                      shortcut: true,
                    },
                    {
                      key: "status",
                      label: "Status",
                      filter: (
                        <ChoiceList
                          title="Status"
                          titleHidden
                          allowMultiple
                          choices={[
                            { label: "Active", value: "active" },
                            { label: "Draft", value: "draft" },
                          ]}
                          selected={overview.filters.statuses}
                          onChange={(values) => setFilter("status", values)}
                        />
                      ),
                      shortcut: true,
                    },
                  ]}
                  appliedFilters={[
                    ...(overview.filters.kinds.length
                      ? [
                          {
                            key: "kind",
                            label: `Kind: ${overview.filters.kinds.map((k) => KIND_LABELS[k]).join(", ")}`,
                            onRemove: () => setFilter("kind", []),
                          },
                        ]
                      : []),
                    ...(overview.filters.statuses.length
                      ? [
                          {
                            key: "status",
                            label: `Status: ${overview.filters.statuses.join(", ")}`,
                            onRemove: () => setFilter("status", []),
                          },
                        ]
                      : []),
                  ]}
                />
                <IndexTable
                  resourceName={{ singular: "offer", plural: "offers" }}
                  itemCount={overview.offers.length}
                  condensed={condensed}
                  selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                  onSelectionChange={handleSelectionChange}
                  loading={bulk.state !== "idle"}
                  emptyState={
                    <Box padding="400">
                      <Text as="p" tone="subdued">
                        {filtered ? "No offers match these filters." : "No offers yet."}
                      </Text>
                    </Box>
                  }
                  promotedBulkActions={[
                    { content: "Activate", onAction: () => setConfirm("activate") },
                    { content: "Set to draft", onAction: () => setConfirm("draft") },
                  ]}
                  bulkActions={[{ content: "Delete offers", onAction: () => setConfirm("delete") }]}
                  headings={[
                    { title: "Offer" },
                    { title: "Kind" },
                    { title: "Status" },
                    { title: "Schedule" },
                    { title: "Priority", alignment: "end" },
                    {
                      title: `Shown (${overview.performance.days} days)`,
                      alignment: "end",
                    },
                    { title: "Accepted", alignment: "end" },
                    { title: "Revenue", alignment: "end" },
                  ]}
                >
                  {overview.offers.map((offer, index) => (
                    <OfferListRow
                      key={offer.key}
                      offer={offer}
                      position={index}
                      selected={selectedResources.includes(offer.key)}
                      condensed={condensed}
                      now={overview.now}
                      figures={overview.performance.byOffer[offer.key]}
                      currency={overview.performance.currency}
                      digits={overview.performance.digits}
                    />
                  ))}
                </IndexTable>
              </Card>
            )}

            {overview.total > 0 ? (
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Starter templates
                </Text>
                {templateCards}
              </BlockStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>

      {confirm ? (
        <Modal
          open
          onClose={() => setConfirm(null)}
          title={BULK_TEXT[confirm].title(selectedResources.length)}
          primaryAction={{
            content: BULK_TEXT[confirm].verb,
            destructive: confirm === "delete",
            onAction: () => runBulk(confirm),
          }}
          secondaryActions={[{ content: "Cancel", onAction: () => setConfirm(null) }]}
        >
          <Modal.Section>
            <BlockStack gap="200">
              <Text as="p">{BULK_TEXT[confirm].body}</Text>
              <List>
                {overview.offers
                  .filter((o) => selectedResources.includes(o.key))
                  .map((o) => (
                    <List.Item key={o.key}>{o.title}</List.Item>
                  ))}
              </List>
            </BlockStack>
          </Modal.Section>
        </Modal>
      ) : null}

      <Modal open={choosing} onClose={() => setChoosing(false)} title="What kind of offer?">
        <Modal.Section>
          <BlockStack gap="300">
            {OFFER_KINDS.map((kind: OfferKind) => (
              <InlineStack
                key={kind}
                align="space-between"
                blockAlign="center"
                gap="300"
                wrap={false}
              >
                <BlockStack gap="050">
                  <Text as="h3" variant="headingSm">
                    {KIND_LABELS[kind]}
                  </Text>
                  <Text as="p" tone="subdued">
                    {KIND_DESCRIPTIONS[kind]}
                  </Text>
                </BlockStack>
                <Button
                  url={`/app/offers/new/${kind}`}
                  accessibilityLabel={`Create ${KIND_LABELS[kind]}`}
                >
                  Create
                </Button>
              </InlineStack>
            ))}
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

function asTemplate(json: unknown): string | undefined {
  return typeof json === "object" &&
    json !== null &&
    "template" in json &&
    typeof json.template === "string"
    ? json.template
    : undefined;
}

function BulkResult({ result }: { result: OffersActionData }) {
  if ("error" in result) {
    return <Banner tone="critical" title={result.error} />;
  }
  if (result.intent === "delete") {
    return (
      <Banner
        tone="success"
        title={`${result.deleted} offer${result.deleted === 1 ? "" : "s"} deleted`}
      />
    );
  }
  if (result.intent === "dismiss") return null;
  const verb = result.intent === "activate" ? "activated" : "set to draft";
  return (
    <Banner
      tone={result.refused.length ? "warning" : "success"}
      title={`${result.changed.length} offer${result.changed.length === 1 ? "" : "s"} ${verb}`}
    >
      {result.refused.length ? (
        <BlockStack gap="100">
          <p>These can&apos;t be activated until they are complete:</p>
          <List>
            {result.refused.map((r) => (
              <List.Item key={r.key}>
                <Link url={`/app/offers/${encodeURIComponent(r.key)}`}>{r.title}</Link>:{" "}
                {Object.entries(fieldErrors(r.problems))
                  .map(([field, message]) => `${fieldLabel(field, r.kind)}: ${message}`)
                  .join("; ")}
              </List.Item>
            ))}
          </List>
        </BlockStack>
      ) : null}
    </Banner>
  );
}
