import type { ReactNode } from "react";
import { useHydrated } from "./useHydrated";

/**
 * A form's controls, disabled (natively, by the fieldset) until React has hydrated the page: what
 * a merchant types then is what gets saved, never keystrokes lost before the page was ready.
 */
export function HydratedFieldset({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset
      disabled={!hydrated}
      aria-busy={!hydrated}
      data-hydrated={hydrated ? "" : undefined}
      // A plain grouping box: no border, and no min-content width (it would force sideways
      // scrolling on a phone).
      style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
    >
      {children}
    </fieldset>
  );
}
