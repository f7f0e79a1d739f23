import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { isDemoMode, login } from "../../shopify.server";
import { loginErrorMessage } from "../../shopify/login.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

async function handleLogin(request: Request) {
  // The demo has one shop and no Shopify to log in to.
  if (isDemoMode) throw redirect("/app");
  return { error: loginErrorMessage(await login(request)) };
}

export const loader = async ({ request }: LoaderFunctionArgs) => handleLogin(request);
export const action = async ({ request }: ActionFunctionArgs) => handleLogin(request);

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = actionData?.error ?? loaderData.error;

  return (
    // Not embedded: the merchant is outside the admin when logging in.
    <AppProvider isEmbeddedApp={false} apiKey="">
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">
                Log in to Ladder
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error ?? undefined}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
