import { ensureFunctionSchema } from "../../scripts/function-schema";

/** The function suites read extensions/offer-discounts/schema.graphql: make sure it exists. */
export default function setup() {
  ensureFunctionSchema(console.log);
}
