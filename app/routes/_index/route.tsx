import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { isDemoMode, login } from "../../shopify.server";
import styles from "./styles.module.css";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  // Shopify opens the app URL with ?shop=…: go straight to the embedded admin.
  if (url.searchParams.get("shop")) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  return { demo: isDemoMode, showForm: !isDemoMode && Boolean(login) };
};

export default function Landing() {
  const { demo, showForm } = useLoaderData<typeof loader>();

  return (
    <main className={styles.page}>
      <div className={styles.content}>
        <h1 className={styles.heading}>Ladder</h1>
        <p className={styles.text}>
          Upsells and cross-sells at Shopify checkout, the way a good shop assistant makes them:
          bundles, good → better → best upgrades, quantity breaks, free-shipping and gift
          incentives, measured against a holdout group.
        </p>
        {demo ? (
          <p>
            <Link className={styles.button} to="/app">
              Open the demo store admin
            </Link>
          </p>
        ) : null}
        {showForm ? (
          <Form className={styles.form} method="post" action="/auth/login">
            <label className={styles.label}>
              <span>Shop domain</span>
              <input
                className={styles.input}
                type="text"
                name="shop"
                placeholder="my-shop.myshopify.com"
              />
            </label>
            <button className={styles.button} type="submit">
              Log in
            </button>
          </Form>
        ) : null}
      </div>
    </main>
  );
}
