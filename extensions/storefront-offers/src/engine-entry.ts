/**
 * The engine as the storefront loads it: its own asset (`ladder-engine.js`), exposing the few
 * functions the storefront script calls on one global, so each asset stays within theme-check's
 * 10,000-byte limit. The storefront script's build maps its engine imports to this global.
 */
import {
  assignGroup,
  evaluateShown,
  formatMoney,
  load,
  offerById,
  parseMoney,
} from "../../../app/engine";

const ENGINE_EXPORTS = {
  assignGroup,
  evaluateShown,
  formatMoney,
  load,
  offerById,
  parseMoney,
};

(globalThis as unknown as { LadderEngine: typeof ENGINE_EXPORTS }).LadderEngine = ENGINE_EXPORTS;
