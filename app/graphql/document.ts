declare const operationTypes: unique symbol;

/**
 * A GraphQL document string that also carries the TypeScript types of its result and variables,
 * so `adminRequest` returns typed data without a code generator (which would need to download the
 * schema). Every exported document in app/graphql is validated against the Admin schema by the
 * tests, which keeps these hand-written types honest about field names.
 */
export type GraphqlDocument<TData, TVariables = NoVariables> = string & {
  readonly [operationTypes]?: { data: TData; variables: TVariables };
};

export type NoVariables = Record<string, never>;

export function adminDocument<TData, TVariables = NoVariables>(
  source: string,
): GraphqlDocument<TData, TVariables> {
  return source as GraphqlDocument<TData, TVariables>;
}

/** The shape every Admin API mutation payload reports problems in. */
export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}
