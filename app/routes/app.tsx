import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { DemoNavigation } from "../components/DemoNavigation";
import { NAV_ITEMS } from "../components/navigation";
import { appBridgeSettings, authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { ...appBridgeSettings(), shop: session.shop };
};

export default function AppLayout() {
  const { apiKey, embedded, shop } = useLoaderData<typeof loader>();

  return (
    <AppProvider isEmbeddedApp={embedded} apiKey={apiKey}>
      {embedded ? (
        <NavMenu>
          {NAV_ITEMS.map((item) =>
            item.to === "/app" ? (
              <Link key={item.to} to={item.to} rel="home">
                {item.label}
              </Link>
            ) : (
              <Link key={item.to} to={item.to}>
                {item.label}
              </Link>
            ),
          )}
        </NavMenu>
      ) : (
        <DemoNavigation shop={shop} />
      )}
      <Outlet />
    </AppProvider>
  );
}

// Shopify's boundary turns the library's thrown responses (auth bounces, redirects) into the
// right headers and documents inside the admin iframe.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
