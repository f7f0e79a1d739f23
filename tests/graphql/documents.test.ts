import {
  GraphQLObjectType,
  getNamedType,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminScopeRequirements, loadAdminSchema } from "../../app/shopify/admin-schema.server";
import { API_VERSION } from "../../app/shopify/api-version";
import { APP_SCOPES } from "../../app/shopify/scopes";

// Every module in app/graphql; every string it exports is a document the app sends.
const modules = import.meta.glob<Record<string, unknown>>("../../app/graphql/*.ts", {
  eager: true,
});
const documents = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .map(([name, source]) => ({
      name: `${file.replace("../../app/graphql/", "")} ${name}`,
      source,
    })),
);

const schema = loadAdminSchema(API_VERSION);

function validationErrors(source: string): string[] {
  return validate(schema, parse(source)).map((error) => error.message);
}

describe(`GraphQL documents against the Admin API ${API_VERSION} schema`, () => {
  it("finds the app's documents", () => {
    expect(documents.map((d) => d.name)).toEqual(
      expect.arrayContaining(["shop.ts SHOP_QUERY", "metafields.ts METAFIELDS_SET_MUTATION"]),
    );
  });

  it.each(documents)("$name is valid", ({ source }) => {
    expect(validationErrors(source)).toEqual([]);
  });

  it.each(documents)(
    "$name names its operation (for logs and API health reports)",
    ({ source }) => {
      const operations = parse(source).definitions.filter((d) => d.kind === "OperationDefinition");
      expect(operations).toHaveLength(1);
      expect(operations[0]?.name?.value).toMatch(/^Ladder[A-Z]/);
    },
  );

  it("rejects a document with a misspelled field, with the schema's message", () => {
    const misspelled = `query { shop { nmae currencyCode } }`;
    expect(validationErrors(misspelled)).toEqual([
      'Cannot query field "nmae" on type "Shop". Did you mean "name"?',
    ]);
  });

  it("rejects a mutation without its required argument", () => {
    expect(validationErrors(`mutation { metafieldsSet { userErrors { message } } }`)).toEqual([
      'Field "metafieldsSet" argument "metafields" of type "[MetafieldsSetInput!]!" is required, but it was not provided.',
    ]);
  });
});

describe("access scopes", () => {
  const requirements = loadAdminScopeRequirements(API_VERSION);
  const granted = new Set<string>(APP_SCOPES);
  // A write scope includes the matching read scope.
  for (const scope of APP_SCOPES)
    if (scope.startsWith("write_")) granted.add(scope.replace("write_", "read_"));

  function missingScopes(document: DocumentNode): string[] {
    const typeInfo = new TypeInfo(schema);
    const missing = new Set<string>();
    const check = (typeName: string, fieldName: string | undefined) => {
      const requirement = requirements.find(
        (r) =>
          r.typeName === typeName &&
          (fieldName ? r.type === "field" && r.fieldName === fieldName : r.type === "type"),
      );
      const scopes = requirement?.offlineScopes ?? [];
      if (scopes.length > 0 && !scopes.some((s) => granted.has(s))) {
        missing.add(`${typeName}${fieldName ? `.${fieldName}` : ""} needs ${scopes.join(" or ")}`);
      }
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field) return;
          check(parent.name, field.name);
          const returned = getNamedType(field.type);
          if (returned instanceof GraphQLObjectType) check(returned.name, undefined);
        },
      }),
    );
    return [...missing];
  }

  it("Shopify's scope data is present", () => {
    expect(requirements.length).toBeGreaterThan(1000);
  });

  it.each(documents)("$name needs only the scopes the app requests", ({ source }) => {
    expect(missingScopes(parse(source))).toEqual([]);
  });

  it("notices a document that needs a scope the app does not request", () => {
    const draftOrders = parse(`query { draftOrders(first: 1) { nodes { id } } }`);
    expect(missingScopes(draftOrders)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DraftOrder needs /)]),
    );
  });
});
