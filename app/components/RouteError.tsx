import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";

/** A page-level error a merchant can act on (a missing offer, a bad request), inside the admin. */
export function RouteError({ backUrl, backLabel }: { backUrl: string; backLabel: string }) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? "Not found" : "Something went wrong";
  const message = notFound
    ? "This item does not exist in your store, or it was deleted."
    : isRouteErrorResponse(error)
      ? typeof error.data === "string" && error.data
        ? error.data
        : `${error.status} ${error.statusText}`
      : "Reload the page; if it happens again, contact support.";
  return (
    <Page title={title} backAction={{ content: backLabel, url: backUrl }}>
      <Banner tone={notFound ? "warning" : "critical"} title={title}>
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
