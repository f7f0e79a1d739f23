/**
 * Polaris reads media queries as it loads, and jsdom has none: import this before Polaris in a
 * jsdom test.
 */
Object.assign(window, {
  matchMedia: (query: string) => ({
    matches: false,
    media: query,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }),
});
