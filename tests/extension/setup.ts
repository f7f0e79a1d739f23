/**
 * Preact runs effects "after paint": a 35 ms timer racing jsdom's requestAnimationFrame, whose
 * callback calls cancelAnimationFrame. A timer still pending when a test file ends fires after
 * vitest has removed jsdom's globals, and on a busy machine that happens: an unhandled
 * "cancelAnimationFrame is not defined". Scheduling effects on a plain timer instead (Preact's
 * documented `options.requestAnimationFrame` hook, which @testing-library/preact's `act` uses too)
 * needs no browser global, and a late run only meets components already unmounted.
 */
import { configure } from "@testing-library/preact";
import { options } from "preact";

// findBy*/waitFor give up after 1 s by default, which a loaded CI machine can miss: 2 minutes
// only guard against a hang (see vitest.config.ts).
configure({ asyncUtilTimeout: 120_000 });

options.requestAnimationFrame = (callback) => {
  setTimeout(callback);
};
