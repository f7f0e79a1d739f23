/** Cart endpoints whose success means the cart changed (with or without a locale prefix). */
const CART_WRITE = /\/cart\/(add|change|update|clear)(\.js)?([?#]|$)/;

/** Events that common themes dispatch when their cart or drawer changes. */
export const THEME_EVENTS = ["cart:updated", "cart:refresh", "cart:change", "ajaxProduct:added"];

/** A fetch target's URL: a string, a URL or a Request. */
const urlOf = (input: unknown) =>
  String(input && typeof input === "object" && "url" in input ? input.url : input);

export const isCartWrite = (url: string) => CART_WRITE.test(url);

/**
 * Calls `onChange` after the theme changes the cart: its `fetch` and `XMLHttpRequest` calls to
 * the Cart API are watched (wrapped, never altered), and its cart events listened to. No polling.
 * Returns the page's original `fetch`, for Ladder's own requests.
 */
export function observeCart(win: Window & typeof globalThis, onChange: () => void): typeof fetch {
  const original = win.fetch.bind(win);
  win.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const result = original(input, init);
    if (isCartWrite(urlOf(input))) {
      result.then((response) => (response.ok ? onChange() : undefined)).catch(() => undefined);
    }
    return result;
  };
  const proto = win.XMLHttpRequest.prototype;
  const open = proto.open;
  proto.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
    if (isCartWrite(String(args[1]))) {
      this.addEventListener("load", () => {
        if (this.status >= 200 && this.status < 300) onChange();
      });
    }
    return open.apply(this, args);
  } as typeof open;
  for (const name of THEME_EVENTS) win.document.addEventListener(name, onChange);
  return original;
}
