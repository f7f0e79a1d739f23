import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and while React hydrates it, true from the first client render on.
 * Input typed into server-rendered fields before hydration never reaches React's state (the page
 * then looks edited but has nothing to save), so forms hold input until this is true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
