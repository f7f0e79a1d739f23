import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { GraphqlDocument, NoVariables, UserError } from "../graphql/document";

/**
 * What server logic needs from an authenticated request to call the Admin API. Models take this
 * (not the whole request context) so they run the same for a route, a webhook or a job, and in
 * demo mode, where the same client talks to the in-process stand-in.
 */
export type AdminApi = Pick<AdminApiContext, "graphql">;

type VariablesArg<TVariables> = [TVariables] extends [NoVariables] ? [] : [variables: TVariables];

/**
 * Sends a typed document and returns its data. GraphQL errors never reach here: the Shopify
 * client throws a GraphqlQueryError for a response with `errors`.
 */
export async function adminRequest<TData, TVariables>(
  admin: AdminApi,
  document: GraphqlDocument<TData, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TData> {
  const response = await admin.graphql(document, variables ? { variables } : undefined);
  // The document was validated against the Admin schema (tests), so its data has the declared shape.
  const body = (await response.json()) as { data?: TData };
  if (!body.data) {
    throw new Error(`Admin API returned no data for ${operationName(document)}`);
  }
  return body.data;
}

export class AdminUserErrors extends Error {
  constructor(
    readonly operation: string,
    readonly userErrors: UserError[],
  ) {
    super(`${operation} failed: ${userErrors.map(describe).join("; ")}`);
    this.name = "AdminUserErrors";
  }
}

/**
 * Every mutation reports validation problems in `userErrors` with HTTP 200, so a caller that only
 * looks at `data` would treat a rejected write as a success. Returns the payload when clean.
 */
export function requireNoUserErrors<TPayload extends { userErrors: UserError[] }>(
  operation: string,
  payload: TPayload | null | undefined,
): TPayload {
  if (!payload) throw new Error(`${operation} returned no payload`);
  if (payload.userErrors.length > 0) throw new AdminUserErrors(operation, payload.userErrors);
  return payload;
}

function describe(error: UserError): string {
  return error.field?.length ? `${error.field.join(".")}: ${error.message}` : error.message;
}

function operationName(document: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "anonymous operation";
}
