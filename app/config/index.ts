/** Boundary validation (zod) for what enters Ladder: offer configs and checkout inputs. */
export {
  validateConfig,
  formatProblem,
  formatPath,
  type Problem,
  type Validated,
} from "./validate";
export { validateCheckout } from "./checkout";
export { configSchema, LIMITS } from "./schema";
