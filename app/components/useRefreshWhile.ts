import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** Reloads the page's data every few seconds while `active` (e.g. an import in progress). */
export function useRefreshWhile(active: boolean, everyMs = 3_000): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, revalidator]);
}
