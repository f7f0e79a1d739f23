/**
 * Preact runs effects "after paint": a 35 ms timer racing jsdom's requestAnimationFrame, whose
 * callback calls cancelAnimationFrame. A timer still pending when a test file ends fires after
 * vitest has removed jsdom's globals, and on a busy machine that happens: an unhandled
 * "cancelAnimationFrame is not defined". Scheduling effects on a plain timer instead (Preact's
 * documented `options.requestAnimationFrame` hook, which @testing-library/preact's `act` uses too)
 * needs no browser global, and a late run only meets components already unmounted.
 */
import { options } from "preact";

options.requestAnimationFrame = (callback) => {
  setTimeout(callback);
};
