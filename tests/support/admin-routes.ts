/**
 * Calling the admin's real Remix loaders and actions as the embedded app would: requests carry a
 * session token signed by Shopify's test helpers, and every outcome (data, `data()` with a
 * status, a returned or thrown Response) is read the same way.
 */
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
  TEST_SHOP,
} from "@shopify/shopify-api/test-helpers";
import { sessionStorage } from "../../app/shopify.server";

export { TEST_SHOP };

/** Stores the offline session the app's Admin API client uses for a shop. */
export async function installSession(shop = TEST_SHOP): Promise<void> {
  await sessionStorage.storeSession(setUpValidSession({ shop }));
}

/** An authenticated request (bearer session token) to an admin path, with an optional JSON body. */
export async function adminRequest(
  path: string,
  options: { json?: unknown; method?: string; shop?: string } = {},
): Promise<Request> {
  const shop = options.shop ?? TEST_SHOP;
  const init: RequestInit =
    options.json === undefined
      ? { method: options.method ?? "GET" }
      : {
          method: options.method ?? "POST",
          body: JSON.stringify(options.json),
          headers: { "Content-Type": "application/json" },
        };
  return setUpValidRequest(
    {
      type: RequestType.Bearer,
      store: shop.replace(/\.myshopify\.com$/, ""),
      apiKey: API_KEY,
      apiSecretKey: API_SECRET_KEY,
    },
    new Request(new URL(path, APP_URL), init),
  );
}

export interface Outcome<T> {
  status: number;
  data: T;
  headers: Headers;
}

interface DataWithInit {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

function isDataWithInit(value: unknown): value is DataWithInit {
  return (
    typeof value === "object" &&
    value !== null &&
    "type" in value &&
    value.type === "DataWithResponseInit"
  );
}

async function fromResponse<T>(response: Response): Promise<Outcome<T>> {
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, data: data as T, headers: response.headers };
}

/** Runs a loader or action and reads its outcome, whatever form the route used. */
export async function outcome<T = unknown>(run: () => Promise<unknown>): Promise<Outcome<T>> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse<T>(thrown);
    if (isDataWithInit(thrown)) {
      return { status: thrown.init?.status ?? 500, data: thrown.data as T, headers: new Headers() };
    }
    throw thrown;
  }
  if (value instanceof Response) return fromResponse<T>(value);
  if (isDataWithInit(value)) {
    return {
      status: value.init?.status ?? 200,
      data: value.data as T,
      headers: new Headers(value.init?.headers),
    };
  }
  return { status: 200, data: value as T, headers: new Headers() };
}

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});
