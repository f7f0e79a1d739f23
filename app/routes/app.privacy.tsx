import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { downloadFile } from "../components/download";
import { listDataRequests, setDataRequestAnswered } from "../models/compliance.server";
import { asRecord, notFound, readJson } from "../routing.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { requests: await listDataRequests(session.shop) };
};

/** `{ requestKey, answered }`: marks a request answered, or open again. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = asRecord(await readJson(request));
  if (typeof body.requestKey !== "string" || typeof body.answered !== "boolean") {
    return data({ error: "requestKey (text) and answered (true or false) are required" }, 400);
  }
  const found = await setDataRequestAnswered(session.shop, body.requestKey, body.answered);
  if (!found) throw notFound("Data request");
  return { ok: true };
};

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export default function PrivacyRequests() {
  const { requests } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (requestKey: string, customerId: string) => {
    setDownloading(requestKey);
    setError(null);
    try {
      await downloadFile(
        `/app/privacy/${encodeURIComponent(requestKey)}`,
        `ladder-customer-${customerId}.json`,
      );
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setDownloading(null);
    }
  };
  const mark = (requestKey: string, answered: boolean) =>
    fetcher.submit({ requestKey, answered }, { method: "post", encType: "application/json" });

  return (
    <Page title="Privacy requests" backAction={{ content: "Home", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p">
              When a customer asks your shop for their data, Shopify tells Ladder. Download what
              Ladder holds about them (their orders as Ladder recorded them, the offers shown and
              accepted, their experiment group) and send it to them within 30 days. When Shopify
              asks Ladder to erase a customer or your shop, Ladder does it by itself.
            </Text>
            {error ? (
              <Banner tone="critical" title="The report could not be downloaded">
                <p>{error}</p>
              </Banner>
            ) : null}
            <Card padding="0">
              {requests.length === 0 ? (
                <Box padding="400">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingMd">
                      No data requests
                    </Text>
                    <Text as="p" tone="subdued">
                      Requests your customers make through Shopify appear here.
                    </Text>
                  </BlockStack>
                </Box>
              ) : (
                <IndexTable
                  resourceName={{ singular: "data request", plural: "data requests" }}
                  itemCount={requests.length}
                  selectable={false}
                  headings={[
                    { title: "Customer" },
                    { title: "Requested" },
                    { title: "Orders in the report" },
                    { title: "Status" },
                    { title: "Actions" },
                  ]}
                >
                  {requests.map((r, index) => (
                    <IndexTable.Row id={r.requestKey} key={r.requestKey} position={index}>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          Customer {r.customerId}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{dateTime(r.requestedAt)}</IndexTable.Cell>
                      <IndexTable.Cell>{r.orders}</IndexTable.Cell>
                      <IndexTable.Cell>
                        {r.answeredAt ? (
                          <Badge tone="success">{`Sent ${dateTime(r.answeredAt)}`}</Badge>
                        ) : (
                          <Badge tone="attention">Open</Badge>
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <InlineStack gap="200" wrap={false}>
                          <Button
                            onClick={() => void download(r.requestKey, r.customerId)}
                            loading={downloading === r.requestKey}
                            accessibilityLabel={`Download report for customer ${r.customerId}`}
                          >
                            Download report
                          </Button>
                          <Button
                            variant="tertiary"
                            onClick={() => mark(r.requestKey, r.answeredAt === null)}
                            accessibilityLabel={
                              r.answeredAt === null
                                ? `Mark as sent, customer ${r.customerId}`
                                : `Reopen, customer ${r.customerId}`
                            }
                          >
                            {r.answeredAt === null ? "Mark as sent" : "Reopen"}
                          </Button>
                        </InlineStack>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
