import { readFileSync } from "node:fs";
import path from "node:path";
import {
  getNamedType,
  isLeafType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
} from "graphql";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import {
  CONFIG_KEYS,
  INPUT_KEY,
  SCHEDULE_SLOTS,
  SLOT_NAMES,
  type FunctionInputVariables,
} from "../../extensions/offer-discounts/src/contract";
import { FUNCTION_DIR, functionSchema, queryDocument, querySource, TARGETS } from "./support";

/** Shopify's published cost table for function input queries (limit 30). */
const COST_THREE = new Set(["hasAnyTag", "hasTags", "inAnyCollection", "inCollections"]);

function queryCost(document: DocumentNode): number {
  const typeInfo = new TypeInfo(functionSchema());
  let cost = 0;
  let inside = 0; // below a field that already paid for its whole subtree
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          if (inside > 0) {
            inside += 1;
            return;
          }
          const type = getNamedType(typeInfo.getType());
          if (node.name.value === "__typename") return;
          if (type?.name === "Metafield" || COST_THREE.has(node.name.value)) {
            cost += 3;
            inside = 1;
          } else if (type && isLeafType(type)) {
            cost += 1;
          }
        },
        leave() {
          if (inside > 0) inside -= 1;
        },
      },
    }),
  );
  return cost;
}

/** The size Shopify limits: the query without its comments. */
function sizeWithoutComments(source: string): number {
  const stripped = source
    .split("\n")
    .map((line) => line.replace(/#.*$/, ""))
    .join("\n");
  return new TextEncoder().encode(stripped).length;
}

const toml = parseToml(readFileSync(path.join(FUNCTION_DIR, "shopify.extension.toml"), "utf8")) as {
  api_version: string;
  extensions: {
    handle: string;
    targeting: { target: string; input_query: string; export: string }[];
    input: { variables: { namespace: string; key: string } };
  }[];
};
const extension = toml.extensions[0];

describe.each(["lines", "delivery"] as const)("the %s input query", (target) => {
  const document = queryDocument(target);

  it("is valid against the function's schema", () => {
    expect(validate(functionSchema(), document).map((e) => e.message)).toEqual([]);
  });

  it("stays within Shopify's input query limits (cost ≤ 30, ≤ 3000 bytes)", () => {
    expect(queryCost(document)).toBeLessThanOrEqual(30);
    expect(sizeWithoutComments(querySource(target))).toBeLessThanOrEqual(3000);
  });

  it("declares exactly the variables the admin writes to function_input", () => {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const names = operation?.variableDefinitions?.map((v) => v.variable.name.value) ?? [];
    const written: (keyof FunctionInputVariables)[] = [...SLOT_NAMES];
    expect(names.sort()).toEqual([...written].sort());
    expect(SLOT_NAMES).toHaveLength(SCHEDULE_SLOTS);
  });

  it("reads the config from every metafield part the admin writes", () => {
    const source = querySource(target);
    expect(CONFIG_KEYS).toHaveLength(4);
    for (const key of CONFIG_KEYS) expect(source).toContain(`metafield(key: "${key}")`);
  });

  it("reads only quantity, unit price, variant id and the _ladder_offer attribute per cart line, and the id for line discounts", () => {
    const lines: string[] = [];
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const path: string[] = [];
    visit(operation ?? document, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          if (path[1] === "lines" && !node.selectionSet) lines.push(path.slice(2).join("."));
        },
        leave() {
          path.pop();
        },
      },
    });
    // Delivery needs no line's identity.
    const read = [
      "quantity",
      "cost.amountPerQuantity.amount",
      "merchandise.id",
      "ladderOffer.value",
    ];
    expect(lines).toEqual(target === "lines" ? ["id", ...read] : read);
  });
});

describe("query costs, counted by Shopify's table", () => {
  it("counts leaves 1, tag and collection checks and metafields 3, __typename 0", () => {
    const costOf = (source: string) => queryCost(parse(source));
    expect(costOf(`{ cart { lines { id quantity } } }`)).toBe(2);
    expect(costOf(`{ discount { metafield(key: "a") { jsonValue type } } }`)).toBe(3);
    expect(
      costOf(`{ cart { lines { merchandise { __typename ... on ProductVariant {
        product { hasTags(tags: ["a"]) { tag hasTag } } } } } } }`),
    ).toBe(3);
  });

  it("the two queries cost what the design budgets", () => {
    // The `_ladder_offer` attribute (rule 14) costs one point in each.
    expect(queryCost(queryDocument("lines"))).toBe(27);
    expect(queryCost(queryDocument("delivery"))).toBe(28);
  });
});

describe("shopify.extension.toml", () => {
  it("declares both targets with their queries and exports", () => {
    expect(extension?.handle).toBe("offer-discounts");
    expect(extension?.targeting.map((t) => [t.target, t.input_query, t.export])).toEqual([
      [TARGETS.lines.target, "src/cart_lines_discounts_generate_run.graphql", TARGETS.lines.export],
      [
        TARGETS.delivery.target,
        "src/cart_delivery_options_discounts_generate_run.graphql",
        TARGETS.delivery.export,
      ],
    ]);
  });

  it("reads its input variables from the metafield the admin writes", () => {
    expect(extension?.input.variables).toEqual({ namespace: "$app", key: INPUT_KEY });
  });

  it("uses the API version of the generated schema", () => {
    const schema = readFileSync(path.join(FUNCTION_DIR, "schema.graphql"), "utf8");
    expect(schema.split("\n")[0]).toContain(`Discount Function API ${toml.api_version}`);
    expect(toml.api_version).toBe("2026-10");
  });
});
